package dev.kappa.project;

import dev.kappa.auth.AccountStatus;
import dev.kappa.auth.Role;
import dev.kappa.auth.Tier;

import java.time.Instant;

/**
 * A project's member as managers see them. {@code status} is the account's (admins pause, resume and block
 * accounts); {@code pausedAt} is set while the project's managers have paused them in this project.
 */
public record Member(long userId, String displayName, String email, Role role, Tier tier, AccountStatus status,
                     String externalId, Instant addedAt, Instant pausedAt) {
}
