package dev.kappa.health;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** The probe's one statement, on the probe's own connection ({@link Readiness}). */
final class ReadinessSql {
    private static final String INSTALLATION = "select uuid from installation";

    private ReadinessSql() {
    }

    /** The installation id, or an exception once the statement has run for a second. */
    static UUID installation(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSTALLATION)) {
            s.setQueryTimeout(1);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        }
    }
}
