package dev.kappa.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every operation in the served contract (server/src/main/resources/openapi.yaml), read the way a client generator
 * would: method, path, path and query parameters ($ref resolved) and the request body's media types and JSON
 * properties. The reliability suite iterates over this, so a new operation is covered the moment it is documented.
 */
public final class OpenApiOperations {
    /** One operation of the contract. */
    public record Operation(String method, String path, List<String> pathParams, List<String> queryParams,
                            List<String> mediaTypes, Map<String, String> bodyProperties) {
        public String key() {
            return method + " " + path;
        }

        public boolean hasBody() {
            return !mediaTypes.isEmpty();
        }

        public boolean jsonBody() {
            return mediaTypes.contains("application/json");
        }
    }

    private OpenApiOperations() {
    }

    public static List<Operation> all() {
        JsonNode doc;
        try (InputStream in = OpenApiOperations.class.getClassLoader().getResourceAsStream("openapi.yaml")) {
            doc = new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (Exception e) {
            throw new IllegalStateException("openapi.yaml is not readable", e);
        }
        List<Operation> ops = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> p = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = p.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> m = methods.next();
                if (!List.of("get", "post", "put", "patch", "delete").contains(m.getKey())) {
                    continue;
                }
                List<String> pathParams = new ArrayList<>();
                List<String> queryParams = new ArrayList<>();
                for (JsonNode param : iterable(m.getValue().get("parameters"))) {
                    JsonNode resolved = resolve(doc, param);
                    String in = resolved.path("in").asText();
                    (in.equals("path") ? pathParams : in.equals("query") ? queryParams : new ArrayList<String>()).add(resolved.path("name").asText());
                }
                List<String> media = new ArrayList<>();
                Map<String, String> props = new LinkedHashMap<>();
                JsonNode content = m.getValue().path("requestBody").path("content");
                for (Iterator<Map.Entry<String, JsonNode>> c = content.fields(); c.hasNext(); ) {
                    Map.Entry<String, JsonNode> mt = c.next();
                    media.add(mt.getKey());
                    JsonNode schema = resolve(doc, mt.getValue().path("schema"));
                    for (Iterator<Map.Entry<String, JsonNode>> pr = schema.path("properties").fields(); pr.hasNext(); ) {
                        Map.Entry<String, JsonNode> prop = pr.next();
                        props.put(prop.getKey(), resolve(doc, prop.getValue()).path("type").asText("object"));
                    }
                }
                ops.add(new Operation(m.getKey().toUpperCase(Locale.ROOT), p.getKey(), pathParams, queryParams, media, props));
            }
        }
        return ops;
    }

    private static Iterable<JsonNode> iterable(JsonNode n) {
        List<JsonNode> out = new ArrayList<>();
        if (n != null) {
            n.forEach(out::add);
        }
        return out;
    }

    private static JsonNode resolve(JsonNode doc, JsonNode node) {
        JsonNode n = node;
        for (int i = 0; i < 10 && n.has("$ref"); i++) {
            JsonNode target = doc;
            for (String part : n.get("$ref").asText().substring(2).split("/")) {
                target = target.path(part);
            }
            n = target;
        }
        return n;
    }
}
