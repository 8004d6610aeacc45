package dev.kappa.assignment;

import dev.kappa.enums.TextEnum;

/**
 * Where an answer came from (answers.source): {@code live}, submitted on a lease, or {@code import}ed from a file
 * (issue 14). The column holds {@link #getLiteral()}; jOOQ maps it to this enum through db/pom.xml's forcedTypes.
 */
public enum AnswerOrigin implements TextEnum {
    LIVE("live"), IMPORT("import");

    private final String literal;

    AnswerOrigin(String literal) {
        this.literal = literal;
    }

    /** The constant a database text names, or null for null. */
    public static AnswerOrigin of(String literal) {
        return TextEnum.of(AnswerOrigin.class, literal, "answer origin");
    }

    @Override
    public String getLiteral() {
        return literal;
    }

    @Override
    public String toString() {
        return literal;
    }
}
