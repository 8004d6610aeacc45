package dev.kappa.auth;

import java.sql.SQLException;
import java.sql.Statement;

/** The statements of {@link PrincipalCache}'s listener, on its own JDBC connection (never one of the request pool's). */
final class AuthChannelSql {
    /** Notified by V110's triggers with the id of the user whose principal changed ('*' for all). */
    static final String CHANNEL = "kappa_auth";
    private static final String LISTEN = "LISTEN " + CHANNEL;
    private static final String PING = "SELECT 1";

    private AuthChannelSql() {
    }

    static void listen(Statement s) throws SQLException {
        s.execute(LISTEN);
    }

    /** A round trip, so that a connection that died silently fails here. */
    static void ping(Statement s) throws SQLException {
        s.execute(PING);
    }
}
