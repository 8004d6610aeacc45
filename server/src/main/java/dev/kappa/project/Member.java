package dev.kappa.project;

import java.time.Instant;

/** A project's member as managers see them. */
public record Member(long userId, String displayName, String email, String role, String tier, String status,
                     String externalId, Instant addedAt) {
}
