package dev.kappa.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.kappa.AppConfig;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;

/** HikariCP pool over either database, and the Flyway migration that runs at every start. */
public final class DataSources {
    private DataSources() {
    }

    public static HikariDataSource pool(AppConfig config, String jdbcUrl, String user, String password,
                                        com.zaxxer.hikari.metrics.MetricsTrackerFactory metrics) {
        HikariConfig hc = new HikariConfig();
        hc.setMetricsTrackerFactory(metrics);
        hc.setPoolName("kappa-db");
        hc.setJdbcUrl(jdbcUrl);
        if (!user.isEmpty()) {
            hc.setUsername(user);
        }
        if (!password.isEmpty()) {
            hc.setPassword(password);
        }
        hc.setMaximumPoolSize(config.dbPoolSize());
        hc.setMinimumIdle(Math.min(2, config.dbPoolSize()));
        // Short timeouts make /ready answer 503 quickly while the database is away, instead of hanging.
        hc.setConnectionTimeout(config.dbConnectTimeoutMs());
        hc.setValidationTimeout(Math.max(250, Math.min(config.dbConnectTimeoutMs(), 1000)));
        // Fail on the first connection only in the constructor; later outages are reported by /ready.
        hc.setInitializationFailTimeout(config.dbConnectTimeoutMs());
        return new HikariDataSource(hc);
    }

    public static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }
}
