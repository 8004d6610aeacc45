package dev.kappa.user;

import dev.kappa.auth.AccountStatus;
import dev.kappa.auth.Role;
import dev.kappa.auth.Tier;
import dev.kappa.db.tables.records.UsersRecord;

import java.time.Instant;

/** A user as admins see them: never the password, only whether there is one. */
public record UserView(long id, String email, String displayName, Role role, Tier tier, AccountStatus status,
                       String externalId, boolean hasPassword, Instant createdAt, Instant updatedAt) {
    static UserView of(UsersRecord u) {
        return new UserView(u.getId(), u.getEmail(), u.getDisplayName(), u.getRole(), u.getTier(), u.getStatus(),
                u.getExternalId(), u.getPasswordHash() != null, u.getCreatedAt().toInstant(), u.getUpdatedAt().toInstant());
    }

    /** A row of the user list: the user and when they last did something (null: never). */
    public record Listed(@com.fasterxml.jackson.annotation.JsonUnwrapped UserView user, Instant lastActiveAt) {
    }
}
