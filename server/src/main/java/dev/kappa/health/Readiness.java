package dev.kappa.health;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.sql.Connection;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The readiness probe's own way to the database: one connection in its own pool, on its own thread, so that during an
 * outage /ready neither queues behind stalled requests for a worker or a pooled connection nor waits out their
 * timeouts. Every probe answers within {@link #TIMEOUT_MS}: a probe still waiting then counts as "down".
 */
public final class Readiness implements AutoCloseable {
    public static final int TIMEOUT_MS = 1000;

    private final HikariDataSource pool;
    private final WorkerExecutor thread;

    private Readiness(HikariDataSource pool, WorkerExecutor thread) {
        this.pool = pool;
        this.thread = thread;
    }

    public static Readiness start(Vertx vertx, String jdbcUrl, String user, String password) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("kappa-ready");
        hc.setJdbcUrl(jdbcUrl);
        if (!user.isEmpty()) {
            hc.setUsername(user);
        }
        if (!password.isEmpty()) {
            hc.setPassword(password);
        }
        hc.setMaximumPoolSize(1);
        hc.setMinimumIdle(1);
        hc.setConnectionTimeout(Math.max(250, TIMEOUT_MS - 200));
        hc.setValidationTimeout(250);
        hc.setInitializationFailTimeout(-1); // the main pool already proved the database at start; never fail here
        // A half-open socket (database host gone) must not hold the probe's one connection forever.
        hc.addDataSourceProperty("socketTimeout", "2");
        hc.addDataSourceProperty("connectTimeout", "1");
        return new Readiness(new HikariDataSource(hc), vertx.createSharedWorkerExecutor("kappa-ready", 2, 10, TimeUnit.SECONDS));
    }

    /** The installation id when the database answers in time; a failed future (never a stall) otherwise. */
    public Future<UUID> check() {
        return thread.<UUID>executeBlocking(() -> {
            try (Connection c = pool.getConnection()) {
                return ReadinessSql.installation(c);
            }
        }, false).timeout(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        pool.close();
        thread.close();
    }
}
