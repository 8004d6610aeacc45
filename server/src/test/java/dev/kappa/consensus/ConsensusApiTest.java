package dev.kappa.consensus;

import dev.kappa.support.Datasets;
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

/** GET /api/projects/{id}/consensus over real HTTP and PostgreSQL. */
class ConsensusApiTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();
    static Http engineer;

    @BeforeAll
    static void setUp() {
        engineer = server.engineer().http();
    }

    static Http.Response get(ProjectData p, String query) {
        return engineer.get("/api/projects/" + p.id() + "/consensus" + query);
    }

    /** The JSON lines by item external id, checking the stream's type and that no NaN slipped in. */
    static Map<String, JsonObject> lines(ProjectData p, String query) {
        Http.Response r = get(p, query);
        assertEquals(200, r.status(), r.body());
        assertEquals("application/x-ndjson", r.header("Content-Type"));
        assertFalse(r.body().contains("NaN"));
        Map<String, JsonObject> out = new HashMap<>();
        for (String line : r.body().split("\n")) {
            JsonObject o = new JsonObject(line);
            out.put(o.getString("item"), o);
        }
        return out;
    }

    @Test
    @DisplayName("Dawid-Skene over the API reproduces Dawid and Skene's (1979) Table 4 posteriors within .01 on the anaesthesia data")
    void dawidSkene1979() {
        ProjectData p = ProjectData.create(server, "rating", List.of("1", "2", "3", "4"));
        List<String[]> rows = Datasets.rows("dawid_skene_1979/anaesthesia_table1.csv", ",");
        for (String[] r : rows.subList(1, rows.size())) {
            p.item("patient " + r[0]);
        }
        for (String[] r : rows.subList(1, rows.size())) {
            // observer 1 rated every patient three times: three answers of one annotator on one item
            p.answer("patient " + r[0], "observer " + r[1], Integer.parseInt(r[3]));
        }
        p.flush();
        Http.Response raw = get(p, "?method=dawid-skene&tolerance=1e-10&max_iterations=10000");
        assertEquals("true", raw.header("Kappa-Converged"));
        Map<String, JsonObject> lines = lines(p, "?method=dawid-skene&tolerance=1e-10&max_iterations=10000");
        assertEquals(45, lines.size());
        List<String[]> table4 = Datasets.rows("dawid_skene_1979/table4_patient_posteriors_published.csv", ",");
        for (String[] row : table4.subList(1, table4.size())) {
            JsonObject line = lines.get("patient " + row[0]);
            assertEquals(7, line.getInteger("answers"));
            for (int c = 1; c <= 4; c++) {
                assertEquals(Double.parseDouble(row[c]), line.getJsonObject("posterior").getDouble(String.valueOf(c)), 0.01,
                        "patient " + row[0] + " class " + c);
            }
            assertEquals(Integer.parseInt(row[5]), line.getInteger("label"), "patient " + row[0]);
            assertTrue(line.getBoolean("resolved"));
        }
        assertEquals(0.948, lines.get("patient 35").getDouble("confidence"), 0.01);
    }

    @Test
    @DisplayName("majority: the label with most answers, ties broken by expert answers, else unresolved; all items listed in order")
    void majorityTieRule() {
        ProjectData p = ProjectData.create(server, "single", List.of("pos", "neg"));
        p.annotator("c1", "crowd");
        p.annotator("c2", "crowd");
        p.annotator("c3", "crowd");
        p.annotator("e1", "expert");
        p.answer("clear", "c1", "pos").answer("clear", "c2", "pos").answer("clear", "c3", "neg");
        p.answer("tie", "c1", "pos").answer("tie", "c2", "neg");
        p.answer("expert-tie", "c1", "pos").answer("expert-tie", "e1", "neg");
        p.item("unanswered");
        p.flush();
        Http.Response r = get(p, "?method=majority");
        assertEquals(200, r.status(), r.body());
        String[] order = r.body().split("\n");
        assertEquals(4, order.length);
        assertEquals("clear", new JsonObject(order[0]).getString("item"), "items come in queue order");
        Map<String, JsonObject> m = lines(p, "");
        JsonObject clear = m.get("clear");
        assertEquals("pos", clear.getString("label"));
        assertEquals(2.0 / 3, clear.getDouble("confidence"), 1e-12);
        assertEquals(1.0 / 3, clear.getJsonObject("posterior").getDouble("neg"), 1e-12);
        assertEquals(2.0 / 3, clear.getDouble("majority_share"), 1e-12);
        assertEquals(0.9182958340544896, clear.getDouble("entropy_bits"), 1e-12);
        assertNull(m.get("tie").getValue("label"));
        assertFalse(m.get("tie").getBoolean("resolved"));
        assertEquals(0.5, m.get("tie").getJsonObject("posterior").getDouble("pos"));
        assertEquals("neg", m.get("expert-tie").getString("label"), "the expert's answer breaks the tie");
        JsonObject none = m.get("unanswered");
        assertEquals(0, none.getInteger("answers"));
        assertNull(none.getValue("label"));
        assertNull(none.getValue("posterior"));
    }

    @Test
    @DisplayName("weighted: an expert answer weighs 2 by default and outvotes one crowd answer; weights can be set per request")
    void weighted() {
        ProjectData p = ProjectData.create(server, "single", List.of("a", "b"));
        p.annotator("e", "expert");
        p.answer("i", "c1", "a").answer("i", "e", "b").answer("j", "c1", "a").answer("j", "c2", "a").answer("j", "e", "b").flush();
        Map<String, JsonObject> d = lines(p, "?method=weighted");
        assertEquals("b", d.get("i").getString("label"));
        assertEquals(2.0 / 3, d.get("i").getDouble("confidence"), 1e-12);
        assertEquals("b", d.get("j").getString("label"), "2 crowd against 1 expert of weight 2 tie; the expert breaks it");
        assertEquals(0.5, d.get("j").getJsonObject("posterior").getDouble("a"), 1e-12);
        Map<String, JsonObject> even = lines(p, "?method=weighted&expert_weight=1");
        assertEquals("b", even.get("i").getString("label"), "a 1-1 tie goes to the expert answer");
        assertEquals("a", even.get("j").getString("label"));
        assertEquals("crowd=1.0,expert=2.0", get(p, "?method=weighted").header("Kappa-Tier-Weights"));
        Http.Response zero = get(p, "?method=weighted&crowd_weight=0&expert_weight=0");
        assertEquals(422, zero.status());
        assertEquals("expert_weight", zero.json().getString("field"));
    }

    @Test
    @DisplayName("gold is never an input: changing gold labels leaves every consensus line unchanged")
    void goldNotUsed() {
        ProjectData p = ProjectData.create(server, "single", List.of("a", "b"));
        for (int i = 0; i < 10; i++) {
            p.answer("i" + i, "x", i % 2 == 0 ? "a" : "b").answer("i" + i, "y", i % 3 == 0 ? "a" : "b").answer("i" + i, "z", "a");
        }
        p.flush();
        for (String method : List.of("majority", "weighted", "dawid-skene")) {
            String before = get(p, "?method=" + method).body();
            for (int i = 0; i < 10; i++) {
                p.gold("i" + i, i % 2 == 0 ? "b" : "a");
            }
            assertEquals(before, get(p, "?method=" + method).body(), method);
        }
    }

    @Test
    @DisplayName("multi: each label decided as present/absent; the label is the list of present keys")
    void multi() {
        ProjectData p = ProjectData.create(server, "multi", List.of("cat", "dog"));
        p.answer("i", "x", new JsonArray().add("cat").add("dog")).answer("i", "y", new JsonArray().add("cat"))
                .answer("i", "z", new JsonArray().add("cat")).flush();
        JsonObject line = lines(p, "").get("i");
        assertEquals(new JsonArray().add("cat"), line.getJsonArray("label"));
        assertEquals(1.0 / 3, line.getJsonObject("posterior").getDouble("dog"), 1e-12);
        assertEquals(2.0 / 3, line.getDouble("confidence"), 1e-12);
        assertEquals(1.0, line.getJsonObject("majority_share").getDouble("cat"));
    }

    @Test
    @DisplayName("edge cases: an empty project streams nothing, one answer gives that label, one annotator works for every method")
    void edgeCases() {
        ProjectData empty = ProjectData.create(server, "single", List.of("a", "b"));
        for (String method : List.of("majority", "weighted", "dawid-skene")) {
            Http.Response r = get(empty, "?method=" + method);
            assertEquals(200, r.status(), r.body());
            assertEquals("", r.body());
        }
        ProjectData solo = ProjectData.create(server, "single", List.of("a", "b"));
        solo.answer("i1", "x", "a").answer("i2", "x", "b").answer("i3", "x", "b").flush();
        for (String method : List.of("majority", "weighted", "dawid-skene")) {
            Map<String, JsonObject> m = lines(solo, "?method=" + method);
            assertEquals("a", m.get("i1").getString("label"), method);
            assertEquals("b", m.get("i2").getString("label"), method);
        }
    }

    @Test
    @DisplayName("bad parameters are 400 naming the parameter; anonymous 401, outsider 404, member annotator 403")
    void errorsAndAccess() {
        ProjectData p = ProjectData.create(server, "single", List.of("a", "b"));
        for (String[] c : new String[][] {{"?method=vote", "method"}, {"?label=a", "label"}, {"?tolerance=0", "tolerance"},
                {"?max_iterations=0", "max_iterations"}, {"?expert_weight=-1", "expert_weight"}, {"?tier=x", "tier"}}) {
            Http.Response r = get(p, c[0]);
            assertEquals(400, r.status(), c[0]);
            assertEquals(c[1], r.json().getString("field"), c[0]);
        }
        String path = "/api/projects/" + p.id() + "/consensus";
        assertEquals(401, server.http().get(path).status());
        assertEquals(404, server.user("annotator", "crowd").http().get(path).status());
        Users.Created member = server.user("annotator", "crowd");
        engineer.post("/api/projects/" + p.id() + "/members", new JsonObject().put("user_id", member.id()));
        assertEquals(403, member.http().get(path).status());
    }
}
