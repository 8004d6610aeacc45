package dev.kappa.hardness;

import dev.kappa.support.Http;
import dev.kappa.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A project driven entirely through the API: items, predictions and past answers as JSON Lines uploads. */
final class HardProject {
    static final String JSONL = "application/x-ndjson";

    final Http http;
    final long id;

    private HardProject(Http http, long id) {
        this.http = http;
        this.id = id;
    }

    /** A single-label project over {@code keys}, with crowd overlap {@code crowd}, no experts, no breadth-first. */
    static HardProject create(TestServer server, List<String> keys, int crowd) {
        JsonArray labels = new JsonArray();
        keys.forEach(k -> labels.add(new JsonObject().put("key", k).put("name", k.toUpperCase())));
        JsonObject body = new JsonObject().put("name", "hard " + System.nanoTime())
                .put("schema", new JsonObject().put("kind", "single").put("labels", labels))
                .put("overlap", new JsonObject().put("crowd", crowd).put("expert", 0)).put("breadth_first", false);
        Http admin = server.admin();
        Http.Response r = admin.post("/api/projects", body);
        assertEquals(201, r.status(), r.body());
        return new HardProject(admin, r.json().getLong("id"));
    }

    String path(String rest) {
        return "/api/projects/" + id + rest;
    }

    HardProject upload(String what, String lines) {
        Http.Response r = http.post(path(what), lines, JSONL);
        assertEquals(200, r.status(), r.body());
        return this;
    }

    HardProject items(String lines) {
        return upload("/items", lines);
    }

    HardProject predictions(String version, String lines) {
        return upload("/predictions?model=m&version=" + version, lines);
    }

    HardProject answers(String lines) {
        return upload("/answers/import", lines);
    }

    JsonObject settings(JsonObject change) {
        Http.Response r = http.send("PUT", path("/hardness"), java.net.http.HttpRequest.BodyPublishers.ofString(change.encode()),
                "application/json");
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    JsonObject recompute() {
        Http.Response r = http.post(path("/hardness/recompute"), new JsonObject());
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    JsonObject get(String rest) {
        Http.Response r = http.get(path(rest));
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    /** The hard cases (first page, hardest first) by external id. */
    JsonObject byItem(String query) {
        JsonObject out = new JsonObject();
        for (Object o : get("/hard-cases" + query).getJsonArray("items")) {
            JsonObject c = (JsonObject) o;
            out.put(c.getJsonObject("item").getString("external_id"), c);
        }
        return out;
    }
}
