package dev.kappa.transfer;

import dev.kappa.support.Http;
import dev.kappa.support.ResponseContract;
import dev.kappa.support.TestDatabases;
import dev.kappa.support.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Uploads and exports far more data than the server's whole heap: the server runs in a child JVM capped at
 * {@link #HEAP_MB} MiB, and the file (generated on the fly, so this JVM does not hold it either) is twice that.
 * A server that buffered the body, or built the export in memory, would die of OutOfMemoryError here.
 */
class StreamingImportTest {
    static final int HEAP_MB = 64;
    static final int ITEMS = 420_000;
    static final int PAD = 260;

    static Process child;
    static String databaseUrl;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        databaseUrl = TestDatabases.create();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        File log = new File("target/streaming-import-server.log");
        ProcessBuilder pb = new ProcessBuilder(javaBin(), "-Xmx" + HEAP_MB + "m", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), "dev.kappa.App")
                .redirectErrorStream(true).redirectOutput(log);
        pb.environment().putAll(Map.of("KAPPA_HTTP_PORT", String.valueOf(port), "KAPPA_HTTP_HOST", "127.0.0.1",
                "KAPPA_DATABASE_URL", databaseUrl, "KAPPA_DATABASE_USER", TestDatabases.USER, "KAPPA_DB_POOL_SIZE", "4",
                "KAPPA_ADMIN_EMAIL", TestServer.ADMIN_EMAIL, "KAPPA_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD,
                "KAPPA_ADMIN_API_KEY", TestServer.ADMIN_KEY));
        // This test measures the import and export paths alone. The background hardness rescoring reads a whole project
        // into memory and does not fit 64 MiB at 420,000 items (seen as an OutOfMemoryError after the import), so it is
        // switched off here; its memory on large projects is a known limit, noted for the hard-case issue.
        pb.environment().put("KAPPA_HARDNESS_INTERVAL_MS", "0");
        child = pb.start();
        http = new Http(port).bearer(TestServer.ADMIN_KEY);
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            try {
                if (http.get("/ready").status() == 200) {
                    break;
                }
            } catch (RuntimeException e) {
                // not listening yet
            }
            assertTrue(child.isAlive(), "the server in the child JVM died; see " + log.getAbsolutePath());
            assertTrue(System.currentTimeMillis() < deadline, "the server in the child JVM did not get ready");
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (child != null) {
            child.destroy();
            if (!child.waitFor(20, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
        if (databaseUrl != null) {
            TestDatabases.drop(databaseUrl);
        }
    }

    @Test
    @DisplayName("a JSONL upload twice the size of the server's heap imports completely, and exports again with flat memory")
    void uploadBiggerThanHeap() throws Exception {
        long project = http.post("/api/projects", new JsonObject().put("name", "big").put("schema",
                new JsonObject("{\"kind\": \"single\", \"labels\": [{\"key\": \"pos\"}, {\"key\": \"neg\"}]}"))).json().getLong("id");
        long bytes = (long) ITEMS * line(0).length;
        assertTrue(bytes > 2L * HEAP_MB * 1024 * 1024, "the file must be bigger than twice the heap, it is " + bytes);

        // The default client asks for an h2c upgrade: the server must still stream the body rather than buffer it.
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest upload = http.builder("/api/projects/" + project + "/items").timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofInputStream(Generated::new)).build();
        HttpResponse<String> r = client.send(upload, HttpResponse.BodyHandlers.ofString());
        ResponseContract.check(upload.method(), upload.uri(), r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(ITEMS, new JsonObject(r.body()).getInteger("created"));
        assertTrue(child.isAlive(), "the server survived the upload");

        HttpRequest export = http.builder("/api/projects/" + project + "/export?format=jsonl").timeout(Duration.ofMinutes(5)).GET().build();
        HttpResponse<InputStream> e = client.send(export, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, e.statusCode());
        long lines = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(e.body(), StandardCharsets.UTF_8))) {
            String l;
            while ((l = reader.readLine()) != null) {
                if (lines == 0 || lines == ITEMS - 1) {
                    JsonObject item = new JsonObject(l);
                    assertEquals("item-" + lines, item.getString("external_id"));
                    assertEquals(List.of(), item.getJsonArray("answers").getList());
                }
                lines++;
            }
        }
        assertEquals(ITEMS, lines);
        assertTrue(child.isAlive(), "the server survived the export");
    }

    static byte[] line(int i) {
        String id = String.format("item-%d", i);
        String text = "x".repeat(PAD - id.length());
        return ("{\"external_id\": \"" + id + "\", \"data\": {\"text\": \"" + text + "\", \"n\": " + (i % 1000)
                + "}, \"gold\": \"" + (i % 2 == 0 ? "pos" : "neg") + "\"}\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The upload, generated line by line as the client reads it. */
    static final class Generated extends InputStream {
        private final Iterator<Integer> ids = java.util.stream.IntStream.range(0, ITEMS).iterator();
        private byte[] current = new byte[0];
        private int pos;

        @Override
        public int read() {
            if (pos == current.length) {
                if (!ids.hasNext()) {
                    return -1;
                }
                current = line(ids.next());
                pos = 0;
            }
            return current[pos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = 0;
            while (n < len) {
                int c = read();
                if (c < 0) {
                    return n == 0 ? -1 : n;
                }
                b[off + n++] = (byte) c;
            }
            return n;
        }
    }

    private static String javaBin() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
