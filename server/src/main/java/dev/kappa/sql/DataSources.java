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
        // The analyses aggregate a project's million answers in one statement (progress, throughput, the median time
        // per answer): at PostgreSQL's default 4 MB they sort on disk, 3x slower than in memory. work_mem bounds each
        // sort or hash node of a query, not the connection; small queries never reach it.
        hc.addDataSourceProperty("options", "-c work_mem=" + config.dbWorkMemMb() + "MB");
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
