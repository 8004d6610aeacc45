package dev.kappa.http;

import dev.kappa.support.Http;
import dev.kappa.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the contract's request validation says, beyond the field it names (FuzzTest and BadInputTest cover that). */
class RequestValidationTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    private static long project(Http admin) {
        Http.Response r = admin.post("/api/projects", new JsonObject().put("name", "validation")
                .put("schema", new JsonObject().put("kind", "single").put("labels", new JsonArray()
                        .add(new JsonObject().put("key", "pos").put("name", "P")).add(new JsonObject().put("key", "neg").put("name", "N")))));
        assertEquals(201, r.status(), r.toString());
        long p = r.json().getLong("id");
        assertEquals(200, admin.post("/api/projects/" + p + "/items", "{\"external_id\":\"i1\",\"data\":{}}\n", "application/x-ndjson").status());
        return p;
    }

    @Test
    @DisplayName("a string query parameter is a string whatever it holds: quotes, digits, true (vertx-openapi 5.0.7 decoded them as JSON)")
    void stringParametersAreNotDecodedAsJson() {
        Http admin = server.admin();
        long p = project(admin);
        for (String model : new String[] {"bert \"large\" <img src=x onerror=alert(1)>", "123", "true", "\""}) {
            Http.Response r = admin.post("/api/projects/" + p + "/predictions?version=1&model=" + URLEncoder.encode(model, StandardCharsets.UTF_8),
                    "{\"item\":\"i1\",\"label\":\"pos\",\"score\":0.9}\n", "application/x-ndjson");
            assertEquals(200, r.status(), model + ": " + r);
            assertEquals(model, r.json().getString("model"));
        }
    }

    @Test
    @DisplayName("a value out of range is told its bounds, as the console shows them beside the field")
    void rangesNameBothBounds() {
        Http admin = server.admin();
        long p = project(admin);
        Http.Response ttl = admin.patch("/api/projects/" + p, new JsonObject().put("lease_ttl_seconds", 5));
        assertEquals(422, ttl.status(), ttl.toString());
        assertEquals("lease_ttl_seconds", ttl.json().getString("field"));
        assertEquals("lease_ttl_seconds: must be between 10 and 86400", ttl.json().getString("detail"));
        Http.Response crowd = admin.patch("/api/projects/" + p, new JsonObject().put("overlap", new JsonObject().put("crowd", 500)));
        assertEquals("overlap.crowd", crowd.json().getString("field"));
        assertEquals("overlap.crowd: must be between 0 and 100", crowd.json().getString("detail"));
    }
}
