package dev.kappa.support;

import dev.kappa.AppConfig;
import dev.kappa.Kappa;

import java.util.HashMap;
import java.util.Map;

/** A real Kappa server on a free port over its own fresh database on the machine's PostgreSQL. */
public final class TestServer implements AutoCloseable {
    public static final String ADMIN_EMAIL = "admin@kappa.test";
    public static final String ADMIN_PASSWORD = "admin-password-1";
    public static final String ADMIN_KEY = "kappa_test_admin_key_0123456789";

    private final String databaseUrl;
    private final Kappa kappa;
    private final boolean ownsDatabase;

    private TestServer(String databaseUrl, Kappa kappa, boolean ownsDatabase) {
        this.databaseUrl = databaseUrl;
        this.kappa = kappa;
        this.ownsDatabase = ownsDatabase;
    }

    public static TestServer start() {
        return start(Map.of());
    }

    public static TestServer start(Map<String, String> extraEnv) {
        String url = TestDatabases.create();
        return new TestServer(url, startOn(url, extraEnv), true);
    }

    /** A second (third...) process-like server on an existing database: shares nothing with the first but the database. */
    public static TestServer onDatabase(String url, Map<String, String> extraEnv) {
        return new TestServer(url, startOn(url, extraEnv), false);
    }

    private static Kappa startOn(String url, Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>();
        env.put("KAPPA_HTTP_PORT", "0");
        env.put("KAPPA_HTTP_HOST", "127.0.0.1");
        env.put("KAPPA_DATABASE_URL", url);
        env.put("KAPPA_DATABASE_USER", TestDatabases.USER);
        env.put("KAPPA_DB_POOL_SIZE", "8");
        env.put("KAPPA_SHUTDOWN_TIMEOUT_SECONDS", "2");
        env.put("KAPPA_ADMIN_EMAIL", ADMIN_EMAIL);
        env.put("KAPPA_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("KAPPA_ADMIN_API_KEY", ADMIN_KEY);
        env.putAll(extraEnv);
        try {
            return Kappa.start(AppConfig.fromEnv(env));
        } catch (Exception e) {
            throw new IllegalStateException("test server did not start", e);
        }
    }

    public Http http() {
        return new Http(kappa.port());
    }

    /** A client authenticated as the first admin (by the bootstrap API key). */
    public Http admin() {
        return http().bearer(ADMIN_KEY);
    }

    /** Creates a user through the API and returns a client holding a fresh token of theirs. */
    public Users.Created user(String role, String tier) {
        return Users.create(this, role, tier);
    }

    public Kappa kappa() {
        return kappa;
    }

    public int port() {
        return kappa.port();
    }

    public String databaseUrl() {
        return databaseUrl;
    }

    @Override
    public void close() {
        kappa.close();
        if (ownsDatabase) {
            TestDatabases.drop(databaseUrl);
        }
    }
}
