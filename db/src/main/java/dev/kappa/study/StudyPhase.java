package dev.kappa.study;

import dev.kappa.enums.TextEnum;

/**
 * The three phases an annotator goes through in a baseline study, in order (study_items.phase, study_tasks.phase):
 * training with feedback, a qualification test, then the measured items. The columns hold {@link #getLiteral()}; jOOQ
 * maps them to this enum through db/pom.xml's forcedTypes.
 */
public enum StudyPhase implements TextEnum {
    TRAINING("training"), QUALIFICATION("qualification"), MEASUREMENT("measurement");

    private final String literal;

    StudyPhase(String literal) {
        this.literal = literal;
    }

    /** The constant a database text names, or null for null. */
    public static StudyPhase of(String literal) {
        return TextEnum.of(StudyPhase.class, literal, "study phase");
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
