package dev.kappa.http;

import dev.kappa.support.Http;
import dev.kappa.support.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpRequest;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpBasicsTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of("KAPPA_BODY_LIMIT_BYTES", "4096"));
    static Http http;

    @BeforeAll
    static void setUp() {
        http = server.http();
    }

    @Test
    @DisplayName("health and readiness answer 200 on an external database given by URL")
    void healthAndReady() {
        assertEquals(200, http.get("/health").status());
        Http.Response ready = http.get("/ready");
        assertEquals(200, ready.status(), ready.body());
        assertEquals("up", ready.json().getString("database"));
    }

    @Test
    @DisplayName("an unknown route is a problem+json 404")
    void unknownRouteIs404Problem() {
        Http.Response r = http.get("/api/no/such/thing");
        assertProblem(r, 404, "urn:kappa:problem:not-found");
    }

    @Test
    @DisplayName("a known path with the wrong method is a problem+json 405")
    void wrongMethodIs405Problem() {
        assertProblem(http.delete("/health"), 405, "urn:kappa:problem:method-not-allowed");
    }

    @Test
    @DisplayName("a body over the limit is a problem+json 413")
    void oversizeBodyIs413() {
        String big = "{\"x\":\"" + "a".repeat(10_000) + "\"}";
        Http.Response r = http.post("/api/auth/login", big, "application/json");
        assertProblem(r, 413, "urn:kappa:problem:payload-too-large");
        assertEquals("body", r.json().getString("field"));
    }

    @Test
    @DisplayName("every response carries the security headers")
    void securityHeaders() {
        Http.Response r = http.get("/health");
        assertTrue(r.header("Content-Security-Policy").contains("frame-ancestors 'none'"));
        assertTrue(r.header("Content-Security-Policy").contains("script-src 'self'"));
        assertEquals("nosniff", r.header("X-Content-Type-Options"));
    }

    @Test
    @DisplayName("the placeholder UI and the OpenAPI document are served")
    void servesUiAndOpenApi() {
        Http.Response page = http.get("/");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("Kappa"));
        Http.Response doc = http.get("/openapi.yaml");
        assertEquals(200, doc.status());
        assertTrue(doc.body().startsWith("openapi: 3"));
    }

    @Test
    @DisplayName("malformed JSON is a 400 problem naming the body")
    void malformedJson() {
        Http.Response r = http.send("POST", "/api/auth/login", HttpRequest.BodyPublishers.ofString("{nope"), "application/json");
        assertTrue(r.status() == 400 || r.status() == 422, r.toString());
        assertEquals("application/problem+json", r.header("Content-Type"));
        assertNotNull(r.json().getString("field"));
    }

    static void assertProblem(Http.Response r, int status, String type) {
        assertEquals(status, r.status(), r.body());
        assertEquals("application/problem+json", r.header("Content-Type"));
        JsonObject body = r.json();
        assertEquals(type, body.getString("type"));
        assertEquals(status, body.getInteger("status"));
        assertNotNull(body.getString("title"));
        assertNotNull(body.getString("detail"));
    }
}
