package dev.kappa.study;

import org.jooq.EnumType;

import java.util.Set;

/**
 * Whether a baseline study still hands out tasks (baseline_studies.status). The column holds {@link #getLiteral()};
 * jOOQ maps it to this enum through db/pom.xml's forcedTypes.
 */
public enum StudyStatus implements EnumType {
    RUNNING("running"), STOPPED("stopped");

    public static final Set<String> LITERALS = Set.of("running", "stopped");

    private final String literal;

    StudyStatus(String literal) {
        this.literal = literal;
    }

    /** The study status a database text names, or null for null; anything else is a bug (the column CHECKs the set). */
    public static StudyStatus of(String literal) {
        StudyStatus v = EnumType.lookupLiteral(StudyStatus.class, literal);
        if (v == null && literal != null) {
            throw new IllegalArgumentException("no study status " + literal);
        }
        return v;
    }

    @Override
    public String getLiteral() {
        return literal;
    }

    /** Not a PostgreSQL enum type: the column is text, so jOOQ binds the literal without a cast. */
    @Override
    public String getName() {
        return null;
    }

    @Override
    public String toString() {
        return literal;
    }
}
