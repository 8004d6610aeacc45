package dev.kappa.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Fresh databases on the machine's PostgreSQL (127.0.0.1:5432, trust auth), one per test class, so tests never
 * see each other's rows. Override the server with KAPPA_TEST_PG_URL (a JDBC URL to its postgres database).
 */
public final class TestDatabases {
    public static final String ADMIN_URL = System.getenv().getOrDefault("KAPPA_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    public static final String USER = System.getenv().getOrDefault("KAPPA_TEST_PG_USER", "postgres");

    private TestDatabases() {
    }

    /** Creates an empty database and returns its JDBC URL. */
    public static String create() {
        String name = "kappa_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute("CREATE DATABASE " + name);
        return ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + name;
    }

    public static void drop(String jdbcUrl) {
        String name = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    public static Connection connect(String jdbcUrl) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, USER, "");
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("The test PostgreSQL at " + ADMIN_URL + " is not usable (" + e.getMessage()
                    + "); start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start", e);
        }
    }
}
