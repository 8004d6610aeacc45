package dev.kappa.support;

import dev.kappa.AppConfig;
import dev.kappa.Kappa;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.HashMap;
import java.util.Map;

/**
 * A real Kappa server on a free port over its own fresh database on the test PostgreSQL (see {@link TestDatabases}).
 *
 * <p>A test class that needs one server gets it as a JUnit extension, and states nothing else about it:
 * <pre>{@code
 * @RegisterExtension
 * static final TestServer server = TestServer.perClass(Map.of("KAPPA_HARDNESS_INTERVAL_MS", "0"));
 * }</pre>
 * The server starts before the class's {@code @BeforeAll} methods and closes (its database dropped) after its
 * {@code @AfterAll} methods. The field must be static. {@link #start()} gives a started server to close yourself, for
 * a test that needs one of its own (other settings, or a second server with {@link #onDatabase}).
 */
public final class TestServer implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
    public static final String ADMIN_EMAIL = "admin@kappa.test";
    public static final String ADMIN_PASSWORD = "admin-password-1";
    public static final String ADMIN_KEY = "kappa_test_admin_key_0123456789";

    private final Map<String, String> extraEnv;
    private String databaseUrl;
    private Kappa kappa;
    private boolean ownsDatabase;
    /** The test class whose extension started this server: a nested class's callbacks leave it alone. */
    private Class<?> owner;

    private TestServer(Map<String, String> extraEnv) {
        this.extraEnv = Map.copyOf(extraEnv);
    }

    public static TestServer start() {
        return start(Map.of());
    }

    public static TestServer start(Map<String, String> extraEnv) {
        return new TestServer(extraEnv).open(TestDatabases.create(), true);
    }

    /** A second (third...) process-like server on an existing database: shares nothing with the first but the database. */
    public static TestServer onDatabase(String url, Map<String, String> extraEnv) {
        return new TestServer(extraEnv).open(url, false);
    }

    /** A server for one test class, started and closed by JUnit: register it on a static field (see the class comment). */
    public static TestServer perClass() {
        return perClass(Map.of());
    }

    public static TestServer perClass(Map<String, String> extraEnv) {
        return new TestServer(extraEnv);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (kappa == null) {
            owner = context.getRequiredTestClass();
            open(TestDatabases.create(), true);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (context.getRequiredTestClass() == owner) {
            close();
        }
    }

    private TestServer open(String url, boolean owns) {
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
            kappa = Kappa.start(AppConfig.fromEnv(env));
        } catch (Exception e) {
            if (owns) {
                TestDatabases.drop(url);
            }
            throw new IllegalStateException("test server did not start", e);
        }
        databaseUrl = url;
        ownsDatabase = owns;
        return this;
    }

    public Http http() {
        return new Http(port());
    }

    /** A client authenticated as the first admin (by the bootstrap API key). */
    public Http admin() {
        return http().bearer(ADMIN_KEY);
    }

    /** Creates a user through the API and returns a client holding a fresh token of theirs. */
    public Users.Created user(String role, String tier) {
        return Users.create(this, role, tier);
    }

    /** A new engineer (through the API), with a client holding their token. */
    public Users.Created engineer() {
        return user("engineer", null);
    }

    /** A new annotator of the tier (crowd, expert), made a member of each project given. */
    public Users.Created annotator(String tier, long... projects) {
        Users.Created u = user("annotator", tier);
        for (long p : projects) {
            Projects.addMember(this, p, u.id());
        }
        return u;
    }

    /** A single-label pos/neg project made by the admin and managed by every engineer so far: see {@link Projects#create}. */
    public long project(JsonObject settings) {
        return Projects.create(this, settings);
    }

    public Kappa kappa() {
        if (kappa == null) {
            throw new IllegalStateException("the test server is not running: a perClass() server starts before the class's @BeforeAll methods, on a static @RegisterExtension field");
        }
        return kappa;
    }

    public int port() {
        return kappa().port();
    }

    public String databaseUrl() {
        kappa();
        return databaseUrl;
    }

    @Override
    public void close() {
        if (kappa == null) {
            return;
        }
        try {
            kappa.close();
        } finally {
            kappa = null;
            if (ownsDatabase) {
                TestDatabases.drop(databaseUrl);
            }
        }
    }
}
