package dev.kappa.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.kappa.support.TestServer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.Operation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenApiCoverageTest {
    @Test
    @DisplayName("every route the router knows is documented in the served OpenAPI document, and nothing documented is missing")
    // Since the router is built from openapi.yaml, this checks the routes added beside the builder's (UI files,
    // WebJars) and that each of the builder's routes serves the operation it was made for.
    void everyRouteIsDocumented() throws Exception {
        try (TestServer server = TestServer.start()) {
            JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(server.http().get("/openapi.yaml").body());
            JsonNode paths = doc.get("paths");
            List<String> missing = new ArrayList<>();
            List<String> known = new ArrayList<>();
            for (Route route : server.kappa().router().getRoutes()) {
                if (route.getPath() == null || route.methods() == null || route.methods().isEmpty()) {
                    continue; // cross-cutting handlers (logging, body, auth) and failure handlers
                }
                // The router builder's routes carry their operation; Vert.x normalises an exact path's trailing
                // slash away (/docs/ becomes /docs), so their documented path is taken from the operation.
                Operation operation = route.getMetadata(RouterBuilder.KEY_META_DATA_OPERATION);
                String path = operation != null ? operation.getOpenAPIPath() : route.getPath().replaceAll(":([a-zA-Z_]+)", "{$1}");
                for (HttpMethod m : route.methods()) {
                    String op = m.name().toLowerCase(Locale.ROOT);
                    known.add(op + " " + path);
                    if (!paths.has(path) || !paths.get(path).has(op)) {
                        missing.add(op + " " + path);
                    }
                }
            }
            assertTrue(known.size() >= 3, "the router should expose routes: " + known);
            assertEquals(List.of(), missing, "routes missing from openapi.yaml");
            List<String> stale = new ArrayList<>();
            paths.fieldNames().forEachRemaining(p -> paths.get(p).fieldNames().forEachRemaining(op -> {
                if (List.of("get", "post", "put", "patch", "delete").contains(op) && !known.contains(op + " " + p)) {
                    stale.add(op + " " + p);
                }
            }));
            assertEquals(List.of(), stale, "documented operations the router does not serve");
        }
    }
}
