package dev.kappa.quality;

import dev.kappa.support.Http;
import dev.kappa.support.ProjectData;
import dev.kappa.support.TestServer;
import dev.kappa.support.Users;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET annotators/quality and the quality policy with its automatic pauses, over real HTTP and PostgreSQL. */
class QualityApiTest {
    // a one-second sweep, so that the automatic pause can be watched happening
    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of("KAPPA_QUALITY_SWEEP_SECONDS", "1"));
    static Http engineer;

    @BeforeAll
    static void setUp() {
        engineer = server.engineer().http();
    }

    /**
     * 12 gold items alternating pos/neg. "good" answers all right (1..12 s), "bad" gets the first 6 right and the
     * last 6 wrong, "novice" answers 3 gold items wrong, "expert" (expert tier) answers like good.
     */
    static ProjectData goldProject() {
        ProjectData p = ProjectData.create(server, "single", List.of("pos", "neg"));
        p.annotator("expert", "expert");
        for (int i = 0; i < 12; i++) {
            String truth = i % 2 == 0 ? "pos" : "neg";
            String wrong = i % 2 == 0 ? "neg" : "pos";
            p.gold("g" + i, truth);
            p.answer("g" + i, "good", "crowd", truth, (i + 1) * 1000, null);
            p.answer("g" + i, "bad", "crowd", i < 6 ? truth : wrong, null, null);
            p.answer("g" + i, "expert", "expert", truth, 5000, null);
            if (i < 3) {
                p.answer("g" + i, "novice", "crowd", wrong, 700, null);
            }
        }
        return p.flush();
    }

    static Map<String, JsonObject> byName(JsonObject report) {
        Map<String, JsonObject> out = new HashMap<>();
        for (Object o : report.getJsonArray("annotators")) {
            out.put(((JsonObject) o).getString("display_name"), (JsonObject) o);
        }
        return out;
    }

    static JsonObject report(ProjectData p, String query) {
        Http.Response r = engineer.get("/api/projects/" + p.id() + "/annotators/quality" + query);
        assertEquals(200, r.status(), r.body());
        assertFalse(r.body().contains("NaN"));
        return r.json();
    }

    @Test
    @DisplayName("accuracy, kappa and confusion against gold and consensus, answer counts, median seconds and the flag")
    void report() {
        ProjectData p = goldProject();
        JsonObject rep = report(p, "");
        assertEquals(new JsonArray().add("pos").add("neg"), rep.getJsonArray("labels"));
        assertEquals(12, rep.getInteger("gold_items"));
        Map<String, JsonObject> a = byName(rep);
        JsonObject good = a.get("good");
        assertEquals(12, good.getInteger("answers"));
        assertEquals(6.5, good.getDouble("median_seconds"), 1e-12, "median of 1..12 s");
        assertEquals(1.0, good.getJsonObject("gold").getJsonObject("accuracy").getDouble("value"));
        assertEquals(1.0, good.getJsonObject("gold").getJsonObject("cohen_kappa").getDouble("value"));
        assertFalse(good.getBoolean("flagged"));
        JsonObject bad = a.get("bad").getJsonObject("gold");
        assertEquals(12, bad.getInteger("compared"));
        assertEquals(0.5, bad.getJsonObject("accuracy").getDouble("value"));
        assertEquals(0.0, bad.getJsonObject("cohen_kappa").getDouble("value"), 1e-12);
        // rows gold, columns answered: pos items 0,2,4 right and 6,8,10 answered neg
        assertEquals(new JsonArray().add(new JsonArray().add(3).add(3)).add(new JsonArray().add(3).add(3)), bad.getJsonArray("confusion"));
        assertTrue(a.get("bad").getBoolean("flagged"));
        assertTrue(a.get("bad").getString("flag_reason").contains("0.500"));
        assertNull(a.get("bad").getValue("median_seconds"), "no duration known");
        JsonObject novice = a.get("novice");
        assertEquals(0.0, novice.getJsonObject("gold").getJsonObject("accuracy").getDouble("value"));
        assertFalse(novice.getBoolean("flagged"), "3 gold answers are fewer than the default 10");
        // majority of good, bad, expert (and novice): equals the truth everywhere, since good and expert agree
        assertEquals(1.0, good.getJsonObject("consensus").getJsonObject("accuracy").getDouble("value"));
        assertEquals(0.5, a.get("bad").getJsonObject("consensus").getJsonObject("accuracy").getDouble("value"));
        assertEquals("expert", a.get("expert").getString("tier"));
        assertEquals("majority", rep.getString("consensus_method"));
        assertEquals(0.7, rep.getJsonObject("policy").getDouble("min_gold_accuracy"));
        JsonObject ds = report(p, "?method=dawid-skene&tier=crowd");
        assertEquals("dawid-skene", ds.getString("consensus_method"));
        assertEquals(3, ds.getJsonArray("annotators").size(), "the expert's answers are filtered out");
    }

    @Test
    @DisplayName("PUT quality-policy with auto_pause pauses the flagged annotator now; reactivated, they stay active until new gold evidence")
    void autoPauseOnPolicy() {
        ProjectData p = goldProject();
        String path = "/api/projects/" + p.id() + "/quality-policy";
        assertEquals(new JsonObject().put("min_gold_accuracy", 0.7).put("min_gold_items", 10).put("auto_pause", false)
                .put("tier_weights", new JsonObject().put("crowd", 1.0).put("expert", 2.0)), engineer.get(path).json());
        Http.Response put = engineer.send("PUT", path, java.net.http.HttpRequest.BodyPublishers.ofString(
                new JsonObject().put("auto_pause", true).put("min_gold_accuracy", 0.8).encode()), "application/json");
        assertEquals(200, put.status(), put.body());
        JsonArray paused = put.json().getJsonArray("paused");
        assertEquals(1, paused.size());
        long bad = p.annotator("bad");
        assertEquals(bad, paused.getJsonObject(0).getLong("user_id"));
        assertEquals(0.8, engineer.get(path).json().getDouble("min_gold_accuracy"));
        assertEquals("paused", byName(report(p, "")).get("bad").getString("status"));
        assertEquals("active", byName(report(p, "")).get("good").getString("status"));

        assertEquals(200, server.admin().patch("/api/users/" + bad, new JsonObject().put("status", "active")).status());
        new QualityService(server.kappa().db()).sweep();
        assertEquals("active", byName(report(p, "")).get("bad").getString("status"), "no new gold answers since the pause");
        p.answer("g0", "bad", "crowd", "neg", null, null).flush();
        new QualityService(server.kappa().db()).sweep();
        assertEquals("paused", byName(report(p, "")).get("bad").getString("status"), "a 13th gold answer, still below the bar");
    }

    @Test
    @DisplayName("the periodic sweep pauses an annotator who falls below the bar after the policy was set")
    void sweepPausesLater() throws Exception {
        ProjectData p = ProjectData.create(server, "single", List.of("a", "b"));
        String path = "/api/projects/" + p.id() + "/quality-policy";
        Http.Response put = engineer.send("PUT", path, java.net.http.HttpRequest.BodyPublishers.ofString(
                new JsonObject().put("auto_pause", true).put("min_gold_items", 2).encode()), "application/json");
        assertEquals(0, put.json().getJsonArray("paused").size());
        p.gold("x", "a").gold("y", "b").answer("x", "late", "b").answer("y", "late", "a").flush();
        String status = null;
        for (int i = 0; i < 100 && !"paused".equals(status); i++) {
            Thread.sleep(100);
            status = byName(report(p, "")).get("late").getString("status");
        }
        assertEquals("paused", status);
    }

    @Test
    @DisplayName("multi: exact-set accuracy and per-label present/absent scores; an empty project reports no annotators")
    void multiAndEmpty() {
        ProjectData p = ProjectData.create(server, "multi", List.of("cat", "dog"));
        p.gold("i1", new JsonArray().add("cat")).gold("i2", new JsonArray().add("cat").add("dog"));
        p.answer("i1", "m", new JsonArray().add("cat")).answer("i2", "m", new JsonArray().add("cat")).flush();
        JsonObject m = byName(report(p, "")).get("m").getJsonObject("gold");
        assertEquals(0.5, m.getJsonObject("accuracy").getDouble("value"));
        assertNull(m.getJsonObject("cohen_kappa").getValue("value"));
        assertEquals(1.0, m.getJsonObject("per_label").getJsonObject("cat").getJsonObject("accuracy").getDouble("value"));
        assertEquals(0.5, m.getJsonObject("per_label").getJsonObject("dog").getJsonObject("accuracy").getDouble("value"));
        ProjectData empty = ProjectData.create(server, "rating", List.of("1", "2", "3"));
        JsonObject e = report(empty, "?method=dawid-skene");
        assertEquals(0, e.getJsonArray("annotators").size());
        assertEquals(0, e.getInteger("gold_items"));
    }

    @Test
    @DisplayName("errors and access: bad policy 422 naming the field, anonymous 401, outsider 404, member annotator 403")
    void errorsAndAccess() {
        ProjectData p = ProjectData.create(server, "single", List.of("a", "b"));
        String path = "/api/projects/" + p.id() + "/quality-policy";
        for (JsonObject[] c : new JsonObject[][] {
                {new JsonObject().put("min_gold_accuracy", 1.5), new JsonObject().put("field", "min_gold_accuracy")},
                {new JsonObject().put("min_gold_items", 0), new JsonObject().put("field", "min_gold_items")},
                {new JsonObject().put("auto_pause", "yes"), new JsonObject().put("field", "auto_pause")},
                {new JsonObject().put("tier_weights", new JsonObject().put("crowd", 0).put("expert", 0)), new JsonObject().put("field", "tier_weights")}}) {
            Http.Response r = engineer.send("PUT", path, java.net.http.HttpRequest.BodyPublishers.ofString(c[0].encode()), "application/json");
            assertEquals(422, r.status(), c[0].encode());
            assertEquals(c[1].getString("field"), r.json().getString("field"));
        }
        String report = "/api/projects/" + p.id() + "/annotators/quality";
        assertEquals(401, server.http().get(report).status());
        assertEquals(404, server.user("annotator", "crowd").http().get(report).status());
        Users.Created member = server.user("annotator", "crowd");
        engineer.post("/api/projects/" + p.id() + "/members", new JsonObject().put("user_id", member.id()));
        assertEquals(403, member.http().get(report).status());
        assertEquals(403, member.http().get(path).status());
        assertEquals(400, engineer.get(report + "?method=best").status());
    }
}
