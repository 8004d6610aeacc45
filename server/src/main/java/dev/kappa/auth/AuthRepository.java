package dev.kappa.auth;

import org.jooq.DSLContext;
import org.jooq.Record;

import java.time.OffsetDateTime;
import java.util.Optional;

import static dev.kappa.db.Tables.API_TOKENS;
import static dev.kappa.db.Tables.SESSIONS;
import static dev.kappa.db.Tables.USERS;

/** SQL for authentication: principals by token or session, and sessions (login counts are in LoginThrottleRepository). */
public final class AuthRepository {
    private AuthRepository() {
    }

    /** A live token of a user who is not blocked; revocation and blocking take effect on the next request. */
    public static Optional<Principal> byToken(DSLContext tx, byte[] tokenHash) {
        return tx.select(USERS.fields()).select(API_TOKENS.ID, API_TOKENS.LAST_USED_AT)
                .from(API_TOKENS).join(USERS).on(USERS.ID.eq(API_TOKENS.USER_ID))
                .where(API_TOKENS.TOKEN_HASH.eq(tokenHash), API_TOKENS.REVOKED_AT.isNull(), USERS.STATUS.ne(AccountStatus.BLOCKED))
                .fetchOptional()
                .map(r -> {
                    OffsetDateTime last = r.get(API_TOKENS.LAST_USED_AT);
                    // Touch at most once a minute, so a busy script does not write on every request.
                    if (last == null || last.isBefore(OffsetDateTime.now().minusMinutes(1))) {
                        tx.update(API_TOKENS).set(API_TOKENS.LAST_USED_AT, OffsetDateTime.now())
                                .where(API_TOKENS.ID.eq(r.get(API_TOKENS.ID))).execute();
                    }
                    return principal(r, null);
                });
    }

    /** A live session's principal, with the session's expiry (a cached principal must not outlive it). */
    public record SessionPrincipal(Principal principal, OffsetDateTime expiresAt) {
    }

    public static Optional<SessionPrincipal> bySession(DSLContext tx, byte[] sessionHash) {
        return tx.select(USERS.fields()).select(SESSIONS.CSRF_TOKEN, SESSIONS.EXPIRES_AT)
                .from(SESSIONS).join(USERS).on(USERS.ID.eq(SESSIONS.USER_ID))
                .where(SESSIONS.ID_HASH.eq(sessionHash), SESSIONS.EXPIRES_AT.gt(OffsetDateTime.now()), USERS.STATUS.ne(AccountStatus.BLOCKED))
                .fetchOptional()
                .map(r -> new SessionPrincipal(principal(r, r.get(SESSIONS.CSRF_TOKEN)), r.get(SESSIONS.EXPIRES_AT)));
    }

    static Principal principal(Record r, String csrf) {
        return new Principal(r.get(USERS.ID), r.get(USERS.EMAIL), r.get(USERS.DISPLAY_NAME), r.get(USERS.ROLE),
                r.get(USERS.TIER), r.get(USERS.STATUS), csrf);
    }

    static void createSession(DSLContext tx, byte[] idHash, long userId, String csrf, OffsetDateTime expires) {
        tx.insertInto(SESSIONS).set(SESSIONS.ID_HASH, idHash).set(SESSIONS.USER_ID, userId)
                .set(SESSIONS.CSRF_TOKEN, csrf).set(SESSIONS.EXPIRES_AT, expires).execute();
        tx.deleteFrom(SESSIONS).where(SESSIONS.USER_ID.eq(userId), SESSIONS.EXPIRES_AT.lt(OffsetDateTime.now())).execute();
    }

    static void deleteSession(DSLContext tx, byte[] idHash) {
        tx.deleteFrom(SESSIONS).where(SESSIONS.ID_HASH.eq(idHash)).execute();
    }
}
