package dev.kappa.auth;

import org.jooq.DSLContext;

import java.util.HexFormat;
import java.util.List;

/**
 * Who may try a password now, counted in PostgreSQL so that every server process shares the count.
 *
 * <p>Every attempt is counted BEFORE the password is checked, by one upsert that only counts keys whose delay has
 * passed: concurrent guesses serialise on the key's row, so 20 parallel guesses against a limit of 5 get exactly 5
 * password checks. Past the free attempts each further one pushes the next allowed time out (window/30, then twice as
 * long each time, up to the window): a progressive delay, never a lock that someone else can impose on the owner.
 *
 * <p>Keys: always the pair (account, source), where the source is the browser's device cookie when that browser has
 * logged into this account before, else the client address. Only attempts from a source that never logged into the
 * account (strangers) also count against the account as a whole and against their address. So strangers are slowed
 * down however many addresses they use, while the owner's known browser or address keeps its own allowance.
 */
final class LoginThrottle {
    /** A key to count: its scope, its value and how many attempts it gets before delays start. */
    record Key(String scope, String key, int free) {
    }

    private LoginThrottle() {
    }

    static String deviceSource(String deviceToken) {
        return "device:" + HexFormat.of().formatHex(Secrets.sha256(deviceToken));
    }

    static String addressSource(String address) {
        return "address:" + address;
    }

    /** Whether the account has logged in from this source (a device or an address) before. */
    static boolean known(DSLContext tx, String account, String source) {
        return LoginThrottleRepository.known(tx, account, source);
    }

    /**
     * Counts one attempt under each key whose delay has passed, in one statement; returns how many seconds the caller
     * must wait (0 when every key counted it, so the password may be checked).
     */
    static int count(DSLContext tx, List<Key> keys, int windowSeconds) {
        if (LoginThrottleRepository.count(tx, keys, windowSeconds) == keys.size()) {
            return 0;
        }
        Integer secs = LoginThrottleRepository.secondsUntilAllowed(tx, keys);
        return secs == null || secs < 1 ? 1 : secs;
    }

    /** After a correct password: the pair and the account start afresh, and the source becomes known. */
    static void succeeded(DSLContext tx, String account, String pairKey, List<String> sources, int windowSeconds) {
        LoginThrottleRepository.forget(tx, pairKey, account);
        for (String source : sources) {
            LoginThrottleRepository.remember(tx, account, source);
        }
        // Keep the table small.
        LoginThrottleRepository.prune(tx, windowSeconds);
    }
}
