package dev.kappa.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * openapi.yaml as Vert.x's OpenAPI router reads it. The served file stays true to what the server sends; the router
 * gets a copy prepared in memory at start-up, because vertx-openapi 5.0.7 cannot take the file as it is:
 * <ul>
 * <li>its loader refuses media types outside {@link MediaType#SUPPORTED_MEDIA_TYPES} (problem+json, NDJSON, CSV,
 *     Markdown...). Responses are not validated by the router (the tests' ResponseContract checks them), so their
 *     content is dropped;</li>
 * <li>streamed uploads ({@link #STREAMED}) are read by their routes as a stream of lines, never held whole, so their
 *     request bodies are left out of validation (their parameters are still validated);</li>
 * <li>security requirements are dropped: Kappa's own handler authenticates every /api request before routing (a
 *     session cookie or a bearer token), and the router builder would otherwise chain authentication handlers of its
 *     own (none registered: it fails every request);</li>
 * <li>vertx-json-schema ignores OpenAPI 3.0's {@code nullable}; the copy is declared OpenAPI 3.1, where a nullable
 *     schema is the type union {@code [T, "null"]} (and an enum lists null).</li>
 * </ul>
 */
public final class Contract {
    /** Operations whose body their route reads as a stream: paused request, no body handler, no body validation. */
    public static final Set<String> STREAMED = Set.of("importItems", "importPredictions", "importAnswers");

    private static final List<String> METHODS = List.of("get", "put", "post", "patch", "delete");

    private Contract() {
    }

    /** The prepared contract; loading resolves every $ref and compiles the schemas, so it is done once per server. */
    public static Future<OpenAPIContract> load(Vertx vertx) {
        return OpenAPIContract.from(vertx, prepared(document()));
    }

    /** openapi.yaml from the classpath, as JSON. */
    public static JsonObject document() {
        try (InputStream in = Contract.class.getResourceAsStream("/openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is missing from the classpath");
            }
            return new JsonObject(Json.encode(new ObjectMapper(new YAMLFactory()).readValue(in, Map.class)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The copy the router reads (see the class comment); the argument is not changed. */
    static JsonObject prepared(JsonObject document) {
        JsonObject doc = document.copy();
        doc.put("openapi", "3.1.0");
        doc.remove("security");
        JsonObject paths = doc.getJsonObject("paths");
        for (String path : paths.fieldNames()) {
            JsonObject item = paths.getJsonObject(path);
            for (String method : METHODS) {
                JsonObject op = item.getJsonObject(method);
                if (op == null) {
                    continue;
                }
                op.remove("security");
                if (STREAMED.contains(op.getString("operationId"))) {
                    op.remove("requestBody");
                }
                JsonObject responses = op.getJsonObject("responses", new JsonObject());
                for (String status : responses.fieldNames()) {
                    JsonObject r = responses.getJsonObject(status);
                    r.remove("content");
                    if (r.containsKey("$ref")) {
                        responses.put(status, new JsonObject().put("description", "see openapi.yaml"));
                    }
                }
                JsonObject body = op.getJsonObject("requestBody");
                if (body != null && body.containsKey("content")) {
                    JsonObject content = body.getJsonObject("content");
                    for (String media : new ArrayList<>(content.fieldNames())) {
                        if (!MediaType.isMediaTypeSupported(media)) {
                            content.remove(media);
                        }
                    }
                }
            }
        }
        doc.getJsonObject("components", new JsonObject()).remove("responses");
        nullableToUnion(doc);
        return doc;
    }

    /** {@code nullable: true} (OpenAPI 3.0) becomes the JSON Schema type union, everywhere in the document. */
    private static void nullableToUnion(Object node) {
        if (node instanceof JsonObject o) {
            if (Boolean.TRUE.equals(o.remove("nullable"))) {
                Object type = o.getValue("type");
                if (type instanceof String t) {
                    o.put("type", new JsonArray().add(t).add("null"));
                    if (o.getValue("enum") instanceof JsonArray e && !e.contains(null)) {
                        e.addNull();
                    }
                } else if (type == null) {
                    // A nullable $ref or allOf: either the schema or null.
                    JsonObject schema = new JsonObject(new java.util.LinkedHashMap<>(o.getMap()));
                    String description = (String) schema.remove("description");
                    o.clear();
                    if (description != null) {
                        o.put("description", description);
                    }
                    o.put("anyOf", new JsonArray().add(schema).add(new JsonObject().put("type", "null")));
                }
            } else {
                o.remove("nullable");
            }
            for (String k : o.fieldNames()) {
                nullableToUnion(o.getValue(k));
            }
        } else if (node instanceof JsonArray a) {
            for (Object v : a) {
                nullableToUnion(v);
            }
        }
    }
}
