package dev.kappa.baseline;

import dev.kappa.support.Http;
import dev.kappa.support.ProjectData;
import dev.kappa.support.Projects;
import dev.kappa.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /api/projects/{id}/baselines over real HTTP and PostgreSQL, on data small enough to check by hand. */
class BaselineApiTest {
    static final double EPS = 1e-9;
    static final String JSONL = "application/x-ndjson";
    @RegisterExtension
    static final TestServer server = TestServer.perClass();
    static Http engineer;
    static ProjectData small;

    @BeforeAll
    static void setUp() {
        engineer = server.engineer().http();
        small = small(server, engineer);
    }

    /**
     * As BaselineMathTest.small: gold pos, pos, neg, neg; crowd x0 -> pos, neg; x1 -> pos; x2 -> neg, neg; x3 -> pos
     * (seconds 1, 3, 2, 4, 6, unknown); expert x0 -> pos, x2 -> neg, x3 -> neg; run m v1 predicts pos, neg, neg and
     * nothing for x3. The crowd earns 18 an hour.
     */
    static ProjectData small(TestServer server, Http engineer) {
        ProjectData p = ProjectData.create(server, "single", List.of("pos", "neg"));
        p.gold("x0", "pos").gold("x1", "pos").gold("x2", "neg").gold("x3", "neg");
        p.annotator("c0", "crowd");
        p.annotator("c1", "crowd");
        p.annotator("c2", "crowd");
        p.annotator("e0", "expert");
        p.answer("x0", "c0", "crowd", "pos", 1000, null).answer("x0", "c1", "crowd", "neg", 3000, null)
                .answer("x1", "c0", "crowd", "pos", 2000, null)
                .answer("x2", "c1", "crowd", "neg", 4000, null).answer("x2", "c2", "crowd", "neg", 6000, null)
                .answer("x3", "c0", "crowd", "pos", null, null)
                .answer("x0", "e0", "expert", "pos", 10000, null).answer("x2", "e0", "expert", "neg", 20000, null)
                .answer("x3", "e0", "expert", "neg", 30000, null).flush();
        Http.Response r = engineer.post("/api/projects/" + p.id() + "/predictions?model=m&version=v1&latency_ms=20&cost_per_1k=0.05", """
                {"item": "x0", "label": "pos", "score": 0.9}
                {"item": "x1", "label": "neg", "score": 0.4}
                {"item": "x2", "label": "neg", "score": 0.2}
                """, JSONL);
        assertEquals(200, r.status(), r.body());
        Http.Response rate = server.admin().patch("/api/projects/" + p.id(),
                new JsonObject().put("hourly_rate", new JsonObject().put("crowd", 18)));
        assertEquals(200, rate.status(), rate.body());
        return p;
    }

    static Http.Response get(long project, String query) {
        Http.Response r = engineer.get("/api/projects/" + project + "/baselines" + query);
        assertFalse(r.body().contains("NaN"), r.body());
        return r;
    }

    static JsonObject baseline(long project, String query) {
        Http.Response r = get(project, query);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    static double value(JsonObject metric) {
        assertNotNullValue(metric);
        return metric.getDouble("value");
    }

    static void assertNotNullValue(JsonObject metric) {
        assertTrue(metric.getValue("value") != null, metric.encode());
    }

    static JsonObject tier(JsonObject b, String tier) {
        for (Object t : b.getJsonArray("tiers")) {
            if (((JsonObject) t).getString("tier").equals(tier)) {
                return (JsonObject) t;
            }
        }
        throw new AssertionError("no tier " + tier);
    }

    @Test
    @DisplayName("crowd, expert, the run on their items, consensus of k and the gap, against gold, match the hand computation")
    void handComputed() {
        JsonObject b = baseline(small.id(), "?reference=gold&min_items=1&resamples=300&seed=5");
        assertEquals("gold", b.getJsonObject("reference").getString("kind"));
        assertEquals(4, b.getJsonObject("reference").getInteger("n_items"));
        assertEquals(List.of("pos", "neg"), b.getJsonArray("classes").getList());
        JsonObject crowd = tier(b, "crowd");
        assertEquals(4, crowd.getInteger("n_items"));
        assertEquals(3, crowd.getInteger("n_annotators"));
        assertFalse(crowd.getBoolean("leave_one_out"));
        assertEquals(0.625, value(crowd.getJsonObject("accuracy")), EPS);
        assertEquals(0.25, value(crowd.getJsonObject("cohen_kappa")), EPS);
        assertEquals((3 / 4.5 + 2 / 3.5) / 2, value(crowd.getJsonObject("macro_f1")), EPS);
        JsonObject pos = crowd.getJsonObject("per_class").getJsonObject("pos");
        assertEquals(0.6, value(pos.getJsonObject("precision")), EPS);
        assertEquals(0.75, value(pos.getJsonObject("recall")), EPS);
        assertEquals(2.0, pos.getDouble("support"), EPS);
        JsonArray ci = crowd.getJsonObject("accuracy").getJsonArray("ci");
        assertTrue(ci.getDouble(0) <= 0.625 && 0.625 <= ci.getDouble(1), ci.encode());
        assertEquals(3.0, value(crowd.getJsonObject("seconds_per_label").getJsonObject("median")), EPS);
        assertEquals(3.2, value(crowd.getJsonObject("seconds_per_label").getJsonObject("mean")), EPS);
        assertEquals(5, crowd.getJsonObject("seconds_per_label").getInteger("n_timed"));
        assertEquals(0.016, value(crowd.getJsonObject("cost_per_label")), EPS);
        assertEquals(18.0, crowd.getJsonObject("cost_per_label").getDouble("hourly_rate"));
        JsonObject model = crowd.getJsonArray("models").getJsonObject(0);
        assertEquals("m", model.getString("model"));
        assertEquals(1, model.getInteger("missing_predictions"));
        assertEquals(0.5, value(model.getJsonObject("accuracy")), EPS);
        JsonObject expert = tier(b, "expert");
        assertEquals(1.0, value(expert.getJsonObject("accuracy")), EPS);
        assertNull(expert.getJsonObject("cost_per_label").getValue("value"));
        assertTrue(expert.getJsonObject("cost_per_label").getString("reason").contains("hourly rate"));
        JsonArray k = b.getJsonObject("consensus_of_k").getJsonArray("rows");
        assertEquals(2, k.size());
        assertEquals(0.75, value(k.getJsonObject(1).getJsonObject("accuracy")), EPS);
        assertEquals(0.032, value(k.getJsonObject(1).getJsonObject("cost_per_item")), EPS);
        assertNull(b.getJsonObject("consensus_of_k").getJsonObject("crowd_answers_to_match_one_expert").getValue("k"));
        JsonObject run = b.getJsonArray("runs").getJsonObject(0);
        assertEquals(20.0, run.getDouble("latency_ms"));
        assertEquals(0.5, value(run.getJsonObject("accuracy")), EPS);
        JsonObject gap = b.getJsonObject("gap");
        assertEquals("expert", gap.getString("versus"));
        JsonObject g = gap.getJsonArray("runs").getJsonObject(0);
        assertEquals(2.0 / 3 - 1, value(g.getJsonObject("accuracy")), EPS);
        assertEquals("neg", g.getJsonObject("largest_f1_shortfall").getString("class"));
    }

    @Test
    @DisplayName("every run is scored on exactly the items of each human row: same n, same reference mass per class")
    void sameItemsForPeopleAndModels() {
        for (String ref : List.of("gold", "expert", "consensus")) {
            JsonObject b = baseline(small.id(), "?reference=" + ref + "&min_items=1&resamples=0");
            for (Object t : b.getJsonArray("tiers")) {
                JsonObject tier = (JsonObject) t;
                for (Object m : tier.getJsonArray("models")) {
                    JsonObject model = (JsonObject) m;
                    assertEquals(tier.getInteger("n_items"), model.getInteger("n_items"), ref + " " + tier.getString("tier"));
                    if (!tier.getBoolean("thin")) {
                        for (String c : List.of("pos", "neg")) {
                            assertEquals(tier.getJsonObject("per_class").getJsonObject(c).getDouble("support"),
                                    model.getJsonObject("per_class").getJsonObject(c).getDouble("support"), EPS);
                        }
                    }
                }
            }
        }
    }

    @Test
    @DisplayName("by default (min_items 30) four items are thin: each row keeps its n and says why, with no number")
    void thinByDefault() {
        JsonObject b = baseline(small.id(), "?resamples=50");
        assertEquals(30, b.getInteger("min_items"));
        assertEquals("gold", b.getJsonObject("reference").getString("kind"), "no policy: gold");
        JsonObject crowd = tier(b, "crowd");
        assertTrue(crowd.getBoolean("thin"));
        assertEquals(4, crowd.getInteger("n_items"));
        assertEquals("thin data: 4 reference items, fewer than the 30 needed", crowd.getString("reason"));
        assertNull(crowd.getJsonObject("accuracy").getValue("value"));
        assertEquals(crowd.getString("reason"), crowd.getJsonObject("accuracy").getString("reason"));
        assertNull(crowd.getJsonObject("accuracy").getValue("ci"));
        assertTrue(b.getJsonObject("gap").getJsonArray("runs").isEmpty());
        assertNull(b.getJsonObject("gap").getValue("versus"));
    }

    @Test
    @DisplayName("an empty project answers 200 with both tier rows, n 0 and a reason each, never NaN")
    void emptyProject() {
        ProjectData empty = ProjectData.create(server, "rating", List.of("1", "2", "3"));
        JsonObject b = baseline(empty.id(), "?reference=consensus");
        for (String t : List.of("crowd", "expert")) {
            JsonObject row = tier(b, t);
            assertEquals(0, row.getInteger("n_items"));
            assertTrue(row.getBoolean("thin"));
            assertEquals("no reference items", row.getString("reason"));
            assertNull(row.getJsonObject("seconds_per_label").getJsonObject("mean").getValue("value"));
        }
        assertEquals(1, b.getJsonObject("consensus_of_k").getJsonArray("rows").size());
        assertTrue(b.getJsonArray("runs").isEmpty());
    }

    @Test
    @DisplayName("expert reference: the expert tier is scored leaving each expert's own answer out of the majority")
    void leaveOneOutOverHttp() {
        ProjectData p = ProjectData.create(server, "single", List.of("a", "b"));
        p.annotator("e1", "expert");
        p.annotator("e2", "expert");
        p.annotator("e3", "expert");
        p.answer("i0", "e1", "a").answer("i0", "e2", "a").answer("i0", "e3", "b").answer("i0", "c", "b")
                .answer("i1", "e1", "b").answer("i1", "e2", "b").answer("i1", "c", "b").flush();
        JsonObject b = baseline(p.id(), "?reference=expert&min_items=1&resamples=0");
        JsonObject expert = tier(b, "expert");
        assertTrue(expert.getBoolean("leave_one_out"));
        assertEquals(3, expert.getInteger("n_answers"), "e1 and e2 on i0 face a tie among the others: not scored");
        assertEquals(0.5, value(expert.getJsonObject("accuracy")), EPS);
        assertEquals(0.5, value(tier(b, "crowd").getJsonObject("accuracy")), EPS);
        assertFalse(tier(b, "crowd").getBoolean("leave_one_out"));
    }

    @Test
    @DisplayName("the same seed gives the same report byte for byte; another seed moves the intervals only")
    void reproducible() {
        String a = get(small.id(), "?min_items=1&seed=11").body();
        assertEquals(a, get(small.id(), "?min_items=1&seed=11").body());
        JsonObject other = baseline(small.id(), "?min_items=1&seed=12");
        JsonObject first = new JsonObject(a);
        assertEquals(tier(first, "crowd").getJsonObject("accuracy").getDouble("value"),
                tier(other, "crowd").getJsonObject("accuracy").getDouble("value"));
        assertEquals(12, other.getJsonObject("bootstrap").getInteger("seed"));
        first.remove("bootstrap");
        other.remove("bootstrap");
        assertNotEquals(first.encode(), other.encode(), "four items leave few distinct bounds, but not all can agree");
    }

    @Test
    @DisplayName("CSV: the rows, classes and gap tables, with interval bounds and empty cells for thin rows")
    void csv() {
        Http.Response rows = get(small.id(), "?min_items=1&resamples=100&format=csv");
        assertEquals(200, rows.status(), rows.body());
        assertTrue(rows.header("Content-Type").startsWith("text/csv"));
        String[] lines = rows.body().split("\r\n");
        assertTrue(lines[0].startsWith("section,row,tier,k,run_id,model,version,reference,n_items,n_annotators,thin,reason,accuracy,accuracy_low,accuracy_high"), lines[0]);
        // crowd, crowd:m, expert, expert:m, k=1, k=2, run m
        assertEquals(1 + 7, lines.length, rows.body());
        assertTrue(lines[1].startsWith("tier,crowd,crowd,,,,,gold,4,3,false,,0.625,"), lines[1]);
        Http.Response classes = get(small.id(), "?min_items=1&resamples=0&format=csv&table=classes");
        assertEquals(1 + 7 * 2, classes.body().split("\r\n").length);
        Http.Response gap = get(small.id(), "?min_items=1&resamples=0&format=csv&table=gap");
        assertEquals(1 + 3 + 3 * 2, gap.body().split("\r\n").length, gap.body());
        Http.Response thin = get(small.id(), "?resamples=0&format=csv");
        assertTrue(thin.body().split("\r\n")[1].startsWith("tier,crowd,crowd,,,,,gold,4,3,true,\"thin data: 4 reference items, fewer than the 30 needed\",,,,"),
                thin.body());
    }

    @Test
    @DisplayName("bad parameters are 400s naming the parameter; a multi-label project is 422; annotators cannot read it")
    void badInput() {
        assertEquals("reference", get(small.id(), "?reference=silver").json().getString("field"));
        assertEquals("resamples", get(small.id(), "?resamples=-1").json().getString("field"));
        assertEquals("min_items", get(small.id(), "?min_items=0").json().getString("field"));
        assertEquals("format", get(small.id(), "?format=xml").json().getString("field"));
        assertEquals("table", get(small.id(), "?table=gap").json().getString("field"));
        assertEquals(400, get(small.id(), "?seed=x").status());
        long multi = Projects.create(server, new JsonObject().put("schema", new JsonObject().put("kind", "multi")
                .put("labels", new JsonArray().add(new JsonObject().put("key", "a").put("name", "A")))));
        Http.Response r = get(multi, "");
        assertEquals(422, r.status());
        assertEquals("schema", r.json().getString("field"));
        assertEquals(404, get(999_999, "").status());
        Http annotator = server.user("annotator", "crowd").http();
        assertEquals(404, annotator.get("/api/projects/" + small.id() + "/baselines").status());
    }
}
