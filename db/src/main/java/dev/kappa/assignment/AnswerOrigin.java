package dev.kappa.assignment;

import org.jooq.EnumType;

import java.util.Set;

/**
 * Where an answer came from (answers.source): {@code live}, submitted on a lease, or {@code import}ed from a file
 * (issue 14). The column holds {@link #getLiteral()}; jOOQ maps it to this enum through db/pom.xml's forcedTypes.
 */
public enum AnswerOrigin implements EnumType {
    LIVE("live"), IMPORT("import");

    public static final Set<String> LITERALS = Set.of("live", "import");

    private final String literal;

    AnswerOrigin(String literal) {
        this.literal = literal;
    }

    /** The answer origin a database text names, or null for null; anything else is a bug (the column CHECKs the set). */
    public static AnswerOrigin of(String literal) {
        AnswerOrigin v = EnumType.lookupLiteral(AnswerOrigin.class, literal);
        if (v == null && literal != null) {
            throw new IllegalArgumentException("no answer origin " + literal);
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
