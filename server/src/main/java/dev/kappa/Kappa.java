package dev.kappa;

import com.zaxxer.hikari.HikariDataSource;
import dev.kappa.http.AuthHandler;
import dev.kappa.hardness.HardnessScheduler;
import dev.kappa.health.Readiness;
import dev.kappa.quality.QualityService;
import dev.kappa.quality.QualitySweep;
import dev.kappa.user.FirstAdmin;
import dev.kappa.http.ApiRouter;
import dev.kappa.http.PortReservation;
import dev.kappa.http.ProblemHandler;
import dev.kappa.sql.DataSources;
import dev.kappa.sql.Db;
import dev.kappa.sql.EmbeddedDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * One running server: database (embedded or external), migrations, worker pool, router, HTTP listener.
 * {@link #close()} is the graceful stop: no new requests, in-flight ones finish, then pool and database close.
 */
public final class Kappa implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Kappa.class.getName());

    private final AppConfig config;
    private final EmbeddedDatabase embedded;
    private final HikariDataSource pool;
    private final Readiness readiness;
    private final Vertx vertx;
    private final HttpServer server;
    private final Router router;
    private final Db db;
    private final dev.kappa.auth.PrincipalCache authCache;
    private volatile boolean closed;

    private Kappa(AppConfig config, EmbeddedDatabase embedded, HikariDataSource pool, Readiness readiness, Vertx vertx,
                  HttpServer server, Router router, Db db, dev.kappa.auth.PrincipalCache authCache) {
        this.authCache = authCache;
        this.config = config;
        this.embedded = embedded;
        this.pool = pool;
        this.readiness = readiness;
        this.vertx = vertx;
        this.server = server;
        this.router = router;
        this.db = db;
    }

    public static Kappa start(AppConfig config) throws Exception {
        long t0 = System.nanoTime();
        EmbeddedDatabase embedded = null;
        HikariDataSource pool = null;
        Vertx vertx = null;
        Readiness readiness = null;
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
                LOG.info("embedded PostgreSQL on port " + embedded.port() + ", data in " + config.dataDir().resolve("pg"));
            } else {
                url = config.databaseUrl().orElseThrow();
                LOG.info("external PostgreSQL at " + url);
            }
            pool = DataSources.pool(config, url, user, password);
            DataSources.migrate(pool);
            DSLContext dsl = DSL.using(pool, SQLDialect.POSTGRES);
            vertx = Vertx.vertx();
            WorkerExecutor workers = vertx.createSharedWorkerExecutor("kappa-db", config.workerPoolSize());
            Db db = new Db(dsl, workers);
            FirstAdmin.ensure(db, config);
            readiness = Readiness.start(vertx, url, user, password);
            authCache = dev.kappa.auth.PrincipalCache.start(url, user, password, config.authCacheSeconds());
            Router router = ApiRouter.create(vertx, config, new AuthHandler(db, authCache), Features.all(db, config, readiness));
            HardnessScheduler.start(vertx, db, config.hardnessIntervalMs());
            QualitySweep.start(vertx, new QualityService(db), config.qualitySweepSeconds());
            // No cleartext HTTP/2 upgrade: Vert.x buffers the whole body of an h2c upgrade request before the route
            // sees it, so a streamed import sent by an upgrading client (Java's HttpClient does by default) would be
            // held in the heap. HTTP/1.1 streams it with back-pressure; HTTP/2 remains possible behind TLS.
            reservation.close();
            HttpServer server;
            try {
                server = vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
                        .requestHandler(router)
                        .invalidRequestHandler(ProblemHandler::invalidRequest)
                        .listen(config.httpPort(), config.httpHost())
                        .await(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                // Someone took the port in the instant between the reservation and the listener (or Netty's own bind
                // error, whose type depends on the transport): still name the port.
                if (e instanceof java.net.BindException || String.valueOf(e.getMessage()).contains("in use")) {
                    throw PortReservation.inUse(config.httpHost(), config.httpPort(), e);
                }
                throw e;
            }
            LOG.info(String.format("Kappa listening on %s:%d (started in %d ms)", config.httpHost(), server.actualPort(),
                    (System.nanoTime() - t0) / 1_000_000));
            return new Kappa(config, embedded, pool, readiness, vertx, server, router, db, authCache);
        } catch (Exception e) {
            if (readiness != null) {
                readiness.close();
            }
            if (authCache != null) {
                authCache.close();
            }
            closeQuietly(vertx, pool, embedded);
            throw e;
        } finally {
            reservation.close();
        }
    }

    public int port() {
        return server.actualPort();
    }

    public Router router() {
        return router;
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
            server.shutdown(config.shutdownTimeoutSeconds(), TimeUnit.SECONDS).await(config.shutdownTimeoutSeconds() + 5L, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warning("HTTP shutdown: " + e);
        }
        readiness.close();
        authCache.close();
        closeQuietly(vertx, pool, embedded);
        LOG.info("stopped");
    }

    private static void closeQuietly(Vertx vertx, HikariDataSource pool, EmbeddedDatabase embedded) {
        if (vertx != null) {
            try {
                vertx.close().await(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warning("Vert.x close: " + e);
            }
        }
        if (pool != null) {
            pool.close();
        }
        if (embedded != null) {
            try {
                embedded.close();
            } catch (Exception e) {
                LOG.warning("embedded PostgreSQL close: " + e);
            }
        }
    }
}
