package dev.kappa.auth;

import dev.kappa.enums.TextEnum;

import java.util.Set;

/**
 * An annotator's tier, copied onto every slot, lease and answer they take (users, slots, leases, answers,
 * baseline_studies {@code .tier}). Each column holds {@link #getLiteral()}; jOOQ maps it to this enum through
 * db/pom.xml's forcedTypes, which is why the enum is compiled with the generated classes.
 */
public enum Tier implements TextEnum {
    CROWD("crowd"), EXPERT("expert");

    public static final Set<String> LITERALS = Set.of("crowd", "expert");

    private final String literal;

    Tier(String literal) {
        this.literal = literal;
    }

    /** The constant a database text names, or null for null. */
    public static Tier of(String literal) {
        return TextEnum.of(Tier.class, literal, "tier");
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
