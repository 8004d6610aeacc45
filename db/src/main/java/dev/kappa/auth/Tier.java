package dev.kappa.auth;

import org.jooq.EnumType;

import java.util.Set;

/**
 * An annotator's tier, copied onto every slot, lease and answer they take (users, slots, leases, answers,
 * baseline_studies {@code .tier}). Each column holds {@link #getLiteral()}; jOOQ maps it to this enum through
 * db/pom.xml's forcedTypes, which is why the enum is compiled with the generated classes.
 */
public enum Tier implements EnumType {
    CROWD("crowd"), EXPERT("expert");

    public static final Set<String> LITERALS = Set.of("crowd", "expert");

    private final String literal;

    Tier(String literal) {
        this.literal = literal;
    }

    /** The tier a database text names, or null for null; anything else is a bug (the columns CHECK the set). */
    public static Tier of(String literal) {
        Tier t = EnumType.lookupLiteral(Tier.class, literal);
        if (t == null && literal != null) {
            throw new IllegalArgumentException("no tier " + literal);
        }
        return t;
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
