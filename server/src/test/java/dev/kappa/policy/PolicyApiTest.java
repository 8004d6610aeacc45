package dev.kappa.policy;

import dev.kappa.support.Http;
import dev.kappa.support.ProjectData;
import dev.kappa.support.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The evaluation policy and the leaderboard over real HTTP and PostgreSQL. */
class PolicyApiTest {
    static final String JSONL = "application/x-ndjson";
    @RegisterExtension
    static final TestServer server = TestServer.perClass();
    static Http engineer;

    @BeforeAll
    static void setUp() {
        engineer = server.engineer().http();
    }

    /**
     * 40 items with gold (a, b alternating), two crowd answers and one expert answer each; runs "wide" right on 36,
     * "fast" and "twin" (identical predictions) on 32, "tiny" on 28, with their latency and cost.
     */
    static long project() {
        ProjectData p = ProjectData.create(server, "single", List.of("a", "b"));
        StringBuilder wide = new StringBuilder();
        StringBuilder fast = new StringBuilder();
        StringBuilder tiny = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            String truth = i % 2 == 0 ? "a" : "b";
            String wrong = i % 2 == 0 ? "b" : "a";
            p.gold("x" + i, truth);
            p.answer("x" + i, "c" + (i % 5), "crowd", i % 4 == 0 ? wrong : truth, 4000, null)
                    .answer("x" + i, "c" + ((i + 1) % 5), "crowd", truth, 6000, null)
                    .answer("x" + i, "e" + (i % 2), "expert", truth, 20000, null);
            wide.append(line(i, i < 4 ? wrong : truth));
            fast.append(line(i, i < 8 ? wrong : truth));
            tiny.append(line(i, i < 12 ? wrong : truth));
        }
        p.flush();
        upload(p.id(), "model=wide&version=1&latency_ms=80&cost_per_1k=0.05", wide);
        upload(p.id(), "model=fast&version=1&latency_ms=20&cost_per_1k=0.08", fast);
        upload(p.id(), "model=twin&version=1&latency_ms=30&cost_per_1k=0.02", fast);
        upload(p.id(), "model=tiny&version=1&latency_ms=5&cost_per_1k=0.01&size_mb=3", tiny);
        return p.id();
    }

    static String line(int i, String label) {
        return new JsonObject().put("item", "x" + i).put("label", label).put("score", 0.5).encode() + "\n";
    }

    static void upload(long project, String query, CharSequence body) {
        Http.Response r = engineer.post("/api/projects/" + project + "/predictions?" + query, body.toString(), JSONL);
        assertEquals(200, r.status(), r.body());
    }

    static Http.Response put(long project, JsonObject policy) {
        return engineer.send("PUT", "/api/projects/" + project + "/evaluation-policy",
                java.net.http.HttpRequest.BodyPublishers.ofString(policy.encode()), "application/json");
    }

    static JsonObject leaderboard(long project, String query) {
        Http.Response r = engineer.get("/api/projects/" + project + "/leaderboard" + query);
        assertEquals(200, r.status(), r.body());
        assertFalse(r.body().contains("NaN"), r.body());
        return r.json();
    }

    static JsonObject entry(JsonObject board, String name) {
        for (Object e : board.getJsonArray("entries")) {
            if (((JsonObject) e).getString("name").equals(name)) {
                return (JsonObject) e;
            }
        }
        throw new AssertionError("no entry " + name + " in " + board.encode());
    }

    @Test
    @DisplayName("a project without a policy ranks by macro-F1 against gold and says the policy is the default")
    void defaultPolicy() {
        long p = project();
        JsonObject policy = engineer.get("/api/projects/" + p + "/evaluation-policy").json();
        assertEquals("macro_f1", policy.getString("optimize"));
        assertTrue(policy.getBoolean("default"));
        JsonObject board = leaderboard(p, "?resamples=0");
        assertEquals("best", board.getString("outcome"));
        assertEquals("wide 1", board.getJsonObject("best_run").getString("name"));
        assertEquals(1, entry(board, "expert tier").getInteger("rank"), "experts are always right here");
        assertEquals("human", entry(board, "crowd tier").getString("kind"));
        assertNull(entry(board, "crowd tier").getValue("run_id"));
    }

    @Test
    @DisplayName("maximise macro-F1 with latency <= 50 ms and cost <= 0.10 per 1k: the best run is too slow, the twins tie")
    void thresholdsAndTie() {
        long p = project();
        JsonObject policy = new JsonObject().put("optimize", "macro_f1").put("thresholds", new JsonObject()
                .put("latency_ms", new JsonObject().put("max", 50)).put("cost_per_1k", new JsonObject().put("max", 0.10)));
        Http.Response saved = put(p, policy);
        assertEquals(200, saved.status(), saved.body());
        assertFalse(saved.json().getBoolean("default"));
        assertEquals(50.0, engineer.get("/api/projects/" + p + "/evaluation-policy").json()
                .getJsonObject("thresholds").getJsonObject("latency_ms").getDouble("max"));
        JsonObject board = leaderboard(p, "?resamples=200");
        JsonObject wide = entry(board, "wide 1");
        assertFalse(wide.getBoolean("passes"));
        JsonObject failure = wide.getJsonArray("failed").getJsonObject(0);
        assertEquals("latency_ms", failure.getString("metric"));
        assertEquals(80.0, failure.getDouble("value"));
        assertEquals(50.0, failure.getJsonObject("bound").getDouble("max"));
        assertEquals("tie", board.getString("outcome"));
        assertNull(board.getValue("best_run"));
        assertEquals(List.of("fast 1", "twin 1"), board.getJsonArray("tied_runs").stream()
                .map(t -> ((JsonObject) t).getString("name")).toList());
        assertEquals(entry(board, "fast 1").getInteger("rank"), entry(board, "twin 1").getInteger("rank"));
        assertEquals(List.of("twin 1"), entry(board, "fast 1").getJsonArray("tied_with").getList());
        assertTrue(entry(board, "fast 1").getJsonObject("objective").getJsonArray("ci") != null);
        JsonObject crowd = entry(board, "crowd tier");
        assertFalse(crowd.getBoolean("passes"), "5 s a label is not 50 ms");
        assertEquals(5000.0, crowd.getJsonObject("metrics").getJsonObject("latency_ms").getDouble("value"), 1e-9);
    }

    @Test
    @DisplayName("when every run fails a threshold, no run is named and the outcome says so; CSV lists the same ranking")
    void everyRunFails() {
        long p = project();
        assertEquals(200, put(p, new JsonObject().put("optimize", "accuracy")
                .put("thresholds", new JsonObject().put("size_mb", new JsonObject().put("max", 1)))).status());
        JsonObject board = leaderboard(p, "?resamples=0");
        assertEquals("all_fail", board.getString("outcome"));
        assertNull(board.getValue("best_run"));
        assertTrue(board.getString("message").startsWith("Every model run fails a threshold"), board.getString("message"));
        JsonObject tiny = entry(board, "tiny 1").getJsonArray("failed").getJsonObject(0);
        assertEquals(3.0, tiny.getDouble("value"));
        JsonObject wide = entry(board, "wide 1").getJsonArray("failed").getJsonObject(0);
        assertNull(wide.getValue("value"));
        assertTrue(wide.getString("reason").startsWith("unknown"));
        assertTrue(entry(board, "crowd tier").getBoolean("passes"), "size does not apply to people");
        assertEquals(List.of("size_mb"), entry(board, "crowd tier").getJsonArray("not_applicable").getList());
        Http.Response csv = engineer.get("/api/projects/" + p + "/leaderboard?resamples=0&format=csv");
        assertEquals(200, csv.status());
        String[] lines = csv.body().split("\r\n");
        assertTrue(lines[0].startsWith("rank,kind,run_id,name,objective,objective_low,objective_high,passes,failed"), lines[0]);
        assertEquals(1 + 6, lines.length, csv.body());
    }

    @Test
    @DisplayName("a weighted average ranks by the weighted sum; a policy's reference is used unless the request names one")
    void weightedAndReference() {
        long p = project();
        assertEquals(200, put(p, new JsonObject().put("weights", new JsonObject().put("accuracy", 1).put("latency_ms", -0.01))
                .put("reference", "expert")).status());
        JsonObject board = leaderboard(p, "?resamples=0");
        assertEquals("expert", board.getJsonObject("reference").getString("kind"));
        assertEquals("the weighted sum", board.getString("objective"));
        // accuracy - latency / 100: wide .9 - .8, fast .8 - .2, twin .8 - .3, tiny .7 - .05
        assertEquals("tiny 1", board.getJsonObject("best_run").getString("name"));
        assertEquals(0.65, board.getJsonObject("best_run").getDouble("objective"), 1e-9);
        assertEquals("gold", leaderboard(p, "?resamples=0&reference=gold").getJsonObject("reference").getString("kind"));
        assertEquals("expert", engineer.get("/api/projects/" + p + "/baselines?resamples=0").json()
                .getJsonObject("reference").getString("kind"), "the baseline's default reference is the policy's too");
    }

    @Test
    @DisplayName("a bad policy is a 422 naming the field; annotators cannot set one")
    void badPolicies() {
        long p = project();
        assertEquals("optimize", put(p, new JsonObject()).json().getString("field"));
        assertEquals("optimize", put(p, new JsonObject().put("optimize", "f2")).json().getString("field"));
        assertEquals("optimize", put(p, new JsonObject().put("optimize", "accuracy").put("weights", new JsonObject().put("accuracy", 1)))
                .json().getString("field"));
        assertEquals("weights.speed", put(p, new JsonObject().put("weights", new JsonObject().put("speed", 1))).json().getString("field"));
        assertEquals("weights", put(p, new JsonObject().put("weights", new JsonObject().put("accuracy", 0))).json().getString("field"));
        assertEquals("thresholds.latency_ms.max", put(p, new JsonObject().put("optimize", "accuracy")
                .put("thresholds", new JsonObject().put("latency_ms", new JsonObject().put("max", "fast")))).json().getString("field"));
        assertEquals("thresholds.latency_ms.below", put(p, new JsonObject().put("optimize", "accuracy")
                .put("thresholds", new JsonObject().put("latency_ms", new JsonObject().put("below", 3)))).json().getString("field"));
        assertEquals("thresholds.accuracy.min", put(p, new JsonObject().put("optimize", "accuracy")
                .put("thresholds", new JsonObject().put("accuracy", new JsonObject().put("min", 0.9).put("max", 0.8)))).json().getString("field"));
        assertEquals("reference", put(p, new JsonObject().put("optimize", "accuracy").put("reference", "silver")).json().getString("field"));
        assertEquals(422, put(p, new JsonObject().put("optimize", "accuracy").put("colour", "red")).status());
        Http annotator = server.user("annotator", "crowd").http();
        assertEquals(404, annotator.send("PUT", "/api/projects/" + p + "/evaluation-policy",
                java.net.http.HttpRequest.BodyPublishers.ofString("{\"optimize\":\"accuracy\"}"), "application/json").status());
        assertEquals("table", engineer.get("/api/projects/" + p + "/leaderboard?table=rows").json().getString("field"));
        assertTrue(engineer.get("/api/projects/" + p + "/evaluation-policy").json().getBoolean("default"), "nothing was saved");
    }
}
