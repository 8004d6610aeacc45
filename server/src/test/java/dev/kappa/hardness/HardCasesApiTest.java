package dev.kappa.hardness;

import dev.kappa.support.Http;
import dev.kappa.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hard cases over real HTTP on hand-made items; the background recompute is off, so each test recomputes itself. */
class HardCasesApiTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of("KAPPA_HARDNESS_INTERVAL_MS", "0"));

    private static double entropy(double... p) {
        double h = 0;
        for (double x : p) {
            h -= x > 0 ? x * Math.log(x) : 0;
        }
        return h / Math.log(p.length);
    }

    /**
     * x1: the model says a, three people say b. x2: an unsure model. x3: a score-only prediction. x4: the model
     * contradicts gold. x5: people split three ways. x6: everyone agrees with the model. Against the consensus
     * (x1 b, x6 a) the model's class a has F1 2/3 and class b F1 0; c has no F1.
     */
    private static HardProject handMade() {
        HardProject p = HardProject.create(server, List.of("a", "b", "c"), 3);
        p.items("""
                {"external_id": "x1", "data": {"text": "one"}}
                {"external_id": "x2", "data": {"text": "two"}}
                {"external_id": "x3", "data": {"text": "three"}}
                {"external_id": "x4", "data": {"text": "four"}, "gold": "a"}
                {"external_id": "x5", "data": {"text": "five"}}
                {"external_id": "x6", "data": {"text": "six"}}
                """);
        p.predictions("v1", """
                {"item": "x1", "label": "a", "probs": {"a": 0.9, "b": 0.05, "c": 0.05}}
                {"item": "x2", "label": "a", "probs": {"a": 0.4, "b": 0.35, "c": 0.25}}
                {"item": "x3", "label": "b", "score": 0.8}
                {"item": "x4", "label": "c", "probs": {"c": 1.0}}
                {"item": "x5", "label": "a", "probs": {"a": 0.9, "b": 0.05, "c": 0.05}}
                {"item": "x6", "label": "a", "probs": {"a": 0.9, "b": 0.05, "c": 0.05}}
                """);
        p.answers("""
                {"item": "x1", "annotator": "w1", "tier": "crowd", "label": "b"}
                {"item": "x1", "annotator": "w2", "tier": "crowd", "label": "b"}
                {"item": "x1", "annotator": "w3", "tier": "crowd", "label": "b"}
                {"item": "x5", "annotator": "w1", "tier": "crowd", "label": "a"}
                {"item": "x5", "annotator": "w2", "tier": "crowd", "label": "b"}
                {"item": "x5", "annotator": "w3", "tier": "crowd", "label": "c"}
                {"item": "x6", "annotator": "w1", "tier": "crowd", "label": "a"}
                {"item": "x6", "annotator": "w2", "tier": "crowd", "label": "a"}
                {"item": "x6", "annotator": "w3", "tier": "crowd", "label": "a"}
                """);
        return p;
    }

    @Test
    @DisplayName("each signal, the score and the reasons of hand-made items come back through the API")
    void signalsOfHandMadeItems() {
        HardProject p = handMade();
        JsonObject summary = p.recompute();
        assertEquals(6, summary.getInteger("rows_written"));
        JsonObject cases = p.byItem("");
        double u1 = entropy(0.9, 0.05, 0.05);
        JsonObject x1 = cases.getJsonObject("x1");
        JsonObject s1 = x1.getJsonObject("signals");
        assertEquals(u1, s1.getDouble("uncertainty"), 1e-12);
        assertEquals(1.0, s1.getDouble("model_disagreement"), 1e-12);
        assertEquals(0.0, s1.getDouble("human_disagreement"), 1e-12);
        assertEquals(1.0, s1.getDouble("class_weakness"), 1e-12, "labeled b, and the model finds no reference b (recall 0)");
        assertNull(s1.getValue("gold_conflict"));
        assertEquals((u1 + 1 + 0 + 1) / 4.5, x1.getDouble("score"), 1e-12);
        assertEquals(List.of("model_wrong", "weak_class"), x1.getJsonArray("reasons").getList());
        assertTrue(x1.getBoolean("model_wrong"));
        assertEquals("b", x1.getJsonObject("consensus").getString("label"));
        assertEquals(1.0, x1.getJsonObject("consensus").getDouble("confidence"), 1e-12);
        assertEquals(0.9, x1.getJsonObject("prediction").getJsonObject("probs").getDouble("a"), 1e-12);
        assertEquals("one", x1.getJsonObject("item").getJsonObject("data").getString("text"));

        assertEquals(entropy(0.4, 0.35, 0.25), cases.getJsonObject("x2").getJsonObject("signals").getDouble("uncertainty"), 1e-12);
        assertEquals(List.of("uncertain"), cases.getJsonObject("x2").getJsonArray("reasons").getList());
        assertEquals(List.of("uncertain", "weak_class"), cases.getJsonObject("x3").getJsonArray("reasons").getList());
        assertEquals(entropy(0.1, 0.8, 0.1), cases.getJsonObject("x3").getJsonObject("signals").getDouble("uncertainty"), 1e-12);
        JsonObject s4 = cases.getJsonObject("x4").getJsonObject("signals");
        assertEquals(1.0, s4.getDouble("gold_conflict"), 1e-12);
        // Labeled a by gold, and the model finds every reference a (recall 1); it never predicted c on a reference
        // item, so c has no precision: nothing says this item's class is weak.
        assertEquals(0.0, s4.getDouble("class_weakness"), 1e-12, "labeled a by gold (recall of a 1); c has no precision");
        assertEquals(List.of("model_contradicts_gold"), cases.getJsonObject("x4").getJsonArray("reasons").getList());
        JsonObject x5 = cases.getJsonObject("x5");
        assertEquals(1.0, x5.getJsonObject("signals").getDouble("human_disagreement"), 1e-12);
        assertNull(x5.getJsonObject("signals").getValue("model_disagreement"), "no resolved consensus");
        assertNull(x5.getJsonObject("consensus").getValue("label"));
        assertEquals(List.of("annotators_disagree"), x5.getJsonArray("reasons").getList());

        JsonArray ranked = p.get("/hard-cases").getJsonArray("items");
        for (int i = 1; i < ranked.size(); i++) {
            assertTrue(ranked.getJsonObject(i - 1).getDouble("score") >= ranked.getJsonObject(i).getDouble("score"));
        }
    }

    @Test
    @DisplayName("filters: model wrong, reason, class, minimum score, labeled; bad values are 4xx naming the parameter")
    void filters() {
        HardProject p = handMade();
        p.recompute();
        assertEquals(Set.of("x1"), p.byItem("?model_wrong=true").fieldNames());
        assertEquals(Set.of("x2", "x3"), p.byItem("?reason=uncertain").fieldNames(), "x3's entropy is 0.58");
        assertEquals(Set.of("x1", "x3"), p.byItem("?reason=weak_class").fieldNames());
        assertEquals(Set.of("x1", "x3"), p.byItem("?class=b").fieldNames());
        assertEquals(Set.of("x2", "x3", "x4"), p.byItem("?labeled=false").fieldNames());
        JsonObject all = p.byItem("");
        double cut = all.getJsonObject("x3").getDouble("score");
        Set<String> above = all.fieldNames().stream().filter(k -> all.getJsonObject(k).getDouble("score") >= cut)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(above, new TreeSet<>(p.byItem("?min_score=" + cut).fieldNames()));
        assertEquals(1, p.get("/hard-cases?limit=1").getJsonArray("items").size());
        assertProblem(p.http.get(p.path("/hard-cases?reason=nope")), 400, "reason");
        assertProblem(p.http.get(p.path("/hard-cases?min_score=2")), 400, "min_score");
        assertProblem(p.http.get(p.path("/hard-cases?since=abc")), 400, "since");
        assertProblem(p.http.get(p.path("/hard-cases?class=zzz")), 422, "class");
        assertProblem(p.http.get(p.path("/hard-cases?labeled=maybe")), 400, "labeled");
        assertEquals(404, p.http.get(p.path("/hard-cases?run_id=999999")).status());
    }

    @Test
    @DisplayName("the JSONL export carries the best human label for training, and its cursor returns only what changed since")
    void exportForTraining() {
        HardProject p = handMade();
        p.recompute();
        Http.Response r = p.http.get(p.path("/hard-cases/export?labeled=true"));
        assertEquals(200, r.status(), r.body());
        Map<String, JsonObject> lines = r.body().lines().map(JsonObject::new)
                .collect(Collectors.toMap(l -> l.getString("item"), l -> l));
        assertEquals(Set.of("x1", "x5", "x6"), lines.keySet());
        assertEquals("b", lines.get("x1").getString("label"));
        assertEquals("consensus", lines.get("x1").getString("label_source"));
        assertNull(lines.get("x5").getValue("label"), "unresolved and no gold");
        assertEquals("one", lines.get("x1").getJsonObject("data").getString("text"));
        String cursor = r.header("Kappa-Next-Cursor");
        Http.Response none = p.http.get(p.path("/hard-cases/export?since=" + cursor));
        assertEquals("", none.body(), "nothing changed since the export");
        p.answers("""
                {"item": "x2", "annotator": "w1", "tier": "crowd", "label": "a"}
                """);
        p.recompute();
        Http.Response changed = p.http.get(p.path("/hard-cases/export?since=" + cursor));
        List<String> items = changed.body().lines().map(l -> new JsonObject(l).getString("item")).toList();
        // x2's answer agrees with the model: class a's F1 rises, so items of class a change; x1 and x3 are scored by
        // class b (F1 still 0) and keep their rows, so the feed does not serve them again.
        assertTrue(items.contains("x2"), "x2 got an answer: " + items);
        assertFalse(items.contains("x1") || items.contains("x3"), "x1 and x3 did not change: " + items);
        JsonObject gold = p.http.get(p.path("/hard-cases/export")).body().lines().map(JsonObject::new)
                .filter(l -> l.getString("item").equals("x4")).findFirst().orElseThrow();
        assertEquals("a", gold.getString("label"));
        assertEquals("gold", gold.getString("label_source"));
    }

    @Test
    @DisplayName("the class report ranks the model's classes by F1 against the consensus, weakest first, with counts")
    void classReport() {
        HardProject p = handMade();
        p.recompute();
        JsonArray classes = p.get("/hard-cases/classes").getJsonArray("classes");
        assertEquals(List.of("b", "a", "c"), classes.stream().map(c -> ((JsonObject) c).getString("class")).toList());
        JsonObject b = classes.getJsonObject(0);
        assertEquals(0.0, b.getDouble("f1"), 1e-12);
        assertEquals(1, b.getInteger("support"));
        assertEquals(1, b.getInteger("false_neg"));
        assertEquals(1, b.getInteger("unlabeled_predicted"), "x3");
        JsonObject a = classes.getJsonObject(1);
        assertEquals(2 / 3.0, a.getDouble("f1"), 1e-12);
        assertEquals(1, a.getInteger("true_pos"));
        assertEquals(1, a.getInteger("false_pos"));
        assertNull(classes.getJsonObject(2).getValue("f1"));
    }

    @Test
    @DisplayName("settings: partial updates, validation naming the field, and only managers may see or change them")
    void settingsValidation() {
        HardProject p = handMade();
        JsonObject s = p.settings(new JsonObject().put("strategy", "hardness").put("weights", new JsonObject().put("gold_conflict", 4)));
        assertEquals("hardness", s.getString("strategy"));
        assertEquals(4.0, s.getJsonObject("weights").getDouble("gold_conflict"));
        assertEquals(1.0, s.getJsonObject("weights").getDouble("uncertainty"));
        assertTrue(s.getBoolean("pending"));
        assertEquals("entropy", p.settings(new JsonObject().put("uncertainty", "margin")).getString("human_disagreement"));
        assertProblem(put(p, new JsonObject().put("strategy", "smart")), 422, "strategy");
        assertProblem(put(p, new JsonObject().put("weights", new JsonObject().put("uncertainty", -1))), 422, "weights.uncertainty");
        assertProblem(put(p, new JsonObject().put("weights", new JsonObject().put("uncertainty", 0).put("model_disagreement", 0)
                .put("human_disagreement", 0).put("class_weakness", 0).put("gold_conflict", 0))), 422, "weights");
        assertProblem(put(p, new JsonObject().put("run_id", 999999)), 422, "run_id");
        assertProblem(put(p, new JsonObject().put("colour", "red")), 422, "colour");
        Http annotator = server.user("annotator", "crowd").http();
        assertEquals(404, annotator.get(p.path("/hardness")).status(), "not a member: the project does not exist for them");
        assertEquals(404, annotator.get(p.path("/hard-cases")).status());
    }

    private static Http.Response put(HardProject p, JsonObject body) {
        return p.http.send("PUT", p.path("/hardness"), java.net.http.HttpRequest.BodyPublishers.ofString(body.encode()), "application/json");
    }

    private static void assertProblem(Http.Response r, int status, String field) {
        assertEquals(status, r.status(), r.body());
        assertEquals(field, r.json().getString("field"), r.body());
    }
}
