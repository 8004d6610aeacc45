package dev.kappa;

import com.zaxxer.hikari.HikariDataSource;
import dev.kappa.http.AuthHandler;
import dev.kappa.hardness.HardnessScheduler;
import dev.kappa.health.Readiness;
import dev.kappa.quality.QualityService;
import dev.kappa.quality.QualitySweep;
import dev.kappa.user.FirstAdmin;
import dev.kappa.http.ApiRouter;
import dev.kappa.http.Contract;
import dev.kappa.http.HttpVerticle;
import dev.kappa.http.PortReservation;
import dev.kappa.http.RequestId;
import dev.kappa.metrics.Telemetry;
import dev.kappa.sql.DataSources;
import dev.kappa.sql.Db;
import dev.kappa.sql.EmbeddedDatabase;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import io.vertx.openapi.contract.OpenAPIContract;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running server: database (embedded or external), migrations, worker pool, KAPPA_HTTP_INSTANCES HTTP listeners
 * (one event loop each, see {@link HttpVerticle}) and the metrics they report to.
 * {@link #close()} is the graceful stop: no new requests, in-flight ones finish, then pool and database close.
 */
public final class Kappa implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Kappa.class);

    private final AppConfig config;
    private final EmbeddedDatabase embedded;
    private final HikariDataSource pool;
    private final Readiness readiness;
    private final Vertx vertx;
    private final List<HttpVerticle> listeners;
    private final Db db;
    private final Telemetry telemetry;
    private final dev.kappa.auth.PrincipalCache authCache;
    private volatile boolean closed;

    private Kappa(AppConfig config, EmbeddedDatabase embedded, HikariDataSource pool, Readiness readiness, Vertx vertx,
                  List<HttpVerticle> listeners, Db db, Telemetry telemetry, dev.kappa.auth.PrincipalCache authCache) {
        this.authCache = authCache;
        this.config = config;
        this.embedded = embedded;
        this.pool = pool;
        this.readiness = readiness;
        this.vertx = vertx;
        this.listeners = listeners;
        this.db = db;
        this.telemetry = telemetry;
    }

    public static Kappa start(AppConfig config) throws Exception {
        long t0 = System.nanoTime();
        RequestId.init();
        EmbeddedDatabase embedded = null;
        HikariDataSource pool = null;
        Vertx vertx = null;
        Readiness readiness = null;
        Telemetry telemetry = null;
        dev.kappa.auth.PrincipalCache authCache = null;
        // Before anything is created or printed: a port in use must not leave a new database and a lost password.
        PortReservation reservation = PortReservation.take(config.httpHost(), config.httpPort());
        try {
            String url;
            String user = config.databaseUser();
            String password = config.databasePassword();
            if (config.embedded()) {
                embedded = EmbeddedDatabase.start(config.dataDir(), config.embeddedDbPort());
                url = embedded.jdbcUrl();
                user = "";
                password = "";
                LOG.info("embedded PostgreSQL on port {}, data in {}", embedded.port(), config.dataDir().resolve("pg"));
            } else {
                url = config.databaseUrl().orElseThrow();
                LOG.info("external PostgreSQL at {}", url);
            }
            telemetry = Telemetry.create();
            pool = DataSources.pool(config, url, user, password, telemetry.hikari());
            DataSources.migrate(pool);
            DSLContext dsl = DSL.using(pool, SQLDialect.POSTGRES);
            vertx = telemetry.vertx(new VertxOptions());
            WorkerExecutor workers = vertx.createSharedWorkerExecutor("kappa-db", config.workerPoolSize());
            Db db = new Db(dsl, workers);
            FirstAdmin.ensure(db, config);
            readiness = Readiness.start(vertx, url, user, password);
            // Created once and shared by every listener: the services, their gates and the worker pool behind them.
            List<ApiRouter.Routes> features = Features.all(db, config, readiness, telemetry);
            authCache = dev.kappa.auth.PrincipalCache.start(url, user, password, config.authCacheSeconds());
            AuthHandler auth = new AuthHandler(db, authCache);
            // One contract for every listener: loading resolves and compiles openapi.yaml's schemas (read-only after).
            OpenAPIContract contract = Contract.load(vertx).await(30, TimeUnit.SECONDS);
            HardnessScheduler.start(vertx, db, config.hardnessIntervalMs());
            QualitySweep.start(vertx, new QualityService(db), config.qualitySweepSeconds());
            reservation.close();
            List<HttpVerticle> listeners = new CopyOnWriteArrayList<>();
            Vertx v = vertx;
            try {
                vertx.deployVerticle(() -> {
                    HttpVerticle listener = new HttpVerticle(() -> ApiRouter.create(v, config, auth, features, contract),
                            config.httpHost(), config.httpPort());
                    listeners.add(listener);
                    return listener;
                }, new DeploymentOptions().setInstances(config.httpInstances())).await(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                // Someone took the port in the instant between the reservation and the listener (or Netty's own bind
                // error, whose type depends on the transport): still name the port.
                if (e instanceof java.net.BindException || String.valueOf(e.getMessage()).contains("in use")) {
                    throw PortReservation.inUse(config.httpHost(), config.httpPort(), e);
                }
                throw e;
            }
            LOG.info(String.format("Kappa listening on %s:%d (started in %d ms, %d event loops)", config.httpHost(),
                    listeners.get(0).server().actualPort(), (System.nanoTime() - t0) / 1_000_000, listeners.size()));
            return new Kappa(config, embedded, pool, readiness, vertx, List.copyOf(listeners), db, telemetry, authCache);
        } catch (Exception e) {
            if (readiness != null) {
                readiness.close();
            }
            if (authCache != null) {
                authCache.close();
            }
            closeQuietly(vertx, pool, embedded);
            if (telemetry != null) {
                telemetry.close();
            }
            throw e;
        } finally {
            reservation.close();
        }
    }

    public int port() {
        return listeners.get(0).server().actualPort();
    }

    /** The first listener's router; every listener's has the same routes. */
    public Router router() {
        return listeners.get(0).router();
    }

    public Db db() {
        return db;
    }

    public AppConfig config() {
        return config;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("stopping: no new requests, finishing in-flight ones");
        try {
            Future.all(listeners.stream().map(l -> l.server().shutdown(config.shutdownTimeoutSeconds(), TimeUnit.SECONDS)).toList())
                    .await(config.shutdownTimeoutSeconds() + 5L, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("HTTP shutdown: " + e);
        }
        readiness.close();
        authCache.close();
        closeQuietly(vertx, pool, embedded);
        telemetry.close();
        LOG.info("stopped");
    }

    private static void closeQuietly(Vertx vertx, HikariDataSource pool, EmbeddedDatabase embedded) {
        if (vertx != null) {
            try {
                vertx.close().await(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("Vert.x close: " + e);
            }
        }
        if (pool != null) {
            pool.close();
        }
        if (embedded != null) {
            try {
                embedded.close();
            } catch (Exception e) {
                LOG.warn("embedded PostgreSQL close: " + e);
            }
        }
    }
}
