package dev.kappa.study;

import dev.kappa.enums.TextEnum;

/**
 * Whether a baseline study still hands out tasks (baseline_studies.status). The column holds {@link #getLiteral()};
 * jOOQ maps it to this enum through db/pom.xml's forcedTypes.
 */
public enum StudyStatus implements TextEnum {
    RUNNING("running"), STOPPED("stopped");

    private final String literal;

    StudyStatus(String literal) {
        this.literal = literal;
    }

    /** The constant a database text names, or null for null. */
    public static StudyStatus of(String literal) {
        return TextEnum.of(StudyStatus.class, literal, "study status");
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
