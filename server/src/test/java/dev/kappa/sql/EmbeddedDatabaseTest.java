package dev.kappa.sql;

import dev.kappa.AppConfig;
import dev.kappa.ConfigException;
import dev.kappa.Kappa;
import dev.kappa.support.Http;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedDatabaseTest {
    @TempDir
    Path dataDir;

    private AppConfig config() {
        return AppConfig.fromEnv(Map.of("KAPPA_HTTP_PORT", "0", "KAPPA_HTTP_HOST", "127.0.0.1", "KAPPA_DATA_DIR", dataDir.toString()));
    }

    @Test
    @DisplayName("with no database URL the server starts its own PostgreSQL, keeps the data across a restart, and refuses a second server on the same directory")
    void embeddedDefaultKeepsDataAndIsExclusive() throws Exception {
        String installation;
        try (Kappa first = Kappa.start(config())) {
            Http.Response ready = new Http(first.port()).get("/ready");
            assertEquals(200, ready.status(), ready.body());
            installation = ready.json().getString("installation_id");
            assertTrue(Files.isDirectory(dataDir.resolve("pg")), "data should live in KAPPA_DATA_DIR/pg");
            first.db().inTx(tx -> tx.execute("create table restart_probe(v text); insert into restart_probe values ('kept')"));

            ConfigException clash = assertThrows(ConfigException.class, () -> Kappa.start(config()).close());
            assertTrue(clash.getMessage().startsWith("KAPPA_DATA_DIR " + dataDir), clash.getMessage());
            assertTrue(clash.getMessage().contains("in use by another Kappa server"), clash.getMessage());
        }
        try (Kappa second = Kappa.start(config())) {
            Http.Response ready = new Http(second.port()).get("/ready");
            assertEquals(200, ready.status(), ready.body());
            assertEquals(installation, ready.json().getString("installation_id"), "a restart must come back on the same database");
            assertEquals("kept", second.db().inTx(tx -> tx.fetchValue("select v from restart_probe", String.class)));
        }
    }
}
