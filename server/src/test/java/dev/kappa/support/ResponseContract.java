package dev.kappa.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;

import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;

/**
 * The contract test. Every JSON answer a test receives through {@link Http} is checked against the schema openapi.yaml
 * gives its operation (path template and method) and status: the JSON Schema rules (types, enums, required, formats)
 * and, stricter than JSON Schema's default, no property the document does not name (unless a schema says
 * {@code additionalProperties}). A JSON answer with no documented schema for its status is a mismatch too. So the
 * document cannot drift from what the code answers while the suite passes.
 *
 * <p>OpenAPI 3.0 schemas are JSON Schema draft 4 plus {@code nullable}, which vertx-json-schema does not know; the
 * check rewrites {@code nullable: true} to a type that admits null before it validates.
 */
public final class ResponseContract {
    /** One difference between an answer and the document. */
    public record Mismatch(String operation, int status, String pointer, String message) {
        @Override
        public String toString() {
            return operation + " -> " + status + " at '" + pointer + "': " + message;
        }
    }

    private record Template(String method, String path, Pattern pattern, int literals, JsonObject operation) {
        String key() {
            return method + " " + path;
        }
    }

    private static final ResponseContract CONTRACT = load();
    /** Every mismatch seen in this JVM, so that one swallowed by a worker thread still fails its test class. */
    private static final Queue<Mismatch> SEEN = new ConcurrentLinkedQueue<>();
    private static final boolean COLLECT = "collect".equals(System.getProperty("kappa.contract"));

    private final JsonObject doc;
    private final List<Template> templates;
    private final Map<String, Validator> validators = new ConcurrentHashMap<>();

    private ResponseContract(JsonObject doc) {
        this.doc = doc;
        List<Template> list = new ArrayList<>();
        JsonObject paths = doc.getJsonObject("paths");
        for (String path : paths.fieldNames()) {
            JsonObject item = paths.getJsonObject(path);
            StringBuilder regex = new StringBuilder();
            int literals = 0;
            for (String segment : path.substring(1).split("/", -1)) {
                regex.append('/');
                if (segment.startsWith("{") && segment.endsWith("}")) {
                    regex.append("[^/]+");
                } else {
                    regex.append(Pattern.quote(segment));
                    literals++;
                }
            }
            for (String method : item.fieldNames()) {
                if (List.of("get", "put", "post", "patch", "delete").contains(method)) {
                    list.add(new Template(method.toUpperCase(Locale.ROOT), path, Pattern.compile(regex.toString()), literals,
                            item.getJsonObject(method)));
                }
            }
        }
        // A literal segment beats a parameter: /api/projects/{id}/hard-cases/export before .../hard-cases/{x}.
        list.sort(Comparator.comparingInt(Template::literals).reversed());
        this.templates = List.copyOf(list);
    }

    private static ResponseContract load() {
        try (InputStream in = ResponseContract.class.getClassLoader().getResourceAsStream("openapi.yaml")) {
            Map<?, ?> raw = new ObjectMapper(new YAMLFactory()).readValue(in, Map.class);
            return new ResponseContract(new JsonObject(Json.encode(raw)));
        } catch (Exception e) {
            throw new IllegalStateException("openapi.yaml is not readable", e);
        }
    }

    /** Checks one answer; throws an AssertionError naming operation, status, JSON pointer and message on a mismatch. */
    public static void check(String method, URI uri, int status, String contentType, String body) {
        List<Mismatch> found = CONTRACT.mismatches(method, uri.getRawPath(), status, contentType, body);
        if (!found.isEmpty()) {
            SEEN.addAll(found);
            if (COLLECT) {
                return; // -Dkappa.contract=collect: only the class-end report (ContractExtension), for surveying a class
            }
            StringBuilder msg = new StringBuilder("The answer differs from openapi.yaml (the contract):");
            found.forEach(m -> msg.append("\n  ").append(m));
            msg.append("\n  body: ").append(body.length() > 2000 ? body.substring(0, 2000) + "..." : body);
            throw new AssertionError(msg.toString());
        }
    }

    /** Mismatches seen since the last call, removed from the record. */
    public static List<Mismatch> drain() {
        List<Mismatch> out = new ArrayList<>();
        for (Mismatch m; (m = SEEN.poll()) != null; ) {
            out.add(m);
        }
        return out;
    }

    List<Mismatch> mismatches(String method, String path, int status, String contentType, String body) {
        String media = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        boolean json = media.equals("application/json") || media.endsWith("+json");
        Template op = templates.stream().filter(t -> t.method().equals(method) && t.pattern().matcher(path).matches())
                .findFirst().orElse(null);
        String name = op == null ? method + " " + path + " (no documented operation)" : op.key();
        List<Mismatch> out = new ArrayList<>();
        if (op == null) {
            // Unknown paths and methods still answer problem+json (404, 405); it must be the documented Problem.
            if (json && !body.isEmpty()) {
                if (!media.equals("application/problem+json")) {
                    out.add(new Mismatch(name, status, "", "a JSON answer outside every documented operation"));
                } else {
                    validate(name, status, "#/components/schemas/Problem", ref("#/components/schemas/Problem"), body, out);
                }
            }
            return out;
        }
        JsonObject responses = op.operation().getJsonObject("responses", new JsonObject());
        String code = String.valueOf(status);
        String statusKey = responses.containsKey(code) ? code
                : responses.containsKey(code.charAt(0) + "XX") ? code.charAt(0) + "XX"
                : responses.containsKey("default") ? "default" : null;
        if (status == 204 || (!json && (body.isEmpty() || statusKey == null))) {
            return out;
        }
        if (statusKey == null) {
            out.add(new Mismatch(name, status, "", "status " + status + " is not documented (documented: "
                    + responses.fieldNames() + ")"));
            return out;
        }
        JsonObject response = resolve(responses.getJsonObject(statusKey));
        JsonObject content = response.getJsonObject("content", new JsonObject());
        if (!content.containsKey(media)) {
            if (json || !content.isEmpty()) {
                out.add(new Mismatch(name, status, "", "media type " + media + " is not documented for this status"
                        + " (documented: " + content.fieldNames() + ")"));
            }
            return out;
        }
        if (!json) {
            return out;
        }
        JsonObject schema = content.getJsonObject(media).getJsonObject("schema");
        if (schema == null) {
            out.add(new Mismatch(name, status, "", "no schema documented for " + media));
            return out;
        }
        String where = "paths/" + op.path() + "/" + op.method().toLowerCase(Locale.ROOT) + "/responses/" + statusKey;
        validate(name, status, where + "/" + media, schema, body, out);
        return out;
    }

    private void validate(String name, int status, String cacheKey, JsonObject schema, String body, List<Mismatch> out) {
        Object instance;
        try {
            instance = body.isEmpty() ? null : Json.decodeValue(body);
        } catch (DecodeException e) {
            out.add(new Mismatch(name, status, "", "the body is not JSON: " + e.getMessage()));
            return;
        }
        JsonObject inlined = inline(schema, 0);
        Validator validator = validators.computeIfAbsent(cacheKey, k -> Validator.create(
                JsonSchema.of(jsonSchema(inlined.copy())),
                new JsonSchemaOptions().setDraft(Draft.DRAFT4).setBaseUri("app://kappa/").setOutputFormat(OutputFormat.Basic)));
        OutputUnit result = validator.validate(instance);
        if (!Boolean.TRUE.equals(result.getValid())) {
            List<OutputUnit> errors = result.getErrors() == null || result.getErrors().isEmpty() ? List.of(result) : result.getErrors();
            // The basic output repeats each error on every enclosing schema ("does not match schema"); keep the causes.
            List<OutputUnit> causes = errors.stream().filter(e -> e.getError() == null
                    || !(e.getError().endsWith("does not match schema") || e.getError().endsWith("did not match schema")
                    || e.getError().startsWith("A subschema had errors") || e.getError().contains("does not match every subschema"))).toList();
            for (OutputUnit e : causes.isEmpty() ? errors : causes) {
                String at = e.getInstanceLocation() == null ? "" : e.getInstanceLocation();
                out.add(new Mismatch(name, status, at.startsWith("#") ? at.substring(1) : at,
                        e.getError() + " (schema " + e.getKeywordLocation() + ")"));
            }
        }
        undocumented(instance, inlined, "", name, status, out);
    }

    /** Properties the answer carries that no schema (nor any allOf/anyOf/oneOf branch of it) names. */
    private static void undocumented(Object value, JsonObject schema, String pointer, String name, int status, List<Mismatch> out) {
        if (value instanceof JsonObject obj) {
            Set<String> declared = new LinkedHashSet<>();
            List<JsonObject> branches = new ArrayList<>();
            boolean open = branches(schema, declared, branches);
            for (String key : obj.fieldNames()) {
                if (!open && !declared.contains(key)) {
                    out.add(new Mismatch(name, status, pointer + "/" + key, "property '" + key
                            + "' is not documented (documented: " + declared + ")"));
                }
                for (JsonObject b : branches) {
                    Object sub = b.getJsonObject("properties", new JsonObject()).getValue(key);
                    if (sub == null && b.getValue("additionalProperties") instanceof JsonObject extra) {
                        sub = extra;
                    }
                    if (sub instanceof JsonObject s) {
                        undocumented(obj.getValue(key), s, pointer + "/" + key, name, status, out);
                        break;
                    }
                }
            }
        } else if (value instanceof JsonArray arr) {
            List<JsonObject> branches = new ArrayList<>();
            branches(schema, new LinkedHashSet<>(), branches);
            JsonObject items = branches.stream().map(b -> b.getValue("items")).filter(JsonObject.class::isInstance)
                    .map(JsonObject.class::cast).findFirst().orElse(null);
            if (items != null) {
                for (int i = 0; i < arr.size(); i++) {
                    undocumented(arr.getValue(i), items, pointer + "/" + i, name, status, out);
                }
            }
        }
    }

    /** Collects a schema and its composed branches; true when the object is open (free-form or additionalProperties). */
    private static boolean branches(JsonObject schema, Set<String> declared, List<JsonObject> into) {
        into.add(schema);
        boolean open = schema.containsKey("additionalProperties") && !Boolean.FALSE.equals(schema.getValue("additionalProperties"));
        declared.addAll(schema.getJsonObject("properties", new JsonObject()).fieldNames());
        for (String k : List.of("allOf", "anyOf", "oneOf")) {
            for (Object b : schema.getJsonArray(k, new JsonArray())) {
                open |= branches((JsonObject) b, declared, into);
            }
        }
        return open || (declared.isEmpty() && !Boolean.FALSE.equals(schema.getValue("additionalProperties")));
    }

    private JsonObject resolve(JsonObject node) {
        JsonObject n = node;
        for (int i = 0; i < 20 && n.containsKey("$ref"); i++) {
            n = ref(n.getString("$ref"));
        }
        return n;
    }

    private JsonObject ref(String ref) {
        Object target = doc;
        for (String part : ref.substring(2).split("/")) {
            target = ((JsonObject) target).getValue(part.replace("~1", "/").replace("~0", "~"));
        }
        if (!(target instanceof JsonObject t)) {
            throw new IllegalStateException("openapi.yaml: unresolvable $ref " + ref);
        }
        return t;
    }

    /** A copy with every $ref replaced by its target (Kappa's schemas are not recursive; the depth guard says so). */
    private JsonObject inline(JsonObject schema, int depth) {
        if (depth > 40) {
            throw new IllegalStateException("openapi.yaml: $ref nesting deeper than 40 (a recursive schema?)");
        }
        JsonObject s = resolve(schema);
        JsonObject out = new JsonObject();
        for (String k : s.fieldNames()) {
            Object v = s.getValue(k);
            if (v instanceof JsonObject o) {
                v = k.equals("properties") ? inlineEach(o, depth) : k.equals("example") ? o : inline(o, depth + 1);
            } else if (v instanceof JsonArray a && List.of("allOf", "anyOf", "oneOf").contains(k)) {
                JsonArray copy = new JsonArray();
                a.forEach(b -> copy.add(inline((JsonObject) b, depth + 1)));
                v = copy;
            }
            out.put(k, v);
        }
        return out;
    }

    private JsonObject inlineEach(JsonObject properties, int depth) {
        JsonObject out = new JsonObject();
        properties.fieldNames().forEach(p -> out.put(p, inline(properties.getJsonObject(p), depth + 1)));
        return out;
    }

    /** OpenAPI 3.0 -> JSON Schema draft 4: {@code nullable: true} admits null; annotations draft 4 lacks are dropped. */
    private static JsonObject jsonSchema(JsonObject s) {
        for (String k : new ArrayList<>(s.fieldNames())) {
            Object v = s.getValue(k);
            if (k.equals("properties") && v instanceof JsonObject props) {
                props.fieldNames().forEach(p -> jsonSchema(props.getJsonObject(p)));
            } else if (k.equals("example") || k.equals("deprecated") || k.equals("discriminator")) {
                s.remove(k);
            } else if (v instanceof JsonObject o) {
                jsonSchema(o);
            } else if (v instanceof JsonArray a && List.of("allOf", "anyOf", "oneOf").contains(k)) {
                a.forEach(b -> jsonSchema((JsonObject) b));
            }
        }
        if (Boolean.TRUE.equals(s.remove("nullable"))) {
            if (s.getValue("type") instanceof String type) {
                s.put("type", new JsonArray().add(type).add("null"));
                if (s.getValue("enum") instanceof JsonArray e && !e.contains(null)) {
                    e.addNull();
                }
            } else {
                JsonObject rest = s.copy();
                s.clear();
                s.put("anyOf", new JsonArray().add(new JsonObject().put("type", "null")).add(rest));
            }
        }
        return s;
    }
}
