package dev.kappa.reliability;

import dev.kappa.support.Http;
import dev.kappa.support.OpenApiOperations;
import dev.kappa.support.OpenApiOperations.Operation;
import dev.kappa.support.Projects;
import dev.kappa.support.TestServer;
import dev.kappa.support.Users;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drives EVERY operation of openapi.yaml with bad values (issue 15): wrong types, out-of-range and huge numbers, NUL,
 * long strings, bad JSON, wrong content types, out-of-range dates, malformed and foreign ids, in the path, the query
 * and the body. Fails on any 5xx and on any error that is not problem+json. Operations are read from the contract, so
 * a new endpoint is fuzzed as soon as it is documented.
 */
class FuzzTest {
    static final String LONG = "x".repeat(20_000);
    static final List<String> BAD_IDS = List.of("0", "-1", "99999999999999999999", "abc", "%00", "9999999", "x".repeat(3000));
    static final List<String> BAD_QUERY = List.of("abc", "-1", "1e309", "99999999999999999999", "%00", "x".repeat(3000),
            "%2B294277-01-01T00:00:00Z");
    /** Raw JSON values put into each body property in turn. */
    static final List<String> BAD_VALUES = List.of("\"a\\u0000b\"", "99999999999999999999999", "1e308", "-1", "[]", "{}",
            "\"" + LONG + "\"", "\"+294277-01-01T00:00:00Z\"");
    static final List<String> BAD_BODIES = List.of("", "{", "[]", "null", "\"s\"", "{\"a\":1,}", "[".repeat(5000),
            "{\"a\": \"\\u0000\"}", "\u0000", "{\"x\": 1e999999}");
    static final List<String> BAD_LINES = List.of("{", "\u0000\n", "[]\n", "{\"external_id\": \"a\\u0000\", \"data\": {}}\n",
            "{\"external_id\": 99999999999999999999999, \"data\": 1}\n", "external_id,data\n\"unterminated\n", "x".repeat(100_000) + "\n",
            "{\"external_id\": \"e\", \"created_at\": \"+294277-01-01T00:00:00Z\", \"label\": []}\n");

    @Test
    @DisplayName("every documented operation, fed bad values in path, query and body, answers 4xx problem+json (or success), never 5xx")
    void fuzzEveryOperation() throws Exception {
        try (TestServer server = TestServer.start()) {
            Users.Created engineer = server.user("engineer", null);
            Users.Created annotator = server.user("annotator", "crowd");
            Users.Created spare = server.user("annotator", "expert");
            long project = engineer.http().post("/api/projects", new JsonObject().put("name", "fuzz")
                    .put("schema", new JsonObject().put("kind", "single").put("labels", new io.vertx.core.json.JsonArray()
                            .add(new JsonObject().put("key", "pos").put("name", "P")).add(new JsonObject().put("key", "neg").put("name", "N")))))
                    .json().getLong("id");
            Projects.items(server, project, 40, 5);
            Projects.addMember(server, project, annotator.id());
            long token = engineer.http().post("/api/tokens", new JsonObject().put("name", "spare")).json().getLong("id");

            List<String> failures = new ArrayList<>();
            List<Runnable> all = new ArrayList<>();
            int sent;
            for (Operation op : OpenApiOperations.all()) {
                // The annotator reaches what only annotators may do; the admin everything else.
                boolean labeling = op.path().startsWith("/api/leases") || op.path().endsWith("/tasks/next") || op.path().endsWith("/my-progress");
                Http caller = labeling ? annotator.http() : server.admin();
                Map<String, String> valid = new LinkedHashMap<>();
                for (String p : op.pathParams()) {
                    valid.put(p, switch (p) {
                        case "leaseId" -> lease(annotator, project);
                        case "userId" -> String.valueOf(spare.id());
                        default -> op.path().startsWith("/api/users") ? String.valueOf(spare.id())
                                : op.path().startsWith("/api/tokens") ? String.valueOf(token) : String.valueOf(project);
                    });
                }
                List<HttpRequest.Builder> requests = new ArrayList<>();
                for (String p : op.pathParams()) {
                    List<String> bad = new ArrayList<>(BAD_IDS);
                    if (p.equals("leaseId")) {
                        bad.addAll(List.of(project + ".not-a-uuid", "9999999." + java.util.UUID.randomUUID(), project + "." + java.util.UUID.randomUUID()));
                    }
                    for (String v : bad) {
                        Map<String, String> params = new LinkedHashMap<>(valid);
                        params.put(p, v);
                        requests.add(request(caller, op, path(op, params), op.hasBody() ? "{}" : null, op.hasBody() ? op.mediaTypes().get(0) : null));
                    }
                }
                String base = path(op, valid);
                for (String q : op.queryParams()) {
                    for (String v : BAD_QUERY) {
                        requests.add(request(caller, op, base + "?" + q + "=" + v, null, null));
                    }
                }
                if (op.hasBody()) {
                    String media = op.mediaTypes().get(0);
                    for (String b : op.jsonBody() ? BAD_BODIES : BAD_LINES) {
                        requests.add(request(caller, op, base, b, media));
                    }
                    requests.add(request(caller, op, base, "{}", "text/plain"));
                    requests.add(request(caller, op, base, "<a/>", "application/xml"));
                    requests.add(request(caller, op, base, "{}", null));
                    for (String prop : op.bodyProperties().keySet()) {
                        for (String v : BAD_VALUES) {
                            requests.add(request(caller, op, base, "{\"" + prop + "\": " + v + "}", "application/json"));
                        }
                    }
                } else if (!op.method().equals("GET") && !op.method().equals("DELETE")) {
                    requests.add(request(caller, op, base, "[".repeat(5000), "application/json"));
                    requests.add(request(caller, op, base, "\u0000", "text/plain"));
                }
                for (HttpRequest.Builder r : requests) {
                    all.add(() -> {
                        HttpRequest built = r.build();
                        String problem = check(caller.send(r));
                        if (problem != null) {
                            synchronized (failures) {
                                if (failures.size() < 40) {
                                    failures.add(built.method() + " " + abbreviate(built.uri().toString()) + " -> " + problem);
                                }
                            }
                        }
                    });
                }
            }
            // Four at a time: the server is the subject, not the client's round trips.
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                for (java.util.concurrent.Future<?> f : pool.invokeAll(all.stream().map(java.util.concurrent.Executors::callable).toList())) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            sent = all.size();
            System.out.println("FuzzTest: " + sent + " requests over " + OpenApiOperations.all().size() + " operations");
            assertTrue(failures.isEmpty(), failures.size() + " bad answers (first 40):\n" + String.join("\n", failures));
        }
    }

    private static String lease(Users.Created annotator, long project) {
        Http.Response next = annotator.http().post("/api/projects/" + project + "/tasks/next", new JsonObject());
        return next.status() == 200 ? next.json().getString("lease_id") : project + "." + java.util.UUID.randomUUID();
    }

    private static String path(Operation op, Map<String, String> params) {
        String p = op.path();
        for (Map.Entry<String, String> e : params.entrySet()) {
            p = p.replace("{" + e.getKey() + "}", e.getValue());
        }
        return p;
    }

    private static HttpRequest.Builder request(Http caller, Operation op, String path, String body, String contentType) {
        HttpRequest.Builder b = caller.builder(path).method(op.method(),
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return b;
    }

    /** Null when the answer is acceptable: below 500, and problem+json whenever it is an error. */
    private static String check(Http.Response r) {
        if (r.status() >= 500) {
            return r.status() + " " + abbreviate(r.body());
        }
        if (r.status() >= 400) {
            if (!"application/problem+json".equals(r.header("Content-Type"))) {
                return r.status() + " with Content-Type " + r.header("Content-Type") + ": " + abbreviate(r.body());
            }
            if (r.body().contains("Exception") || r.body().contains("java.")) {
                return r.status() + " names internals: " + abbreviate(r.body());
            }
        }
        return null;
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
