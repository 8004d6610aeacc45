package dev.kappa.web;

import dev.kappa.support.Http;
import dev.kappa.support.TestDatabases;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Projects, annotators and items made through the real API (so they work against a server in another process too). */
final class Fixtures {
    record Annotator(long id, String email, String password) {
    }

    private Fixtures() {
    }

    static JsonObject schema(String kind, String... keysAndNames) {
        JsonArray labels = new JsonArray();
        for (int i = 0; i < keysAndNames.length; i += 2) {
            labels.add(new JsonObject().put("key", keysAndNames[i]).put("name", keysAndNames[i + 1]));
        }
        return new JsonObject().put("kind", kind).put("labels", labels);
    }

    /** A project where each item needs one crowd answer, so one annotator can label it to the end. */
    static long project(Http admin, JsonObject schema, String instructions) {
        return project(admin, "Reviews " + UUID.randomUUID().toString().substring(0, 6), "Is the review positive or negative?", schema, instructions);
    }

    static long project(Http admin, String name, String description, JsonObject schema, String instructions) {
        Http.Response r = admin.post("/api/projects", new JsonObject().put("name", name)
                .put("description", description).put("instructions", instructions).put("schema", schema)
                .put("overlap", new JsonObject().put("crowd", 1).put("expert", 0)));
        check(r, 201);
        return r.json().getLong("id");
    }

    static Annotator annotator(Http admin, long... projects) {
        String email = "ann-" + UUID.randomUUID().toString().substring(0, 8) + "@kappa.test";
        String password = "password-" + UUID.randomUUID();
        Http.Response r = admin.post("/api/users", new JsonObject().put("email", email).put("password", password)
                .put("role", "annotator").put("tier", "crowd").put("display_name", "Ada Annotator"));
        check(r, 201);
        long id = r.json().getLong("id");
        for (long p : projects) {
            check(admin.post("/api/projects/" + p + "/members", new JsonObject().put("user_id", id)), 201);
        }
        return new Annotator(id, email, password);
    }

    /** Imports items with external ids it1..itN whose data is the given objects. */
    static void items(Http admin, long project, List<JsonObject> data) {
        items(admin, project, data, 0);
    }

    /** As above; every goldEvery-th item (if > 0) carries the gold label "pos". */
    static void items(Http admin, long project, List<JsonObject> data, int goldEvery) {
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < data.size(); i++) {
            JsonObject line = new JsonObject().put("external_id", "it" + (i + 1)).put("data", data.get(i));
            if (goldEvery > 0 && i % goldEvery == 0) {
                line.put("gold", "pos");
            }
            jsonl.append(line.encode()).append('\n');
        }
        check(admin.post("/api/projects/" + project + "/items", jsonl.toString(), "application/x-ndjson"), 200);
    }

    static List<JsonObject> texts(String... texts) {
        List<JsonObject> out = new ArrayList<>();
        for (String t : texts) {
            out.add(new JsonObject().put("text", t));
        }
        return out;
    }

    /** Each answered item's external id and label (as JSON text), in answer order. */
    static Map<String, String> answers(String databaseUrl, long project, long annotator) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = TestDatabases.connect(databaseUrl);
             PreparedStatement s = c.prepareStatement("SELECT i.external_id, a.label::text FROM answers a JOIN items i ON i.project_id = a.project_id AND i.id = a.item_id "
                     + "WHERE a.project_id = ? AND a.annotator_id = ? ORDER BY a.id")) {
            s.setLong(1, project);
            s.setLong(2, annotator);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (out.put(rs.getString(1), rs.getString(2)) != null) {
                        throw new AssertionError("two answers by one annotator on item " + rs.getString(1));
                    }
                }
            }
        }
        return out;
    }

    static long scalar(String databaseUrl, String sql, Object... args) throws SQLException {
        try (Connection c = TestDatabases.connect(databaseUrl); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static String text(String databaseUrl, String sql, Object... args) throws SQLException {
        try (Connection c = TestDatabases.connect(databaseUrl); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static void check(Http.Response r, int status) {
        if (r.status() != status) {
            throw new IllegalStateException("expected " + status + ": " + r);
        }
    }
}
