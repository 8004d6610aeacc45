package dev.kappa.project;

import java.time.Instant;

/**
 * A project's member as managers see them. {@code status} is the account's (admins pause, resume and block
 * accounts); {@code pausedAt} is set while the project's managers have paused them in this project.
 */
public record Member(long userId, String displayName, String email, String role, String tier, String status,
                     String externalId, Instant addedAt, Instant pausedAt) {
}
