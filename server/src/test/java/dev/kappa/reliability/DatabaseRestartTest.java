package dev.kappa.reliability;

import dev.kappa.support.Http;
import dev.kappa.support.TestServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL stopped and started again under load (issue 15), on an embedded PostgreSQL of the test's own, so the
 * machine's server is never touched. While it is down every failing request is a 503 problem+json with Retry-After,
 * /ready answers 503 within its timeout without naming Java classes (defect 7), and afterwards the same server
 * process recovers by itself; nothing acknowledged is lost. The longer run is bench/reliability/restart.sh.
 */
class DatabaseRestartTest {
    /** bench/reliability/*.sh runs the same test longer: -Dkappa.reliability.items, .annotators, .rounds. */
    static final int ITEMS = Integer.getInteger("kappa.reliability.items", 60);
    static final int ANNOTATORS = Integer.getInteger("kappa.reliability.annotators", 6);
    static final int ROUNDS = Integer.getInteger("kappa.reliability.rounds", 1);
    static final int OVERLAP = 2;

    private static EmbeddedPostgres startPg(Path dir, int port) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).setPort(port).start();
    }

    @Test
    @DisplayName("database stopped and restarted under load: only 503s while down, /ready fast and plain, recovery without restart, nothing lost")
    void restartUnderLoad() throws Exception {
        Path dir = Files.createTempDirectory("kappa-restart-pg");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        EmbeddedPostgres pg = startPg(dir, port);
        String url = "jdbc:postgresql://localhost:" + port + "/postgres";
        try (TestServer server = TestServer.onDatabase(url, Map.of("KAPPA_DB_POOL_SIZE", "6", "KAPPA_DB_CONNECT_TIMEOUT_MS", "1000"))) {
            long p = Fixtures.project(server, ITEMS, OVERLAP);
            List<String> tokens = Fixtures.annotators(server, p, ANNOTATORS);
            Annotators load = new Annotators().start(tokens, p, server::port);
            Http http = server.http();
            int during503 = 0;
            for (int round = 1; round <= ROUNDS; round++) {
                long t0 = System.nanoTime();
                while (load.acknowledged.size() < 15 * round && System.nanoTime() - t0 < 30_000_000_000L) {
                    Thread.sleep(20);
                }
                pg.close(); // pg_ctl stop -m fast: open sessions are terminated (57P01), new connections refused
                Thread.sleep(500);
                long r0 = System.nanoTime();
                Http.Response ready = http.get("/ready");
                long readyMs = (System.nanoTime() - r0) / 1_000_000;
                assertEquals(503, ready.status(), ready.body());
                assertEquals("application/problem+json", ready.header("Content-Type"));
                assertTrue(readyMs < 2500, "/ready took " + readyMs + " ms while the database was down");
                assertFalse(ready.body().matches("(?s).*(Exception|java\\.|org\\.|com\\.).*"), "names internals: " + ready.body());
                Thread.sleep(1500);
                during503 = load.count(503);
                pg = startPg(dir, port);
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (http.get("/ready").status() != 200 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertEquals(200, http.get("/ready").status(), "the server did not recover by itself");
            }
            long deadline;
            deadline = System.nanoTime() + 60_000_000_000L;
            while (!Fixtures.complete(url, p, ITEMS, OVERLAP) && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
            Thread.sleep(300);
            load.stopAndJoin();
            System.out.printf("DatabaseRestartTest: %d restarts, %d acknowledged answers, %d refused after their lease expired, statuses %s%n",
                    ROUNDS, load.acknowledged.size(), load.expiredBeforeAnswer.get(), load.statuses);
            assertTrue(during503 > 0, "no request saw the outage: the test proved nothing");
            assertTrue(load.unexpected.isEmpty(), "unexpected responses: " + load.unexpected);
            Fixtures.assertExact(url, p, ITEMS, OVERLAP, load);
        } finally {
            pg.close();
        }
    }
}
