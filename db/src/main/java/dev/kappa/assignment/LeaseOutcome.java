package dev.kappa.assignment;

import org.jooq.EnumType;

import java.util.Set;

/**
 * How a lease ended (leases.outcome; null while it is open): its holder answered, skipped the item, or released it
 * unanswered. The column holds {@link #getLiteral()}; jOOQ maps it to this enum through db/pom.xml's forcedTypes.
 */
public enum LeaseOutcome implements EnumType {
    ANSWERED("answered"), SKIPPED("skipped"), RELEASED("released");

    public static final Set<String> LITERALS = Set.of("answered", "skipped", "released");

    private final String literal;

    LeaseOutcome(String literal) {
        this.literal = literal;
    }

    /** The lease outcome a database text names, or null for null; anything else is a bug (the column CHECKs the set). */
    public static LeaseOutcome of(String literal) {
        LeaseOutcome v = EnumType.lookupLiteral(LeaseOutcome.class, literal);
        if (v == null && literal != null) {
            throw new IllegalArgumentException("no lease outcome " + literal);
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
