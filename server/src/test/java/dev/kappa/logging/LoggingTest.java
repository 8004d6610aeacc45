package dev.kappa.logging;

import dev.kappa.support.Http;
import dev.kappa.support.ServerProcess;
import dev.kappa.support.TestDatabases;
import dev.kappa.support.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Request ids in responses and log lines, the JSON log format, and connections spread over several event loops. */
class LoggingTest {
    @Test
    @DisplayName("every response carries X-Request-Id: a sane one from a proxy is kept, anything else is replaced")
    void requestIdHeader() {
        try (TestServer server = TestServer.start()) {
            assertEquals("proxy-7f3a.91:b_c", server.http().with("X-Request-Id", "proxy-7f3a.91:b_c").get("/health").header("X-Request-Id"));
            String made = server.http().get("/health").header("X-Request-Id");
            assertTrue(made.matches("[0-9a-f]{16}"), made);
            assertNotEquals(made, server.http().get("/health").header("X-Request-Id"), "a new id per request");
            for (String bad : List.of("has space", "x".repeat(65), "quote\"d", "-leading-dash")) {
                String given = server.http().with("X-Request-Id", bad).get("/health").header("X-Request-Id");
                assertTrue(given.matches("[0-9a-f]{16}"), bad + " -> " + given);
            }
            // Errors carry it too (the router's 404 and an auth failure).
            assertTrue(server.http().get("/api/nothing-here").header("X-Request-Id").matches("[0-9a-f]{16}"));
            assertEquals("rid-401", server.http().with("X-Request-Id", "rid-401").get("/api/me").header("X-Request-Id"));
        }
    }

    @Test
    @DisplayName("KAPPA_LOG_FORMAT=json writes one JSON object a line; a request's log line carries its id; connections spread over the event loops")
    void jsonLinesWithRequestIdsOverSeveralEventLoops() throws Exception {
        String url = TestDatabases.create();
        Path log;
        try (ServerProcess server = ServerProcess.start(url, Map.of("KAPPA_LOG_FORMAT", "json", "KAPPA_HTTP_INSTANCES", "2"))) {
            log = Path.of("target", "server-process-" + server.port() + ".log");
            // A new connection per request: Vert.x gives each new connection to the next listener in turn.
            for (int i = 0; i < 6; i++) {
                HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                HttpResponse<String> r = fresh.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/me"))
                        .header("X-Request-Id", "trace-" + i).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(401, r.statusCode());
                assertEquals("trace-" + i, r.headers().firstValue("X-Request-Id").orElseThrow());
            }
            Http.Response me = server.http().with("X-Request-Id", "trace-ok").get("/health");
            assertEquals(200, me.status());
        }
        TestDatabases.drop(url);
        List<JsonObject> lines = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            try {
                lines.add(new JsonObject(line));
            } catch (RuntimeException e) {
                fail("not a JSON line: " + line);
            }
        }
        assertTrue(lines.stream().anyMatch(l -> l.getString("message").startsWith("Kappa listening on 127.0.0.1:")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.getString("message").contains("2 event loops")), lines.toString());
        Set<String> loops = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            String id = "trace-" + i;
            List<JsonObject> mine = lines.stream().filter(l -> id.equals(l.getString("request_id"))).toList();
            assertFalse(mine.isEmpty(), "no log line carries " + id + ": " + lines);
            assertTrue(mine.stream().anyMatch(l -> l.getString("message").contains("/api/me") && l.getString("message").contains("401")), mine.toString());
            mine.forEach(l -> loops.add(l.getString("thread")));
        }
        assertEquals(2, loops.size(), "six connections should be served by both event loops: " + loops);
        assertTrue(lines.stream().filter(l -> l.getString("message").contains("Flyway") || l.getString("logger").contains("flyway"))
                .noneMatch(l -> l.containsKey("request_id")), "start-up lines belong to no request");
    }
}
