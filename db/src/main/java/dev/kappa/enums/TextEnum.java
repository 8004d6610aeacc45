package dev.kappa.enums;

import org.jooq.EnumType;

/**
 * An enum kept in a text column that CHECKs its literals; jOOQ maps the column to the enum through db/pom.xml's
 * forcedTypes, which is why these enums are compiled with the generated classes.
 */
public interface TextEnum extends EnumType {
    /** Not a PostgreSQL enum type: the column is text, so jOOQ binds the literal without a cast. */
    @Override
    default String getName() {
        return null;
    }

    /**
     * The constant a database text names, or null for null. Anything else is a bug, since the column CHECKs the set;
     * {@code what} names the kind in the message ("no tier gold").
     */
    static <E extends Enum<E> & EnumType> E of(Class<E> type, String literal, String what) {
        E e = EnumType.lookupLiteral(type, literal);
        if (e == null && literal != null) {
            throw new IllegalArgumentException("no " + what + " " + literal);
        }
        return e;
    }
}
