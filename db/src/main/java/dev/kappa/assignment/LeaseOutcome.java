package dev.kappa.assignment;

import dev.kappa.enums.TextEnum;

/**
 * How a lease ended (leases.outcome; null while it is open): its holder answered, skipped the item, or released it
 * unanswered. The column holds {@link #getLiteral()}; jOOQ maps it to this enum through db/pom.xml's forcedTypes.
 */
public enum LeaseOutcome implements TextEnum {
    ANSWERED("answered"), SKIPPED("skipped"), RELEASED("released");

    private final String literal;

    LeaseOutcome(String literal) {
        this.literal = literal;
    }

    /** The constant a database text names, or null for null. */
    public static LeaseOutcome of(String literal) {
        return TextEnum.of(LeaseOutcome.class, literal, "lease outcome");
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
