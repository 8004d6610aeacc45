package dev.kappa.auth;

import dev.kappa.error.Problems;
import dev.kappa.sql.Db;
import io.vertx.core.Future;
import org.jooq.Record;

import java.time.OffsetDateTime;
import java.util.Locale;

import static dev.kappa.db.Tables.USERS;

/** Password login with throttling, session creation and logout. Throttling is counted in PostgreSQL, per account and per address. */
public final class AuthService {
    /** A new session: the cookie value (shown once, stored hashed) and its CSRF token. */
    public record Session(String cookieValue, String csrfToken, Principal principal, OffsetDateTime expiresAt) {
    }

    public record Throttle(int perAccount, int perAddress, int windowSeconds, int sessionHours) {
    }

    private final Db db;
    private final Throttle throttle;

    public AuthService(Db db, Throttle throttle) {
        this.db = db;
        this.throttle = throttle;
    }

    public Future<Session> login(String email, String password, String address) {
        String account = email.trim().toLowerCase(Locale.ROOT);
        return db.tx(tx -> {
            if (AuthRepository.recentFailures(tx, "account", account, throttle.windowSeconds()) >= throttle.perAccount()
                    || AuthRepository.recentFailures(tx, "address", address, throttle.windowSeconds()) >= throttle.perAddress()) {
                throw Problems.tooManyRequests("Too many failed logins; try again in " + throttle.windowSeconds() / 60 + " minutes");
            }
            return tx.selectFrom(USERS).where(org.jooq.impl.DSL.lower(USERS.EMAIL).eq(account)).fetchOptional();
        }).compose(user -> {
            // bcrypt runs outside the transaction so no connection is held for its ~70 ms.
            String hash = user.map(u -> u.getPasswordHash()).orElse(null);
            boolean ok = Passwords.verify(password, hash);
            return db.tx(tx -> {
                if (!ok || user.isEmpty()) {
                    AuthRepository.recordFailure(tx, "account", account, throttle.windowSeconds());
                    AuthRepository.recordFailure(tx, "address", address, throttle.windowSeconds());
                    return null;
                }
                Record u = user.get();
                if ("blocked".equals(u.get(USERS.STATUS))) {
                    return null;
                }
                AuthRepository.clearFailures(tx, "account", account);
                String cookie = Secrets.random("");
                String csrf = Secrets.random("");
                OffsetDateTime expires = OffsetDateTime.now().plusHours(throttle.sessionHours());
                AuthRepository.createSession(tx, Secrets.sha256(cookie), u.get(USERS.ID), csrf, expires);
                return new Session(cookie, csrf, AuthRepository.principal(u, csrf), expires);
            });
        }).map(session -> {
            if (session == null) {
                // One answer for unknown email, wrong password and blocked account: it must not reveal which.
                throw Problems.unauthorized("The email or password is wrong, or the account is blocked");
            }
            return session;
        });
    }

    public Future<Void> logout(String cookieValue) {
        return db.tx(tx -> {
            AuthRepository.deleteSession(tx, Secrets.sha256(cookieValue));
            return null;
        });
    }
}
