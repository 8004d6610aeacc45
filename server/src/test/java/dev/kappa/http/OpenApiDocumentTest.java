package dev.kappa.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.OpenAPIVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The served document (openapi.yaml) is a valid OpenAPI 3.0 document: it validates against the OpenAPI 3.0 meta-schema
 * (vertx-openapi's copy, checked with vertx-json-schema), every $ref resolves, every operation has a unique
 * operationId and declares its path parameters, and Vert.x's contract loader accepts it apart from the media types
 * that loader does not support (listed here, so that the list is a decision, not an accident).
 */
class OpenApiDocumentTest {
    private static final List<String> METHODS = List.of("get", "put", "post", "patch", "delete", "head", "options", "trace");
    /**
     * Media types Kappa answers or accepts that vertx-openapi 5.0.7's contract loader refuses: it knows only
     * {@link MediaType#SUPPORTED_MEDIA_TYPES} and vendor types {@code x/vnd.*+json} (RequestBodyImpl, ResponseImpl).
     * They are true to what the server sends, so the document keeps them; the meta-schema accepts any media type.
     */
    private static final Set<String> REFUSED_BY_VERTX_LOADER = Set.of("application/problem+json", "application/x-ndjson",
            "application/jsonl", "text/csv", "text/tab-separated-values", "text/markdown", "application/x-latex",
            "text/html", "text/javascript", "text/css", "image/png", "application/yaml");

    private static Vertx vertx;
    private static JsonObject doc;

    @BeforeAll
    static void load() throws Exception {
        vertx = Vertx.vertx();
        try (InputStream in = OpenApiDocumentTest.class.getClassLoader().getResourceAsStream("openapi.yaml")) {
            doc = new JsonObject(Json.encode(new ObjectMapper(new YAMLFactory()).readValue(in, Map.class)));
        }
    }

    @AfterAll
    static void close() throws Exception {
        await(vertx.close());
    }

    @Test
    @DisplayName("openapi.yaml validates against the OpenAPI 3.0 meta-schema and every $ref resolves")
    void validatesAgainstTheMetaSchema() throws Exception {
        // vertx-json-schema annotates what it dereferences (__absolute_uri__), so it gets copies.
        OpenAPIVersion version = OpenAPIVersion.fromContract(doc);
        assertEquals(OpenAPIVersion.V3_0, version);
        SchemaRepository repo = await(version.getRepository(vertx, "app://"));
        OutputUnit result = await(version.validateContract(vertx, repo, doc.copy()));
        List<String> errors = new ArrayList<>();
        if (result.getErrors() != null) {
            result.getErrors().forEach(e -> errors.add(e.getInstanceLocation() + ": " + e.getError()));
        }
        assertEquals(List.of(), errors, "openapi.yaml against the OpenAPI 3.0 meta-schema");
        assertTrue(result.getValid(), "openapi.yaml is valid: " + result);
        JsonObject resolved = await(version.resolve(vertx, repo, doc.copy()));
        assertTrue(resolved.getJsonObject("paths").size() > 10, "resolved paths");
    }

    @Test
    @DisplayName("every operation has a unique operationId and declares each of its path parameters")
    void everyOperationHasAnIdAndItsPathParameters() {
        List<String> problems = new ArrayList<>();
        Set<String> ids = new TreeSet<>();
        JsonObject paths = doc.getJsonObject("paths");
        for (String path : paths.fieldNames()) {
            JsonObject item = paths.getJsonObject(path);
            for (String method : item.fieldNames()) {
                if (!METHODS.contains(method)) {
                    continue;
                }
                JsonObject op = item.getJsonObject(method);
                String id = op.getString("operationId");
                if (id == null || !id.matches("[a-z][A-Za-z0-9]*")) {
                    problems.add(method + " " + path + ": operationId missing or not camelCase: " + id);
                } else if (!ids.add(id)) {
                    problems.add(method + " " + path + ": operationId used twice: " + id);
                }
                Set<String> declared = new TreeSet<>();
                io.vertx.core.json.JsonArray params = op.getJsonArray("parameters", new io.vertx.core.json.JsonArray()).copy()
                        .addAll(item.getJsonArray("parameters", new io.vertx.core.json.JsonArray()));
                for (Object p : params) {
                    JsonObject param = resolve((JsonObject) p);
                    if ("path".equals(param.getString("in"))) {
                        declared.add(param.getString("name"));
                    }
                }
                Set<String> inPath = new TreeSet<>();
                Matcher m = Pattern.compile("\\{([^}]+)}").matcher(path);
                while (m.find()) {
                    inPath.add(m.group(1));
                }
                if (!inPath.equals(declared)) {
                    problems.add(method + " " + path + ": path parameters " + inPath + " but declared " + declared);
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    @DisplayName("Vert.x's contract loader accepts the document once the media types it does not support are set aside")
    void vertxContractLoaderAcceptsTheDocument() throws Exception {
        JsonObject copy = doc.copy();
        Set<String> setAside = new TreeSet<>();
        JsonObject paths = copy.getJsonObject("paths");
        for (String path : paths.fieldNames()) {
            JsonObject item = paths.getJsonObject(path);
            for (String method : item.fieldNames()) {
                if (!METHODS.contains(method)) {
                    continue;
                }
                JsonObject op = item.getJsonObject(method);
                JsonObject body = op.getJsonObject("requestBody");
                if (body != null) {
                    strip(body.getJsonObject("content"), setAside);
                    if (body.getJsonObject("content").isEmpty()) {
                        op.remove("requestBody");
                    }
                }
                JsonObject responses = op.getJsonObject("responses");
                for (String status : responses.fieldNames()) {
                    JsonObject r = responses.getJsonObject(status);
                    if (r.containsKey("$ref")) {
                        responses.put(status, new JsonObject().put("description", "see " + r.getString("$ref")));
                    } else if (r.containsKey("content")) {
                        strip(r.getJsonObject("content"), setAside);
                    }
                }
            }
        }
        assertEquals(new TreeSet<>(REFUSED_BY_VERTX_LOADER), setAside,
                "the media types set aside for vertx-openapi are exactly the known list");
        OpenAPIContract contract = await(OpenAPIContract.from(vertx, copy));
        assertEquals(countOperations(), contract.operations().size(), "operations the Vert.x contract knows");
    }

    private static void strip(JsonObject content, Set<String> setAside) {
        for (String media : new ArrayList<>(content.fieldNames())) {
            if (!MediaType.isMediaTypeSupported(media)) {
                setAside.add(media);
                content.remove(media);
            }
        }
    }

    private static int countOperations() {
        int n = 0;
        JsonObject paths = doc.getJsonObject("paths");
        for (String path : paths.fieldNames()) {
            for (String method : paths.getJsonObject(path).fieldNames()) {
                n += METHODS.contains(method) ? 1 : 0;
            }
        }
        return n;
    }

    private static JsonObject resolve(JsonObject node) {
        JsonObject n = node;
        while (n.containsKey("$ref")) {
            Object target = doc;
            for (String part : n.getString("$ref").substring(2).split("/")) {
                target = ((JsonObject) target).getValue(part);
            }
            n = (JsonObject) target;
        }
        return n;
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
