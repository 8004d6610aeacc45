package dev.kappa.auth;

import dev.kappa.error.Problems;
import dev.kappa.sql.Db;
import io.vertx.core.Future;
import org.jooq.Record;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static dev.kappa.db.Tables.USERS;

/**
 * Password login with throttling ({@link LoginThrottle}), session creation and logout. The attempt is counted before
 * the password is checked; a correct password then clears the pair's count and marks the browser and address as known.
 */
public final class AuthService {
    /** A new session: the cookie value (shown once, stored hashed), its CSRF token, and the browser's device cookie. */
    public record Session(String cookieValue, String csrfToken, Principal principal, OffsetDateTime expiresAt, String deviceToken) {
    }

    public record Throttle(int perAccount, int perAddress, int windowSeconds, int sessionHours) {
    }

    /** Where an attempt comes from: the client address (proxies resolved) and the device cookie it sent, if any. */
    public record Origin(String address, String deviceToken) {
    }

    private record Attempt(String pairKey, List<String> knownSources, Optional<Record> user) {
    }

    private final Db db;
    private final Throttle throttle;

    public AuthService(Db db, Throttle throttle) {
        this.db = db;
        this.throttle = throttle;
    }

    public Future<Session> login(String email, String password, Origin origin) {
        String account = email.trim().toLowerCase(Locale.ROOT);
        String address = LoginThrottle.addressSource(origin.address());
        String device = origin.deviceToken() == null ? null : LoginThrottle.deviceSource(origin.deviceToken());
        return db.tx(tx -> {
            boolean knownDevice = device != null && LoginThrottle.known(tx, account, device);
            boolean known = knownDevice || LoginThrottle.known(tx, account, address);
            String pairKey = account + "\n" + (knownDevice ? device : address);
            List<LoginThrottle.Key> keys = new ArrayList<>();
            keys.add(new LoginThrottle.Key("pair", pairKey, throttle.perAccount()));
            if (!known) {
                keys.add(new LoginThrottle.Key("account", account, throttle.perAccount()));
                keys.add(new LoginThrottle.Key("address", origin.address(), throttle.perAddress()));
            }
            int wait = LoginThrottle.count(tx, keys, throttle.windowSeconds());
            if (wait > 0) {
                throw Problems.tooManyRequests("Too many login attempts; try again in " + wait + " s", wait);
            }
            List<String> sources = device == null ? List.of(address) : List.of(address, device);
            return new Attempt(pairKey, sources, tx.selectFrom(USERS).where(org.jooq.impl.DSL.lower(USERS.EMAIL).eq(account)).fetchOptional().map(r -> (Record) r));
        }).compose(attempt -> {
            // bcrypt runs outside the transaction so no connection is held for its ~70 ms; the attempt is already counted.
            String hash = attempt.user().map(u -> u.get(USERS.PASSWORD_HASH)).orElse(null);
            boolean ok = Passwords.verify(password, hash);
            if (!ok || attempt.user().isEmpty() || attempt.user().get().get(USERS.STATUS) == AccountStatus.BLOCKED) {
                return Future.succeededFuture((Session) null);
            }
            return db.tx(tx -> {
                Record u = attempt.user().get();
                String deviceToken = origin.deviceToken() != null ? origin.deviceToken() : Secrets.random("");
                List<String> sources = new ArrayList<>(List.of(address));
                sources.add(LoginThrottle.deviceSource(deviceToken));
                LoginThrottle.succeeded(tx, account, attempt.pairKey(), sources, throttle.windowSeconds());
                String cookie = Secrets.random("");
                String csrf = Secrets.random("");
                OffsetDateTime expires = OffsetDateTime.now().plusHours(throttle.sessionHours());
                AuthRepository.createSession(tx, Secrets.sha256(cookie), u.get(USERS.ID), csrf, expires);
                return new Session(cookie, csrf, AuthRepository.principal(u, csrf), expires, deviceToken);
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
