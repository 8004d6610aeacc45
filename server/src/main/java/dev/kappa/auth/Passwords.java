package dev.kappa.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.kappa.error.Problems;

import java.nio.charset.StandardCharsets;

/** bcrypt (cost 10) through a maintained library; never a hand-rolled hash. */
public final class Passwords {
    public static final int MIN_LENGTH = 10;
    /** bcrypt reads at most 72 bytes; longer passwords would be silently truncated, so they are refused. */
    public static final int MAX_BYTES = 72;
    private static final int COST = 10;
    /** Verified against when the account does not exist, so timing does not reveal which emails are registered. */
    private static final String DUMMY = hash("kappa-dummy-password");

    private Passwords() {
    }

    public static void check(String field, String password) {
        if (password.length() < MIN_LENGTH) {
            throw Problems.invalid(field, "must be at least " + MIN_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw Problems.invalid(field, "must be at most " + MAX_BYTES + " bytes");
        }
    }

    public static String hash(String password) {
        return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
    }

    public static boolean verify(String password, String hash) {
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return false;
        }
        return BCrypt.verifyer().verify(password.toCharArray(), hash == null ? DUMMY : hash).verified && hash != null;
    }
}
