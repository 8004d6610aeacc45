package dev.kappa.auth;

import java.util.Locale;
import java.util.Set;

/** What a user may do: admins manage people, engineers run projects, annotators label. */
public enum Role {
    ADMIN, ENGINEER, ANNOTATOR;

    public static final Set<String> KEYS = Set.of("admin", "engineer", "annotator");

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role of(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }

    /** Admins and engineers set up projects and pull results. */
    public boolean manages() {
        return this == ADMIN || this == ENGINEER;
    }
}
