package dev.kappa.sql;

import dev.kappa.support.TestDatabases;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.ResultSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrationsTest {
    @Test
    @DisplayName("every migration applies to an empty database, and a second run has nothing left to do")
    void migrationsApplyToAnEmptyDatabase() throws Exception {
        String url = TestDatabases.create();
        try {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(url);
            ds.setUser(TestDatabases.USER);
            DataSources.migrate(ds);
            Flyway flyway = Flyway.configure().dataSource(ds).locations("classpath:db/migration").load();
            MigrationInfo[] applied = flyway.info().applied();
            assertTrue(applied.length >= 1, "no migration applied");
            assertEquals(0, flyway.info().pending().length, "pending migrations after migrate");
            assertEquals(0, flyway.migrate().migrationsExecuted, "a second migrate must be a no-op");
            try (Connection c = TestDatabases.connect(url); ResultSet rs = c.createStatement().executeQuery("select count(*) from installation")) {
                rs.next();
                assertEquals(1, rs.getInt(1));
            }
        } finally {
            TestDatabases.drop(url);
        }
    }
}
