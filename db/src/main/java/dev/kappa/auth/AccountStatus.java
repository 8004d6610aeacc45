package dev.kappa.auth;

import dev.kappa.enums.TextEnum;

/**
 * Whether an account may work (users.status): an admin pauses or blocks it, and the quality sweep pauses an
 * annotator below the gold bar. Paused accounts sign in but get no task; blocked ones cannot sign in. The column holds
 * {@link #getLiteral()}; jOOQ maps it to this enum through db/pom.xml's forcedTypes.
 */
public enum AccountStatus implements TextEnum {
    ACTIVE("active"), PAUSED("paused"), BLOCKED("blocked");

    private final String literal;

    AccountStatus(String literal) {
        this.literal = literal;
    }

    /** The constant a database text names, or null for null. */
    public static AccountStatus of(String literal) {
        return TextEnum.of(AccountStatus.class, literal, "account status");
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
