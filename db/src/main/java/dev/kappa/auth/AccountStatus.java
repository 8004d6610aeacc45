package dev.kappa.auth;

import org.jooq.EnumType;

import java.util.Set;

/**
 * Whether an account may work (users.status): an admin pauses or blocks it, and the quality sweep pauses an
 * annotator below the gold bar. Paused accounts sign in but get no task; blocked ones cannot sign in. The column holds
 * {@link #getLiteral()}; jOOQ maps it to this enum through db/pom.xml's forcedTypes.
 */
public enum AccountStatus implements EnumType {
    ACTIVE("active"), PAUSED("paused"), BLOCKED("blocked");

    public static final Set<String> LITERALS = Set.of("active", "paused", "blocked");

    private final String literal;

    AccountStatus(String literal) {
        this.literal = literal;
    }

    /** The status a database text names, or null for null; anything else is a bug (the column CHECKs the set). */
    public static AccountStatus of(String literal) {
        AccountStatus s = EnumType.lookupLiteral(AccountStatus.class, literal);
        if (s == null && literal != null) {
            throw new IllegalArgumentException("no account status " + literal);
        }
        return s;
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
