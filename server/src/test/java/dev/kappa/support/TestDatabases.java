package dev.kappa.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Fresh databases, one per test class, so tests never see each other's rows. They live on the PostgreSQL at
 * KAPPA_TEST_PG_URL (a JDBC URL to its postgres database; default the dev/CI machine's 127.0.0.1:5432, trust auth).
 * When nothing answers there (a fresh machine), the first call starts ONE embedded PostgreSQL for the whole test run
 * (every test class shares the JVM: surefire runs one fork) and logs that it did; it stops when the JVM exits.
 */
public final class TestDatabases {
    private static final Logger LOG = Logger.getLogger(TestDatabases.class.getName());
    private static final String CONFIGURED_URL = System.getenv().getOrDefault("KAPPA_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    public static final String USER = System.getenv().getOrDefault("KAPPA_TEST_PG_USER", "postgres");
    private static volatile String adminUrl;
    private static EmbeddedPostgres embedded;

    private TestDatabases() {
    }

    /** The JDBC URL of the server's postgres database: the configured one, or the embedded one started for this run. */
    public static String adminUrl() {
        String url = adminUrl;
        if (url == null) {
            synchronized (TestDatabases.class) {
                if (adminUrl == null) {
                    adminUrl = answers(CONFIGURED_URL) ? CONFIGURED_URL : startEmbedded();
                }
                url = adminUrl;
            }
        }
        return url;
    }

    /** True when this run uses the embedded PostgreSQL it started itself. */
    public static boolean embedded() {
        adminUrl();
        return embedded != null;
    }

    /** Creates an empty database and returns its JDBC URL. */
    public static String create() {
        String name = "kappa_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute("CREATE DATABASE " + name);
        String admin = adminUrl();
        return admin.substring(0, admin.lastIndexOf('/') + 1) + name;
    }

    public static void drop(String jdbcUrl) {
        String name = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    public static Connection connect(String jdbcUrl) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, USER, "");
    }

    /**
     * Whether a PostgreSQL answers at the URL. Only "nothing listens / no route" counts as no answer (SQLSTATE class
     * 08 before any protocol exchange): a server that answers but refuses us is a configuration error to report,
     * not a reason to quietly test against something else.
     */
    private static boolean answers(String url) {
        Properties p = new Properties();
        p.setProperty("user", USER);
        p.setProperty("password", "");
        p.setProperty("connectTimeout", "3");
        try (Connection ignored = DriverManager.getConnection(url, p)) {
            return true;
        } catch (SQLException e) {
            if ("08001".equals(e.getSQLState())) {
                LOG.warning("No PostgreSQL answers at " + url + " (" + e.getMessage() + ")");
                return false;
            }
            return true; // let create() report the real problem with the configured server
        }
    }

    private static String startEmbedded() {
        try {
            long t0 = System.nanoTime();
            embedded = EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start();
            String url = embedded.getJdbcUrl("postgres", "postgres");
            LOG.warning("Tests use an EMBEDDED PostgreSQL started for this test run on port " + embedded.getPort() + " in "
                    + (System.nanoTime() - t0) / 1_000_000 + " ms (set KAPPA_TEST_PG_URL to use another server)");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the temporary files go with zonky's own cleanup
                }
            }, "embedded-test-pg-stop"));
            return url.substring(0, url.indexOf('?') < 0 ? url.length() : url.indexOf('?'));
        } catch (IOException e) {
            throw new IllegalStateException("No PostgreSQL at " + CONFIGURED_URL + " and the embedded one did not start", e);
        }
    }

    private static void execute(String sql) {
        String url = adminUrl();
        try (Connection c = DriverManager.getConnection(url, USER, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("The test PostgreSQL at " + url + " is not usable (" + e.getMessage()
                    + "); start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start,"
                    + " or point KAPPA_TEST_PG_URL at a closed port to use an embedded one", e);
        }
    }
}
