package dev.kappa.auth;

import org.jooq.EnumType;

/**
 * What a user may do: admins manage people, engineers run projects, annotators label. {@code users.role} holds
 * {@link #key()}; jOOQ maps the column to this enum (db/pom.xml's forcedTypes), which is why it lives in this module.
 */
public enum Role implements EnumType {
    ADMIN("admin"), ENGINEER("engineer"), ANNOTATOR("annotator");

    private final String key;

    Role(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** The role a database text names, or null for null; anything else is a bug (the column CHECKs the set). */
    public static Role of(String key) {
        Role r = EnumType.lookupLiteral(Role.class, key);
        if (r == null && key != null) {
            throw new IllegalArgumentException("no role " + key);
        }
        return r;
    }

    /** Admins and engineers set up projects and pull results. */
    public boolean manages() {
        return this == ADMIN || this == ENGINEER;
    }

    @Override
    public String getLiteral() {
        return key;
    }

    /** Not a PostgreSQL enum type: the column is text, so jOOQ binds the literal without a cast. */
    @Override
    public String getName() {
        return null;
    }

    @Override
    public String toString() {
        return key;
    }
}
