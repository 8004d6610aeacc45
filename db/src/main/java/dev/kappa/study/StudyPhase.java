package dev.kappa.study;

import org.jooq.EnumType;

import java.util.Set;

/**
 * The three phases an annotator goes through in a baseline study, in order (study_items.phase, study_tasks.phase):
 * training with feedback, a qualification test, then the measured items. The columns hold {@link #getLiteral()}; jOOQ
 * maps them to this enum through db/pom.xml's forcedTypes.
 */
public enum StudyPhase implements EnumType {
    TRAINING("training"), QUALIFICATION("qualification"), MEASUREMENT("measurement");

    public static final Set<String> LITERALS = Set.of("training", "qualification", "measurement");

    private final String literal;

    StudyPhase(String literal) {
        this.literal = literal;
    }

    /** The study phase a database text names, or null for null; anything else is a bug (the columns CHECK the set). */
    public static StudyPhase of(String literal) {
        StudyPhase v = EnumType.lookupLiteral(StudyPhase.class, literal);
        if (v == null && literal != null) {
            throw new IllegalArgumentException("no study phase " + literal);
        }
        return v;
    }

    @Override
    public String getLiteral() {
        return literal;
    }

    /** Not a PostgreSQL enum type: the columns are text, so jOOQ binds the literal without a cast. */
    @Override
    public String getName() {
        return null;
    }

    @Override
    public String toString() {
        return literal;
    }
}
