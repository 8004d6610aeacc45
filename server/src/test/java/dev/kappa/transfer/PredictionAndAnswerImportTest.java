package dev.kappa.transfer;

import dev.kappa.support.Http;
import dev.kappa.support.TestDatabases;
import dev.kappa.support.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PredictionAndAnswerImportTest {
    static final String JSONL = "application/x-ndjson";
    @RegisterExtension
    static final TestServer server = TestServer.perClass();
    static Http engineer;

    @BeforeAll
    static void setUp() {
        engineer = server.engineer().http();
        ItemImportTest.engineer = engineer;
    }

    static long projectWithItems() {
        long p = ItemImportTest.project(engineer, "single", "pos", "neg");
        Http.Response r = engineer.post("/api/projects/" + p + "/items", """
                {"external_id": "q1", "data": {"text": "great"}, "gold": "pos"}
                {"external_id": "q2", "data": {"text": "bad"}}
                {"external_id": "q3", "data": {"text": "fine"}}
                """, JSONL);
        assertEquals(200, r.status(), r.body());
        return p;
    }

    static List<List<Object>> rows(String sql) throws Exception {
        List<List<Object>> out = new ArrayList<>();
        try (Connection c = TestDatabases.connect(server.databaseUrl()); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getObject(i) == null ? null : rs.getObject(i).toString());
                }
                out.add(row);
            }
        }
        return out;
    }

    @Test
    @DisplayName("a model run's predictions are stored with probs or score, and its metrics on the run")
    void importsPredictions() throws Exception {
        long p = projectWithItems();
        Http.Response r = engineer.post("/api/projects/" + p + "/predictions?model=bert&version=v1&latency_ms=12.5&size_mb=420&cost_per_1k=0.3", """
                {"item": "q1", "label": "pos", "probs": {"pos": 0.81, "neg": 0.19}}
                {"item": "q2", "label": "neg", "score": 0.4}
                """, JSONL);
        assertEquals(200, r.status(), r.body());
        assertEquals(2, r.json().getInteger("predictions"));
        assertEquals(List.of(List.of("bert", "v1", "12.5", "420.0", "0.3")),
                rows("select model, version, latency_ms, size_mb, cost_per_1k from model_runs where project_id = " + p));
        assertEquals(List.of(Arrays.asList("q1", "\"pos\"", "{\"neg\": 0.19, \"pos\": 0.81}", null),
                        Arrays.asList("q2", "\"neg\"", null, "0.4")),
                rows("select i.external_id, p.label::text, p.probs::text, p.score from predictions p join items i"
                        + " on i.project_id = p.project_id and i.id = p.item_id where p.project_id = " + p + " order by i.seq"));
    }

    @Test
    @DisplayName("re-uploading a run replaces its predictions for those items; another version sits beside it")
    void reuploadReplacesRun() throws Exception {
        long p = projectWithItems();
        String base = "/api/projects/" + p + "/predictions?model=m&version=";
        assertEquals(200, engineer.post(base + "1", "{\"item\": \"q1\", \"label\": \"pos\", \"score\": 0.9}\n{\"item\": \"q2\", \"label\": \"pos\", \"score\": 0.8}\n", JSONL).status());
        assertEquals(200, engineer.post(base + "1", "{\"item\": \"q1\", \"label\": \"neg\", \"score\": 0.2}\n", JSONL).status());
        assertEquals(200, engineer.post(base + "2", "{\"item\": \"q1\", \"label\": \"pos\", \"score\": 0.7}\n", JSONL).status());
        assertEquals(List.of(List.of("1", "q1", "\"neg\""), List.of("1", "q2", "\"pos\""), List.of("2", "q1", "\"pos\"")),
                rows("select r.version, i.external_id, p.label::text from predictions p join model_runs r on r.project_id = p.project_id"
                        + " and r.id = p.run_id join items i on i.project_id = p.project_id and i.id = p.item_id"
                        + " where p.project_id = " + p + " order by r.version, i.external_id"));
    }

    @Test
    @DisplayName("an unknown item, a label outside the schema, bad probs or a missing model are rejected, and nothing is written")
    void badPredictions() throws Exception {
        long p = projectWithItems();
        String path = "/api/projects/" + p + "/predictions?model=m&version=1";
        Http.Response unknown = engineer.post(path, "{\"item\": \"q1\", \"label\": \"pos\", \"score\": 1}\n{\"item\": \"nope\", \"label\": \"pos\", \"score\": 1}\n", JSONL);
        assertEquals(422, unknown.status(), unknown.body());
        JsonObject e = unknown.json().getJsonArray("errors").getJsonObject(0);
        assertEquals(2, e.getInteger("line"));
        assertEquals("item", e.getString("field"));
        Http.Response bad = engineer.post(path, String.join("\n",
                "{\"item\": \"q1\", \"label\": \"meh\", \"score\": 1}",
                "{\"item\": \"q2\", \"label\": \"pos\", \"probs\": {\"pos\": 1.5}}",
                "{\"item\": \"q3\", \"label\": \"pos\"}"), JSONL);
        assertEquals(422, bad.status());
        assertEquals(List.of("label", "probs", "probs"), fields(bad));
        assertEquals(400, engineer.post("/api/projects/" + p + "/predictions?version=1", "", JSONL).status());
        assertEquals("model", engineer.post("/api/projects/" + p + "/predictions?version=1", "", JSONL).json().getString("field"));
        assertEquals("latency_ms", engineer.post(path + "&latency_ms=-1", "", JSONL).json().getString("field"));
        assertEquals(List.of(List.of("0")), rows("select count(*) from predictions where project_id = " + p));
    }

    @Test
    @DisplayName("importing past answers creates external workers with their tier, keeps repeats, and marks answers as imported")
    void importsPastAnswers() throws Exception {
        long p = projectWithItems();
        Http.Response r = engineer.post("/api/projects/" + p + "/answers/import", """
                {"item": "q1", "annotator": "w-ext-1", "tier": "crowd", "label": "pos", "duration_ms": 5400, "created_at": "2026-01-31T10:00:00Z"}
                {"item": "q1", "annotator": "w-ext-1", "tier": "crowd", "label": "pos", "duration_ms": 4000, "created_at": "2026-01-31T11:00:00Z"}
                {"item": "q1", "annotator": "w-ext-2", "tier": "expert", "label": "neg"}
                {"item": "q2", "annotator": "w-ext-1", "tier": "crowd", "label": "neg", "created_at": "2026-02-01"}
                """, JSONL);
        assertEquals(200, r.status(), r.body());
        assertEquals(new JsonObject().put("answers", 4).put("workers_created", 2).put("slots_filled", true).put("source", "kappa").put("skipped", 0), r.json());
        assertEquals(List.of(Arrays.asList("w-ext-1", "annotator", "crowd", null, null), Arrays.asList("w-ext-2", "annotator", "expert", null, null)),
                rows("select external_id, role, tier, email, password_hash from users where external_id like 'w-ext-%' order by external_id"));
        assertEquals(List.of(List.of("q1", "w-ext-1", "crowd", "\"pos\"", "5400", "import"),
                        List.of("q1", "w-ext-1", "crowd", "\"pos\"", "4000", "import")),
                rows("select i.external_id, u.external_id, a.tier, a.label::text, a.duration_ms, a.source from answers a"
                        + " join items i on i.project_id = a.project_id and i.id = a.item_id join users u on u.id = a.annotator_id"
                        + " where a.project_id = " + p + " and u.external_id = 'w-ext-1' and i.external_id = 'q1' order by a.created_at"));
        Http.Response csv = engineer.post("/api/projects/" + p + "/answers/import",
                "item,annotator,tier,label,duration_ms,created_at\r\nq3,w-ext-1,crowd,pos,1200,2026-03-01T08:00:00+01:00\r\nq3,w-ext-3,crowd,neg,,\r\n", "text/csv");
        assertEquals(new JsonObject().put("answers", 2).put("workers_created", 1).put("slots_filled", true).put("source", "kappa").put("skipped", 0), csv.json());
        assertEquals(List.of(List.of("6")), rows("select count(*) from answers where project_id = " + p));
    }

    @Test
    @DisplayName("a bad answer line (unknown item, bad tier, bad label, staff id) fails the whole answer import")
    void badAnswersWriteNothing() throws Exception {
        long p = projectWithItems();
        long users = Long.parseLong(rows("select count(*) from users").get(0).get(0).toString());
        Http.Response r = engineer.post("/api/projects/" + p + "/answers/import", String.join("\n",
                "{\"item\": \"q1\", \"annotator\": \"new-worker\", \"tier\": \"crowd\", \"label\": \"pos\"}",
                "{\"item\": \"q1\", \"annotator\": \"w\", \"tier\": \"guru\", \"label\": \"pos\"}",
                "{\"item\": \"q1\", \"annotator\": \"w\", \"tier\": \"crowd\", \"label\": \"maybe\"}",
                "{\"item\": \"q1\", \"annotator\": \"w\", \"tier\": \"crowd\", \"label\": \"pos\", \"duration_ms\": -5}",
                "{\"item\": \"q1\", \"annotator\": \"w\", \"tier\": \"crowd\", \"label\": \"pos\", \"created_at\": \"yesterday\"}"), JSONL);
        assertEquals(422, r.status());
        assertEquals(List.of("tier", "label", "duration_ms", "created_at"), fields(r));
        Http.Response unknown = engineer.post("/api/projects/" + p + "/answers/import",
                "{\"item\": \"q9\", \"annotator\": \"new-worker\", \"tier\": \"crowd\", \"label\": \"pos\"}\n", JSONL);
        assertEquals(422, unknown.status());
        assertEquals("item", unknown.json().getString("field"));
        try (Connection c = TestDatabases.connect(server.databaseUrl()); Statement s = c.createStatement()) {
            s.execute("update users set external_id = 'staff-1' where email = '" + TestServer.ADMIN_EMAIL + "'");
        }
        Http.Response staff = engineer.post("/api/projects/" + p + "/answers/import",
                "{\"item\": \"q1\", \"annotator\": \"staff-1\", \"tier\": \"crowd\", \"label\": \"pos\"}\n", JSONL);
        assertEquals(422, staff.status());
        assertEquals("annotator", staff.json().getString("field"));
        assertEquals(List.of(List.of("0")), rows("select count(*) from answers where project_id = " + p));
        assertEquals(users, Long.parseLong(rows("select count(*) from users").get(0).get(0).toString()), "no worker was created");
    }

    @Test
    @DisplayName("a label used only in an imported answer or prediction cannot be removed from the schema")
    void labelsInAnswersAndPredictionsStay() {
        long p = ItemImportTest.project(engineer, "single", "pos", "neg", "meh", "odd");
        assertEquals(200, engineer.post("/api/projects/" + p + "/items", "{\"external_id\": \"q1\", \"data\": {}}\n", JSONL).status());
        assertEquals(200, engineer.post("/api/projects/" + p + "/answers/import",
                "{\"item\": \"q1\", \"annotator\": \"lw\", \"tier\": \"crowd\", \"label\": \"meh\"}\n", JSONL).status());
        assertEquals(200, engineer.post("/api/projects/" + p + "/predictions?model=m&version=1",
                "{\"item\": \"q1\", \"label\": \"odd\", \"score\": 0.5}\n", JSONL).status());
        Http.Response answers = engineer.patch("/api/projects/" + p, new JsonObject().put("schema", new JsonObject(
                "{\"kind\": \"single\", \"labels\": [{\"key\": \"pos\"}, {\"key\": \"neg\"}, {\"key\": \"odd\"}]}")));
        assertEquals(409, answers.status(), answers.body());
        assertTrue(answers.json().getString("detail").contains("'meh' is used in answers"), answers.body());
        Http.Response predictions = engineer.patch("/api/projects/" + p, new JsonObject().put("schema", new JsonObject(
                "{\"kind\": \"single\", \"labels\": [{\"key\": \"pos\"}, {\"key\": \"neg\"}, {\"key\": \"meh\"}]}")));
        assertEquals(409, predictions.status(), predictions.body());
        assertTrue(predictions.json().getString("detail").contains("'odd' is used in predictions"), predictions.body());
        assertEquals(200, engineer.patch("/api/projects/" + p, new JsonObject().put("schema", new JsonObject(
                "{\"kind\": \"single\", \"labels\": [{\"key\": \"meh\"}, {\"key\": \"odd\"}]}"))).status(),
                "unused labels can go");
    }

    static List<String> fields(Http.Response r) {
        List<String> out = new ArrayList<>();
        r.json().getJsonArray("errors").forEach(e -> out.add(((JsonObject) e).getString("field")));
        return out;
    }

    private static final class Arrays {
        static List<Object> asList(Object... v) {
            return java.util.Arrays.asList(v);
        }
    }
}
