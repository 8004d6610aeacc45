package dev.kappa.metrics;

import dev.kappa.support.Http;
import dev.kappa.support.Projects;
import dev.kappa.support.TestServer;
import dev.kappa.support.Users;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /metrics on a real server over real HTTP: what it shows, what moves, and whom it refuses. */
class MetricsTest {
    private static final String TOKEN = "metrics-token-0123456789abcdef";

    /** The value of one series (name and its labels exactly as written), or 0 when it is not there yet. */
    private static double value(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static String scrape(TestServer server) {
        Http.Response r = server.http().get("/metrics");
        assertEquals(200, r.status(), r.body());
        assertTrue(r.header("Content-Type").startsWith("text/plain"), r.header("Content-Type"));
        return r.body();
    }

    @Test
    @DisplayName("a scrape shows HTTP latency by route template, pool, JVM and Kappa meters, and an answer moves its counters")
    void scrapeMovesAfterAnAnswer() {
        try (TestServer server = TestServer.start()) {
            long p = Projects.create(server, new JsonObject().put("overlap", new JsonObject().put("crowd", 1).put("expert", 0)));
            Projects.items(server, p, 3, 0);
            Users.Created a = server.user("annotator", "crowd");
            Projects.addMember(server, p, a.id());
            String before = scrape(server);
            double answers = value(before, "kappa_answers_total{tier=\"crowd\"}");
            double leases = value(before, "kappa_leases_taken_total{tier=\"crowd\"}");

            Http.Response next = a.http().post("/api/projects/" + p + "/tasks/next", new JsonObject());
            assertEquals(200, next.status(), next.body());
            Http.Response answer = a.http().post("/api/leases/" + next.json().getString("lease_id") + "/answer",
                    new JsonObject().put("label", "pos"));
            assertEquals(201, answer.status(), answer.body());
            // A replay of the same answer is not a second answer.
            assertEquals(200, a.http().post("/api/leases/" + next.json().getString("lease_id") + "/answer",
                    new JsonObject().put("label", "pos")).status());

            String after = scrape(server);
            assertEquals(answers + 1, value(after, "kappa_answers_total{tier=\"crowd\"}"), after);
            assertEquals(leases + 1, value(after, "kappa_leases_taken_total{tier=\"crowd\"}"));
            assertEquals(0, value(after, "kappa_answers_total{tier=\"expert\"}"));
            // Latency by route: the template, never the raw path with the project's id in it.
            assertTrue(value(after, "vertx_http_server_response_time_seconds_count{code=\"200\",method=\"POST\",route=\"/api/projects/:id/tasks/next\"}") >= 1, after);
            assertTrue(after.contains("vertx_http_server_response_time_seconds_bucket{code=\"201\",method=\"POST\",route=\"/api/leases/:leaseId/answer\",le=\"0.1\"}"), after);
            assertFalse(after.contains("route=\"/api/projects/" + p), after);
            assertFalse(Pattern.compile("route=\"[^\"]*>").matcher(after).find(), "route labels name one template each");
            // The pools: HikariCP's connections and the worker pool that runs every JDBC call; the JVM.
            assertTrue(after.contains("hikaricp_connections_active{pool=\"kappa-db\"}"), after);
            assertTrue(value(after, "hikaricp_connections_max{pool=\"kappa-db\"}") == 8, after);
            assertTrue(after.contains("vertx_pool_queue_pending{pool_name=\"kappa-db\",pool_type=\"worker\"}"), after);
            assertTrue(value(after, "vertx_pool_completed_total{pool_name=\"kappa-db\",pool_type=\"worker\"}") >= 2, after);
            assertTrue(after.contains("jvm_memory_used_bytes{area=\"heap\""), after);
            assertTrue(after.contains("kappa_imports_total{kind=\"items\"} 0.0"), after);
            assertEquals(0, value(after, "kappa_gate_waiting"), "nothing waits for the lease-write gate when idle");
            assertTrue(after.contains("\nkappa_gate_waiting "), after);
        }
    }

    @Test
    @DisplayName("/metrics refuses a caller outside KAPPA_METRICS_ALLOW without the token, and one relayed by an unlisted proxy")
    void refusedFromANonAllowedCaller() throws Exception {
        try (TestServer server = TestServer.start(Map.of("KAPPA_METRICS_ALLOW", "127.0.0.2", "KAPPA_METRICS_TOKEN", TOKEN))) {
            Http.Response refused = server.http().get("/metrics");
            assertEquals(403, refused.status(), refused.body());
            assertTrue(refused.header("Content-Type").startsWith("application/problem+json"), refused.toString());
            assertFalse(refused.body().contains("jvm_"), refused.body());
            assertEquals(403, server.http().bearer("not-the-metrics-token-at-all").get("/metrics").status());
            assertEquals(403, server.admin().get("/metrics").status(), "an admin's API key is not the metrics token");
            Http.Response withToken = server.http().bearer(TOKEN).get("/metrics");
            assertEquals(200, withToken.status(), withToken.body());
            assertTrue(withToken.body().contains("kappa_answers_total"), withToken.body());

            // From the allowed address itself (the whole of 127/8 is this machine's loopback).
            assertEquals(200, rawGet(server.port(), "127.0.0.2", ""));
            // The same address relaying someone else is not a trusted proxy: refused.
            assertEquals(403, rawGet(server.port(), "127.0.0.2", "X-Forwarded-For: 203.0.113.7\r\n"));
        }
    }

    @Test
    @DisplayName("behind a trusted proxy /metrics judges the client it vouches for, not the proxy")
    void judgedByTheForwardedClient() throws Exception {
        try (TestServer server = TestServer.start(Map.of("KAPPA_METRICS_ALLOW", "10.0.0.0/8", "KAPPA_TRUSTED_PROXIES", "127.0.0.1"))) {
            assertEquals(403, server.http().get("/metrics").status(), "the proxy's own address is not in the list");
            assertEquals(200, server.http().with("X-Forwarded-For", "10.1.2.3").get("/metrics").status());
            assertEquals(403, server.http().with("X-Forwarded-For", "203.0.113.7").get("/metrics").status());
        }
    }

    /** A GET /metrics sent from the given local address; returns the status code. */
    private static int rawGet(int port, String from, String extraHeaders) throws Exception {
        try (Socket s = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(from), 0)) {
            OutputStream out = s.getOutputStream();
            out.write(("GET /metrics HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + extraHeaders + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
                head.write(c);
            }
            String status = head.toString(StandardCharsets.US_ASCII);
            assertTrue(status.startsWith("HTTP/1.1 "), status);
            return Integer.parseInt(status.substring(9, 12));
        }
    }
}
