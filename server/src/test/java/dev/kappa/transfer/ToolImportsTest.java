package dev.kappa.transfer;

import dev.kappa.support.Datasets;
import dev.kappa.support.Http;
import dev.kappa.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 14: past answers from other tools' exports, read as those tools write them; errors in one pass. */
class ToolImportsTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();
    static Http admin;

    @BeforeAll
    static void setUp() {
        admin = server.admin();
    }

    static long project(String kind, List<String> labels, List<String> items) {
        JsonArray ls = new JsonArray();
        labels.forEach(l -> ls.add(new JsonObject().put("key", l)));
        Http.Response r = admin.post("/api/projects", new JsonObject().put("name", "tools " + System.nanoTime())
                .put("schema", new JsonObject().put("kind", kind).put("labels", ls))
                .put("overlap", new JsonObject().put("crowd", 3).put("expert", 0)));
        assertEquals(201, r.status(), r.body());
        long p = r.json().getLong("id");
        StringBuilder csv = new StringBuilder("external_id,text\n");
        items.forEach(i -> csv.append(i).append(",item ").append(i).append('\n'));
        assertEquals(200, admin.post("/api/projects/" + p + "/items", csv.toString(), "text/csv").status());
        return p;
    }

    static List<List<Object>> rows(String sql) throws Exception {
        List<List<Object>> out = new java.util.ArrayList<>();
        try (java.sql.Connection c = dev.kappa.support.TestDatabases.connect(server.databaseUrl());
             java.sql.ResultSet rs = c.createStatement().executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new java.util.ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getObject(i) == null ? null : rs.getObject(i).toString());
                }
                out.add(row);
            }
        }
        return out;
    }

    static List<List<Object>> answers(long p) throws Exception {
        return rows("select i.external_id, u.external_id, a.tier, a.label::text, a.duration_ms from answers a"
                + " join items i on i.project_id = a.project_id and i.id = a.item_id join users u on u.id = a.annotator_id"
                + " where a.project_id = " + p + " order by a.id");
    }

    @Test
    @DisplayName("a plain question,worker,answer CSV (crowd_dog, 8,070 real answers) imports with a column mapping; crowd is the default tier")
    void columnMappingOnARealFile() throws Exception {
        List<String[]> rows = Datasets.rows("crowd_dog/answer.csv", ",");
        TreeSet<String> items = new TreeSet<>();
        rows.subList(1, rows.size()).forEach(r -> items.add("dog-" + r[0]));
        long p = project("single", List.of("0", "1", "2", "3"), List.copyOf(items));
        String file = Files.readString(Datasets.file("crowd_dog/answer.csv"));
        // The file names items 1..807; the project knows them as dog-1..: an unmapped file gets every line refused.
        Http.Response refused = admin.post("/api/projects/" + p + "/answers/import", file, "text/csv");
        assertEquals(422, refused.status());
        StringBuilder prefixed = new StringBuilder("question,worker,answer\n");
        rows.subList(1, rows.size()).forEach(r -> prefixed.append("dog-").append(r[0]).append(",dog-w").append(r[1]).append(',').append(r[2]).append('\n'));
        Http.Response r = admin.post("/api/projects/" + p + "/answers/import?map.item=question&map.annotator=worker&map.label=answer",
                prefixed.toString(), "text/csv");
        assertEquals(200, r.status(), r.body());
        assertEquals(rows.size() - 1, r.json().getInteger("answers"));
        assertEquals(java.util.Arrays.asList("dog-1", "dog-w1", "crowd", "\"3\"", null), answers(p).get(0));
    }

    @Test
    @DisplayName("JSONL with another tool's field names and a duration column, mapped")
    void jsonlMapping() throws Exception {
        long p = project("single", List.of("pos", "neg"), List.of("q1", "q2"));
        Http.Response r = admin.post("/api/projects/" + p + "/answers/import?map.item=doc&map.annotator=rater&map.label=verdict&map.duration=ms&tier=expert", """
                {"doc": "q1", "rater": "jl-r1", "verdict": "pos", "ms": 5400, "comment": "extra fields are ignored"}
                {"doc": "q2", "rater": "jl-r1", "verdict": "neg", "ms": 1200}
                """, "application/x-ndjson");
        assertEquals(200, r.status(), r.body());
        assertEquals(List.of(List.of("q1", "jl-r1", "expert", "\"pos\"", "5400"), List.of("q2", "jl-r1", "expert", "\"neg\"", "1200")), answers(p));
        assertEquals(400, admin.post("/api/projects/" + p + "/answers/import?map.colour=x", "{}", "application/x-ndjson").status());
    }

    @Test
    @DisplayName("crowd-kit's task/worker/label table as TSV (crowd-kit's toy YSDA answers)")
    void crowdKitTsv() throws Exception {
        List<String[]> rows = Datasets.rows("crowdkit_toy_ysda/answers.csv", ",");
        TreeSet<String> tasks = new TreeSet<>();
        StringBuilder tsv = new StringBuilder("worker\ttask\tlabel\n");
        for (String[] row : rows.subList(1, rows.size())) {
            tasks.add(row[1]);
            tsv.append("ck-").append(row[0]).append('\t').append(row[1]).append('\t').append(row[2]).append('\n');
        }
        long p = project("single", List.of("yes", "no"), List.copyOf(tasks));
        Http.Response r = admin.post("/api/projects/" + p + "/answers/import?source=crowd-kit", tsv.toString(), "text/tab-separated-values");
        assertEquals(200, r.status(), r.body());
        assertEquals(rows.size() - 1, r.json().getInteger("answers"));
        assertEquals("crowd-kit", r.json().getString("source"));
        assertEquals(java.util.Arrays.asList("t1", "ck-w1", "crowd", "\"no\"", null), answers(p).get(0));

        // External worker ids in filters and reports, beside internal ids.
        Http.Response quality = admin.get("/api/projects/" + p + "/annotators/quality?annotators=ck-w1,ck-w2");
        assertEquals(200, quality.status(), quality.body());
        assertEquals(List.of("ck-w1", "ck-w2"), quality.json().getJsonArray("annotators").stream()
                .map(o -> ((JsonObject) o).getString("external_id")).sorted().toList());
        long w1 = quality.json().getJsonArray("annotators").stream().map(JsonObject.class::cast)
                .filter(o -> "ck-w1".equals(o.getString("external_id"))).findFirst().orElseThrow().getLong("user_id");
        Http.Response mixed = admin.get("/api/projects/" + p + "/annotators/quality?annotators=" + w1 + "&workers=ck-w3");
        assertEquals(List.of("ck-w1", "ck-w3"), mixed.json().getJsonArray("annotators").stream()
                .map(o -> ((JsonObject) o).getString("external_id")).sorted().toList());
        Http.Response agreement = admin.get("/api/projects/" + p + "/agreement?workers=ck-w1,ck-w2&m=1&resamples=0");
        assertEquals(200, agreement.status(), agreement.body());
        JsonObject pair = agreement.json().getJsonObject("cohen_kappa").getJsonArray("pairs").getJsonObject(0);
        assertEquals(new TreeSet<>(List.of("ck-w1", "ck-w2")), new TreeSet<>(pair.getJsonArray("external_ids").getList()));
        assertEquals(0, admin.get("/api/projects/" + p + "/annotators/quality?workers=nobody").json().getJsonArray("annotators").size());
    }

    @Test
    @DisplayName("Toloka's assignment TSV: task and worker ids, the OUTPUT column as label, rejected assignments skipped")
    void tolokaTsv() throws Exception {
        long p = project("single", List.of("cat", "dog"), List.of("00001a2b3c--61f0", "00001a2b3c--61f1"));
        String tsv = String.join("\n",
                "INPUT:image\tOUTPUT:result\tGOLDEN:result\tHINT:text\tASSIGNMENT:link\tASSIGNMENT:assignment_id\tASSIGNMENT:task_id\tASSIGNMENT:worker_id\tASSIGNMENT:status\tASSIGNMENT:started\tASSIGNMENT:submitted",
                "https://img.example/1.jpg\tcat\t\t\thttps://platform.toloka.ai/task/1\t0001--a1\t00001a2b3c--61f0\ttl-3f2e\tACCEPTED\t2023-03-01T10:00:00.000\t2023-03-01T10:00:07.410",
                "https://img.example/1.jpg\tdog\t\t\thttps://platform.toloka.ai/task/1\t0001--a2\t00001a2b3c--61f0\ttl-9c1d\tSUBMITTED\t2023-03-01T10:01:00.000\t2023-03-01T10:01:05.000",
                "https://img.example/2.jpg\tdog\t\t\thttps://platform.toloka.ai/task/2\t0001--a3\t00001a2b3c--61f1\ttl-3f2e\tREJECTED\t2023-03-01T10:02:00.000\t2023-03-01T10:02:01.000",
                "https://img.example/2.jpg\tdog\t\t\thttps://platform.toloka.ai/task/2\t0001--a4\t00001a2b3c--61f1\ttl-9c1d\tACCEPTED\t2023-03-01T10:03:00.000\t2023-03-01T10:03:04.000", "");
        Http.Response r = admin.post("/api/projects/" + p + "/answers/import?source=toloka", tsv, "text/tab-separated-values");
        assertEquals(200, r.status(), r.body());
        assertEquals(3, r.json().getInteger("answers"));
        assertEquals(1, r.json().getInteger("skipped"));
        assertEquals(List.of(List.of("00001a2b3c--61f0", "tl-3f2e", "crowd", "\"cat\""), List.of("00001a2b3c--61f0", "tl-9c1d", "crowd", "\"dog\""),
                List.of("00001a2b3c--61f1", "tl-9c1d", "crowd", "\"dog\"")), answers(p).stream().map(a -> a.subList(0, 4)).toList());
    }

    static final String LABEL_STUDIO_EXPORT = """
            [
              {
                "id": 101,
                "annotations": [
                  {
                    "id": 1,
                    "completed_by": 1,
                    "result": [
                      {"value": {"choices": ["Positive"]}, "id": "Xy1", "from_name": "sentiment", "to_name": "text", "type": "choices", "origin": "manual"}
                    ],
                    "was_cancelled": false,
                    "ground_truth": false,
                    "created_at": "2024-05-02T09:12:44.131952Z",
                    "updated_at": "2024-05-02T09:12:44.131985Z",
                    "lead_time": 7.412,
                    "prediction": {},
                    "result_count": 0,
                    "task": 101,
                    "project": 3,
                    "parent_prediction": null,
                    "parent_annotation": null
                  },
                  {
                    "id": 2,
                    "completed_by": {"id": 2, "email": "ana@example.com", "first_name": "", "last_name": ""},
                    "result": [
                      {"value": {"choices": ["Negative"]}, "id": "Xy2", "from_name": "sentiment", "to_name": "text", "type": "choices", "origin": "manual"}
                    ],
                    "was_cancelled": false,
                    "created_at": "2024-05-02T09:13:01.000000Z",
                    "lead_time": 3.0
                  },
                  {"id": 3, "completed_by": 3, "result": [], "was_cancelled": true, "lead_time": 1.2}
                ],
                "file_upload": "reviews.csv",
                "drafts": [],
                "predictions": [],
                "data": {"text": "Great phone, battery lasts all day", "ref": "r-101"},
                "meta": {},
                "created_at": "2024-05-01T08:00:00.000000Z",
                "updated_at": "2024-05-02T09:13:01.000000Z",
                "inner_id": 1,
                "total_annotations": 2,
                "cancelled_annotations": 1,
                "total_predictions": 0
              },
              {
                "id": 102,
                "annotations": [
                  {"id": 4, "completed_by": 1, "result": [{"value": {"choices": ["Negative"]}, "from_name": "sentiment", "to_name": "text", "type": "choices"}],
                   "was_cancelled": false, "created_at": "2024-05-02T09:14:00Z", "lead_time": 12.5}
                ],
                "data": {"text": "Screen cracked in a week", "ref": "r-102"}
              }
            ]
            """;

    @Test
    @DisplayName("Label Studio's JSON export: one answer per annotation from annotations[].result choices; cancelled ones skipped; lead_time as duration")
    void labelStudioJson() throws Exception {
        long p = project("single", List.of("Positive", "Negative"), List.of("101", "102", "r-101", "r-102"));
        Http.Response r = admin.post("/api/projects/" + p + "/answers/import?source=label-studio", LABEL_STUDIO_EXPORT, "application/json");
        assertEquals(200, r.status(), r.body());
        assertEquals(3, r.json().getInteger("answers"));
        assertEquals(1, r.json().getInteger("skipped"));
        assertEquals(List.of(List.of("101", "1", "crowd", "\"Positive\"", "7412"), List.of("101", "ana@example.com", "crowd", "\"Negative\"", "3000"),
                List.of("102", "1", "crowd", "\"Negative\"", "12500")), answers(p));
        // Items known by a field of the task's data instead of Label Studio's task id.
        Http.Response byRef = admin.post("/api/projects/" + p + "/answers/import?source=label-studio&map.item=data.ref&fill_slots=false",
                LABEL_STUDIO_EXPORT, "application/json");
        assertEquals(200, byRef.status(), byRef.body());
        assertEquals(3, rows("select 1 from answers a join items i on i.project_id = a.project_id and i.id = a.item_id"
                + " where a.project_id = " + p + " and i.external_id like 'r-%'").size());
        assertEquals(415, admin.post("/api/projects/" + p + "/items", "[]", "application/json").status());
        Http.Response broken = admin.post("/api/projects/" + p + "/answers/import?source=label-studio", "{\"id\": 1}", "application/json");
        assertEquals(422, broken.status(), broken.body());
    }

    @Test
    @DisplayName("Prodigy's JSONL: binary accept and reject (the other of two labels), choice accept lists, ignore skipped")
    void prodigyJsonl() throws Exception {
        long p = project("single", List.of("POSITIVE", "NEGATIVE"), List.of("-1081224736", "982611", "55123"));
        String jsonl = """
                {"text": "I loved it", "label": "POSITIVE", "_input_hash": -1081224736, "_task_hash": 1541328, "answer": "accept", "_timestamp": 1714640000, "_annotator_id": "sentiment-alice", "_session_id": "sentiment-alice"}
                {"text": "Meh", "label": "POSITIVE", "_input_hash": 982611, "_task_hash": 77, "answer": "reject", "_annotator_id": "sentiment-alice", "_session_id": "sentiment-alice"}
                {"text": "Meh", "options": [{"id": "POSITIVE", "text": "POSITIVE"}, {"id": "NEGATIVE", "text": "NEGATIVE"}], "accept": ["NEGATIVE"], "_input_hash": 982611, "answer": "accept", "_session_id": "sentiment-bob"}
                {"text": "Unsure", "label": "POSITIVE", "_input_hash": 55123, "answer": "ignore", "_annotator_id": "sentiment-bob"}
                """;
        Http.Response r = admin.post("/api/projects/" + p + "/answers/import?source=prodigy", jsonl, "application/x-ndjson");
        assertEquals(200, r.status(), r.body());
        assertEquals(3, r.json().getInteger("answers"));
        assertEquals(1, r.json().getInteger("skipped"));
        assertEquals(List.of(List.of("-1081224736", "sentiment-alice", "\"POSITIVE\""), List.of("982611", "sentiment-alice", "\"NEGATIVE\""),
                List.of("982611", "sentiment-bob", "\"NEGATIVE\"")), answers(p).stream().map(a -> List.of(a.get(0), a.get(1), a.get(3))).toList());
        assertEquals(400, admin.post("/api/projects/" + p + "/answers/import?source=prodigy", "a,b\n", "text/csv").status());
    }

    @Test
    @DisplayName("errors in one pass: an unknown item, a bad label, a missing annotator and a bad tier in one file are all reported, with the cap stated")
    void errorsOfEveryKindInOneResponse() throws Exception {
        long p = project("single", List.of("pos", "neg"), List.of("q1", "q2"));
        Http.Response r = admin.post("/api/projects/" + p + "/answers/import", """
                item,annotator,tier,label
                q1,e-w1,crowd,pos
                nope,e-w1,crowd,pos
                q2,e-w1,crowd,maybe
                q2,,crowd,pos
                q1,e-w2,boss,pos
                """, "text/csv");
        assertEquals(422, r.status(), r.body());
        JsonObject problem = r.json();
        assertEquals(100, problem.getInteger("errors_cap"));
        assertEquals(4, problem.getInteger("bad_lines"));
        assertTrue(problem.getBoolean("bad_lines_complete"));
        assertEquals(List.of("3 item", "4 label", "5 annotator", "6 tier"), problem.getJsonArray("errors").stream()
                .map(o -> ((JsonObject) o).getLong("line") + " " + ((JsonObject) o).getString("field")).toList());
        assertEquals(List.of(), answers(p), "nothing was imported");

        StringBuilder many = new StringBuilder("item,annotator,tier,label\n");
        for (int i = 0; i < 150; i++) {
            many.append(i % 2 == 0 ? "ghost" + i : "q1").append(",e-w3,crowd,").append(i % 2 == 0 ? "pos" : "bad").append('\n');
        }
        JsonObject capped = admin.post("/api/projects/" + p + "/answers/import", many.toString(), "text/csv").json();
        assertEquals(100, capped.getJsonArray("errors").size());
        assertFalse(capped.getBoolean("bad_lines_complete"));
        assertTrue(capped.getJsonArray("errors").stream().anyMatch(o -> "item".equals(((JsonObject) o).getString("field")))
                && capped.getJsonArray("errors").stream().anyMatch(o -> "label".equals(((JsonObject) o).getString("field"))), "both kinds in one response");
    }
}
