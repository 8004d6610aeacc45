package dev.kappa.token;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kappa.db.tables.records.ApiTokensRecord;

import java.time.Instant;

/** A token as its owner sees it; {@code token}, the secret, only in the answer to its creation. */
public record ApiToken(long id, long userId, String name, String prefix, Instant createdAt, Instant lastUsedAt,
                       boolean revoked, @JsonInclude(JsonInclude.Include.NON_NULL) String token) {
    static ApiToken of(ApiTokensRecord t, String secret) {
        return new ApiToken(t.getId(), t.getUserId(), t.getName(), t.getPrefix(), t.getCreatedAt().toInstant(),
                t.getLastUsedAt() == null ? null : t.getLastUsedAt().toInstant(), t.getRevokedAt() != null, secret);
    }
}
