package dev.kappa.project;

import java.time.Instant;

/** One of a project's managers. */
public record Manager(long userId, String email, String displayName, Instant addedAt) {
}
