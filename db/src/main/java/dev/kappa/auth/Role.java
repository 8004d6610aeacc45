package dev.kappa.auth;

import dev.kappa.enums.TextEnum;

/**
 * What a user may do: admins manage people, engineers run projects, annotators label. {@code users.role} holds
 * {@link #key()}; jOOQ maps the column to this enum (db/pom.xml's forcedTypes), which is why it lives in this module.
 */
public enum Role implements TextEnum {
    ADMIN("admin"), ENGINEER("engineer"), ANNOTATOR("annotator");

    private final String key;

    Role(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** The constant a database text names, or null for null. */
    public static Role of(String key) {
        return TextEnum.of(Role.class, key, "role");
    }

    /** Admins and engineers set up projects and pull results. */
    public boolean manages() {
        return this == ADMIN || this == ENGINEER;
    }

    @Override
    public String getLiteral() {
        return key;
    }

    @Override
    public String toString() {
        return key;
    }
}
