package dev.kappa.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The router's copy of openapi.yaml: what is changed for vertx-openapi 5.0.7, and that it loads. */
class ContractTest {
    @Test
    @DisplayName("the prepared copy loads in Vert.x's contract loader with every operation, and the served file is untouched")
    void preparedCopyLoads() throws Exception {
        JsonObject served = Contract.document();
        JsonObject before = served.copy();
        JsonObject prepared = Contract.prepared(served);
        assertEquals(before, served, "preparing works on a copy");
        Vertx vertx = Vertx.vertx();
        try {
            OpenAPIContract contract = OpenAPIContract.from(vertx, prepared).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            int operations = 0;
            for (String path : served.getJsonObject("paths").fieldNames()) {
                for (String method : served.getJsonObject("paths").getJsonObject(path).fieldNames()) {
                    operations += java.util.List.of("get", "put", "post", "patch", "delete").contains(method) ? 1 : 0;
                }
            }
            assertEquals(operations, contract.operations().size());
            for (String streamed : Contract.STREAMED) {
                assertNotNull(contract.operation(streamed), streamed);
                assertNull(contract.operation(streamed).getRequestBody(), streamed + " keeps its body out of validation");
                assertFalse(contract.operation(streamed).getParameters().isEmpty(), streamed + " still validates its parameters");
            }
            assertNotNull(contract.operation("createProject").getRequestBody(), "JSON bodies are validated");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    @DisplayName("nullable (OpenAPI 3.0) becomes a type union, with null in an enum; a nullable $ref becomes anyOf with null")
    void nullableBecomesAUnion() {
        JsonObject doc = new JsonObject().put("openapi", "3.0.3").put("paths", new JsonObject()).put("components", new JsonObject()
                .put("schemas", new JsonObject()
                        .put("A", new JsonObject().put("type", "string").put("nullable", true).put("enum", new JsonArray().add("x")))
                        .put("B", new JsonObject().put("$ref", "#/components/schemas/A").put("nullable", true).put("description", "b"))
                        .put("C", new JsonObject().put("type", "integer").put("nullable", false))));
        JsonObject schemas = Contract.prepared(doc).getJsonObject("components").getJsonObject("schemas");
        assertEquals(new JsonObject().put("type", new JsonArray().add("string").add("null")).put("enum", new JsonArray().add("x").addNull()),
                schemas.getJsonObject("A"));
        assertEquals("b", schemas.getJsonObject("B").getString("description"));
        assertEquals(new JsonArray().add(new JsonObject().put("$ref", "#/components/schemas/A")).add(new JsonObject().put("type", "null")),
                schemas.getJsonObject("B").getJsonArray("anyOf"));
        assertEquals(new JsonObject().put("type", "integer"), schemas.getJsonObject("C"));
        assertTrue(Contract.prepared(doc).getString("openapi").startsWith("3.1"));
    }
}
