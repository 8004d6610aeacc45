package dev.kappa.token;

import dev.kappa.auth.Principal;
import dev.kappa.auth.Role;
import dev.kappa.auth.Secrets;
import dev.kappa.db.tables.records.ApiTokensRecord;
import dev.kappa.error.Problems;
import dev.kappa.sql.Db;
import io.vertx.core.Future;
import org.jooq.DSLContext;

import java.time.OffsetDateTime;
import java.util.List;

import static dev.kappa.db.Tables.API_TOKENS;
import static dev.kappa.db.Tables.USERS;

/** Named API tokens: shown once at creation, stored as SHA-256, revocable at once. */
public final class TokenService {
    private final Db db;

    public TokenService(Db db) {
        this.db = db;
    }

    public Future<ApiToken> create(long userId, String name) {
        return db.tx(tx -> {
            if (!tx.fetchExists(USERS, USERS.ID.eq(userId))) {
                throw Problems.notFound("user " + userId);
            }
            return issue(tx, userId, name, Secrets.random("kappa_"));
        });
    }

    /** Stores a token whose secret is given (the bootstrap admin key) or freshly drawn. */
    public static ApiToken issue(DSLContext tx, long userId, String name, String secret) {
        ApiTokensRecord t = tx.insertInto(API_TOKENS).set(API_TOKENS.USER_ID, userId).set(API_TOKENS.NAME, name)
                .set(API_TOKENS.TOKEN_HASH, Secrets.sha256(secret)).set(API_TOKENS.PREFIX, secret.substring(0, Math.min(10, secret.length())))
                .returning().fetchOne();
        return ApiToken.of(t, secret);
    }

    public Future<List<ApiToken>> list(long userId) {
        return db.tx(tx -> tx.selectFrom(API_TOKENS).where(API_TOKENS.USER_ID.eq(userId)).orderBy(API_TOKENS.ID).fetch()
                .map(t -> ApiToken.of(t, null)));
    }

    /** Owners revoke their own tokens; admins may revoke anyone's. Someone else's token id is simply not found. */
    public Future<Void> revoke(Principal caller, long tokenId) {
        return db.tx(tx -> {
            var where = API_TOKENS.ID.eq(tokenId);
            if (caller.role() != Role.ADMIN) {
                where = where.and(API_TOKENS.USER_ID.eq(caller.userId()));
            }
            int n = tx.update(API_TOKENS).set(API_TOKENS.REVOKED_AT, OffsetDateTime.now())
                    .where(where).and(API_TOKENS.REVOKED_AT.isNull()).execute();
            if (n == 0 && !tx.fetchExists(API_TOKENS, where)) {
                throw Problems.notFound("token " + tokenId);
            }
            return null;
        });
    }
}
