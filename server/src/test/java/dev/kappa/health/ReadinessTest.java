package dev.kappa.health;

import dev.kappa.AppConfig;
import dev.kappa.Kappa;
import dev.kappa.support.Http;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReadinessTest {
    @TempDir
    Path pgDir;

    @Test
    @DisplayName("/ready turns 503 while the database is down and 200 again when it returns")
    void readyFollowsTheDatabase() throws Exception {
        int pgPort;
        try (ServerSocket s = new ServerSocket(0)) {
            pgPort = s.getLocalPort();
        }
        EmbeddedPostgres pg = start(pgPort);
        AppConfig config = AppConfig.fromEnv(Map.of(
                "KAPPA_HTTP_PORT", "0", "KAPPA_HTTP_HOST", "127.0.0.1",
                "KAPPA_DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres",
                "KAPPA_DATABASE_USER", "postgres", "KAPPA_DB_CONNECT_TIMEOUT_MS", "500"));
        try (Kappa kappa = Kappa.start(config)) {
            Http http = new Http(kappa.port());
            assertEquals(200, http.get("/ready").status());

            pg.close();
            Http.Response down = http.get("/ready");
            assertEquals(503, down.status(), down.body());
            assertEquals("application/problem+json", down.header("Content-Type"));
            assertEquals(200, http.get("/health").status(), "liveness does not depend on the database");

            pg = start(pgPort);
            int status = 0;
            for (int i = 0; i < 40 && status != 200; i++) {
                status = http.get("/ready").status();
                if (status != 200) {
                    Thread.sleep(250);
                }
            }
            assertEquals(200, status, "/ready should recover once the database is back");
        } finally {
            pg.close();
        }
    }

    private EmbeddedPostgres start(int port) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(pgDir).setCleanDataDirectory(false).setPort(port).start();
    }
}
