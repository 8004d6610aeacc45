package dev.kappa.project;

import dev.kappa.support.Http;
import dev.kappa.support.TestDatabases;
import dev.kappa.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProjectsTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();
    static Http engineer;

    @BeforeAll
    static void setUp() {
        engineer = server.engineer().http();
    }

    static JsonObject sentiment() {
        return new JsonObject("""
                {"name": "sentiment", "schema": {"kind": "single", "labels": [{"key": "pos", "name": "Positive", "hotkey": "1"},
                 {"key": "neg", "name": "Negative", "hotkey": "2"}]}, "overlap": {"crowd": 3, "expert": 1},
                 "gold_rate": 0.1, "baseline_sample_rate": 0.05, "lease_ttl_seconds": 600}""");
    }

    @Test
    @DisplayName("an engineer creates a project with the issue's example body and reads every setting back")
    void createsAndReadsBack() {
        Http.Response r = engineer.post("/api/projects", sentiment().put("instructions", "Label the **tone**.")
                .put("hourly_rate", new JsonObject().put("crowd", 12.5)).put("daily_quota", 500));
        assertEquals(201, r.status(), r.body());
        JsonObject p = r.json();
        assertEquals("sentiment", p.getString("name"));
        assertEquals(3, p.getJsonObject("overlap").getInteger("crowd"));
        assertEquals(1, p.getJsonObject("overlap").getInteger("expert"));
        assertEquals(0.1, p.getDouble("gold_rate"));
        assertEquals(0.05, p.getDouble("baseline_sample_rate"));
        assertEquals(600, p.getInteger("lease_ttl_seconds"));
        assertEquals(0.7, p.getJsonObject("escalation").getDouble("min_agreement"));
        assertTrue(p.getJsonObject("escalation").getBoolean("on_gold_conflict"));
        assertEquals(12.5, p.getJsonObject("hourly_rate").getDouble("crowd"));
        assertNull(p.getJsonObject("hourly_rate").getValue("expert"));
        assertEquals(500, p.getInteger("daily_quota"));
        assertEquals("<p>Label the <strong>tone</strong>.</p>\n", p.getString("instructions_html"));
        assertEquals("1", p.getJsonObject("schema").getJsonArray("labels").getJsonObject(0).getString("hotkey"));
        JsonObject again = engineer.get("/api/projects/" + p.getLong("id")).json();
        assertEquals(p, again);
    }

    @Test
    @DisplayName("instructions never pass raw HTML or javascript: links through")
    void instructionsAreRenderedSafely() {
        String md = "<script>alert(1)</script>\n\n[click](javascript:alert(2)) <img src=x onerror=alert(3)>";
        JsonObject p = engineer.post("/api/projects", sentiment().put("instructions", md)).json();
        String html = p.getString("instructions_html");
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("<img"), html);
        assertFalse(html.contains("javascript:"), html);
        assertTrue(html.contains("&lt;script&gt;"), html);
        assertEquals(md, p.getString("instructions"));
    }

    @Test
    @DisplayName("each bad setting is a 422 naming the field")
    void badSettingsNameTheField() {
        assertField(sentiment().put("name", ""), "name");
        assertField(sentiment().put("gold_rate", 1.5), "gold_rate");
        assertField(sentiment().put("baseline_sample_rate", -0.1), "baseline_sample_rate");
        assertField(sentiment().put("lease_ttl_seconds", 5), "lease_ttl_seconds");
        assertField(sentiment().put("overlap", new JsonObject().put("crowd", 101)), "overlap.crowd");
        assertField(sentiment().put("overlap", new JsonObject().put("gurus", 1)), "overlap.gurus");
        assertField(sentiment().put("escalation", new JsonObject().put("min_agreement", 2)), "escalation.min_agreement");
        assertField(sentiment().put("hourly_rate", new JsonObject().put("expert", -3)), "hourly_rate.expert");
        assertField(sentiment().put("daily_quota", 0), "daily_quota");
        assertField(sentiment().put("colour", "red"), "colour");
        assertField(sentiment().put("schema", new JsonObject().put("kind", "tree").put("labels", new JsonArray())), "schema.kind");
        assertField(sentiment().put("schema", schema("single", "a")), "schema.labels");
        assertField(sentiment().put("schema", new JsonObject("""
                {"kind": "single", "labels": [{"key": "a"}, {"key": "a"}]}""")), "schema.labels[1].key");
        assertField(sentiment().put("schema", new JsonObject("""
                {"kind": "single", "labels": [{"key": "a", "hotkey": "x"}, {"key": "b", "hotkey": "X"}]}""")), "schema.labels[1].hotkey");
        assertField(sentiment().put("schema", new JsonObject("""
                {"kind": "single", "labels": [{"key": "a b"}, {"key": "c"}]}""")), "schema.labels[0].key");
        assertField(sentiment().put("schema", new JsonObject("""
                {"kind": "rating", "labels": [{"key": "1"}, {"key": "3"}]}""")), "schema.labels[1].key");
        JsonObject noSchema = sentiment();
        noSchema.remove("schema");
        assertField(noSchema, "schema");
    }

    @Test
    @DisplayName("PATCH changes only what it names, and null clears a nullable setting")
    void patchChangesOnlyWhatItNames() {
        long id = engineer.post("/api/projects", sentiment().put("daily_quota", 40)).json().getLong("id");
        Http.Response r = engineer.patch("/api/projects/" + id, new JsonObject().put("overlap", new JsonObject().put("expert", 2))
                .put("daily_quota", null).put("description", "tone of reviews"));
        assertEquals(200, r.status(), r.body());
        assertEquals(3, r.json().getJsonObject("overlap").getInteger("crowd"));
        assertEquals(2, r.json().getJsonObject("overlap").getInteger("expert"));
        assertNull(r.json().getValue("daily_quota"));
        assertEquals("tone of reviews", r.json().getString("description"));
        assertEquals("sentiment", r.json().getString("name"));
        assertEquals(422, engineer.patch("/api/projects/" + id, new JsonObject().put("gold_rate", null)).status());
    }

    @Test
    @DisplayName("a label used in gold cannot be removed (409 naming it); unused labels can, and new ones can be added")
    void usedLabelsCannotBeRemoved() throws Exception {
        long id = engineer.post("/api/projects", sentiment().put("schema", schema("single", "pos", "neg", "meh"))).json().getLong("id");
        try (Connection c = TestDatabases.connect(server.databaseUrl()); Statement s = c.createStatement()) {
            s.execute("insert into items (project_id, external_id, data, gold, seq, sample_key) values ("
                    + id + ", 'q1', '{}', '\"pos\"', 1, 0.5)");
        }
        Http.Response r = engineer.patch("/api/projects/" + id, new JsonObject().put("schema", schema("single", "neg", "meh")));
        assertEquals(409, r.status(), r.body());
        assertEquals("schema.labels", r.json().getString("field"));
        assertTrue(r.json().getString("detail").contains("'pos'"), r.body());
        Http.Response kind = engineer.patch("/api/projects/" + id, new JsonObject().put("schema", schema("multi", "pos", "neg")));
        assertEquals(409, kind.status(), kind.body());
        assertEquals("schema.kind", kind.json().getString("field"));
        Http.Response ok = engineer.patch("/api/projects/" + id, new JsonObject().put("schema", schema("single", "pos", "neg", "mixed")));
        assertEquals(200, ok.status(), ok.body());
        assertEquals(3, ok.json().getJsonObject("schema").getJsonArray("labels").size());
    }

    @Test
    @DisplayName("a multi label used inside a set, and a rating point in use, cannot be removed either")
    void usedMultiAndRatingLabelsCannotBeRemoved() throws Exception {
        long multi = engineer.post("/api/projects", sentiment().put("schema", schema("multi", "a", "b", "c"))).json().getLong("id");
        long rating = engineer.post("/api/projects", sentiment().put("schema", schema("rating", "1", "2", "3"))).json().getLong("id");
        try (Connection c = TestDatabases.connect(server.databaseUrl()); Statement s = c.createStatement()) {
            s.execute("insert into items (project_id, external_id, data, gold, seq, sample_key) values (" + multi + ", 'm', '{}', '[\"a\",\"b\"]', 1, 0.5)");
            s.execute("insert into items (project_id, external_id, data, gold, seq, sample_key) values (" + rating + ", 'r', '{}', '3', 1, 0.5)");
        }
        assertEquals(409, engineer.patch("/api/projects/" + multi, new JsonObject().put("schema", schema("multi", "a", "c"))).status());
        assertEquals(200, engineer.patch("/api/projects/" + multi, new JsonObject().put("schema", schema("multi", "a", "b"))).status());
        assertEquals(409, engineer.patch("/api/projects/" + rating, new JsonObject().put("schema", schema("rating", "1", "2"))).status());
        assertEquals(200, engineer.patch("/api/projects/" + rating, new JsonObject().put("schema", schema("rating", "1", "2", "3", "4"))).status());
    }

    @Test
    @DisplayName("the project list pages by keyset with next_after and never repeats or skips a project")
    void listPagesByKeyset() {
        Http admin = server.admin();
        for (int i = 0; i < 5; i++) {
            assertEquals(201, admin.post("/api/projects", sentiment().put("name", "page " + i)).status());
        }
        Set<Long> seen = new HashSet<>();
        long after = 0;
        int pages = 0;
        while (true) {
            JsonObject page = admin.get("/api/projects?limit=2&after=" + after).json();
            JsonArray projects = page.getJsonArray("projects");
            for (int i = 0; i < projects.size(); i++) {
                assertTrue(seen.add(projects.getJsonObject(i).getLong("id")), "repeated project");
            }
            pages++;
            if (!page.containsKey("next_after")) {
                break;
            }
            after = page.getLong("next_after");
        }
        JsonArray all = admin.get("/api/projects?limit=1000").json().getJsonArray("projects");
        assertEquals(all.size(), seen.size());
        assertTrue(pages >= 3);
        assertEquals(400, admin.get("/api/projects?limit=0").status());
        assertEquals("after", admin.get("/api/projects?after=x").json().getString("field"));
    }

    static JsonObject schema(String kind, String... keys) {
        JsonArray labels = new JsonArray();
        for (String k : keys) {
            labels.add(new JsonObject().put("key", k));
        }
        return new JsonObject().put("kind", kind).put("labels", labels);
    }

    private static void assertField(JsonObject body, String field) {
        Http.Response r = engineer.post("/api/projects", body);
        assertEquals(422, r.status(), r.body());
        assertEquals(field, r.json().getString("field"), r.body());
        assertEquals("application/problem+json", r.header("Content-Type"));
    }
}
