package dev.kappa;

import dev.kappa.support.Http;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The first start as a newcomer sees it: the real entry point in its own JVM, on the embedded database. */
class StartupTest {
    @TempDir
    Path dir;

    private Process app(int port, Path dataDir, File log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), "dev.kappa.App");
        pb.environment().put("KAPPA_HTTP_PORT", String.valueOf(port));
        pb.environment().put("KAPPA_HTTP_HOST", "127.0.0.1");
        pb.environment().put("KAPPA_DATA_DIR", dataDir.toString());
        pb.environment().remove("KAPPA_DATABASE_URL");
        pb.environment().remove("KAPPA_ADMIN_PASSWORD");
        return pb.redirectErrorStream(true).redirectOutput(log).start();
    }

    @Test
    @DisplayName("a port in use stops the start at once, naming the port, before any database is created or password printed")
    void portInUseFailsBeforeAnythingIsCreated() throws Exception {
        Path dataDir = dir.resolve("data");
        File log = dir.resolve("busy.log").toFile();
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Process p = app(taken.getLocalPort(), dataDir, log);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the start should give up, not wait");
            String out = Files.readString(log.toPath());
            assertEquals(2, p.exitValue(), out);
            assertTrue(out.contains("KAPPA_HTTP_PORT " + taken.getLocalPort()), out);
            assertTrue(out.contains("127.0.0.1:" + taken.getLocalPort()), out);
            assertFalse(out.contains("one-time password"), out);
            assertFalse(Files.exists(dataDir.resolve("pg")), "no database may be created: " + out);
        }
    }

    @Test
    @DisplayName("a first start on the embedded database logs no jOOQ version warning, logo or tip, and prints the one-time password once")
    void firstStartLogIsClean() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        File log = dir.resolve("start.log").toFile();
        Process p = app(port, dir.resolve("data"), log);
        try {
            Http http = new Http(port);
            boolean ready = false;
            for (int i = 0; i < 600 && !ready && p.isAlive(); i++) {
                try {
                    ready = http.get("/ready").status() == 200;
                } catch (RuntimeException notYet) {
                    Thread.sleep(100);
                }
            }
            // jOOQ logs its version check, logo and tip at its first query, which the first admin's creation runs.
            assertTrue(ready, Files.readString(log.toPath()));
        } finally {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        String out = Files.readString(log.toPath());
        for (String banned : List.of("Version mismatch", "older than what dialect", "Thank you for using jOOQ", "@@@@", "tip of the day", "jOOQ tip")) {
            assertFalse(out.toLowerCase().contains(banned.toLowerCase()), "log shows '" + banned + "':\n" + out);
        }
        assertEquals(1, out.split("one-time password", -1).length - 1, out);
        assertTrue(out.contains("Kappa listening on 127.0.0.1:" + port), out);
    }
}
