package dev.kappa.agreement;

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

import java.time.OffsetDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /api/projects/{id}/agreement over real HTTP and PostgreSQL, on published data stored as answers. */
class AgreementApiTest {
    static final List<String> FIVE = List.of("1", "2", "3", "4", "5");
    @RegisterExtension
    static final TestServer server = TestServer.perClass();
    static Http engineer;
    static ProjectData fleiss;
    static ProjectData exampleC;

    @BeforeAll
    static void setUp() {
        engineer = server.engineer().http();
        fleiss = fleiss1971(server);
        exampleC = krippendorffC(server);
    }

    /** Fleiss (1971, p. 379): 30 patients, 6 psychiatrists each, 5 diagnoses; stored as a single-label project. */
    static ProjectData fleiss1971(TestServer server) {
        ProjectData p = ProjectData.create(server, "single", FIVE);
        List<String[]> rows = Datasets.rows("agreement_examples/fleiss1971_diagnoses.csv", ",");
        for (String[] row : rows.subList(1, rows.size())) {
            for (int r = 1; r < row.length; r++) {
                p.answer("subject " + row[0], "rater" + r, row[r]);
            }
        }
        return p.flush();
    }

    /** Krippendorff's example C (2004, p. 230; 2011): 4 coders, 12 units, gaps; stored as a 1-5 rating project. */
    static ProjectData krippendorffC(TestServer server) {
        ProjectData p = ProjectData.create(server, "rating", FIVE);
        List<String[]> rows = Datasets.rows("agreement_examples/krippendorff_example_c_numeric.csv", ",");
        for (String[] coder : rows.subList(1, rows.size())) {
            for (int u = 1; u < coder.length; u++) {
                if (!coder[u].equals("*")) {
                    p.answer("u" + u, coder[0], Integer.parseInt(coder[u]));
                }
            }
        }
        return p.flush();
    }

    static JsonObject agreement(ProjectData p, String query) {
        Http.Response r = engineer.get("/api/projects/" + p.id() + "/agreement" + query);
        assertEquals(200, r.status(), r.body());
        assertFalse(r.body().contains("NaN"), r.body());
        return r.json();
    }

    static double value(JsonObject o, String... path) {
        for (int i = 0; i < path.length - 1; i++) {
            o = o.getJsonObject(path[i]);
        }
        return o.getJsonObject(path[path.length - 1]).getDouble("value");
    }

    @Test
    @DisplayName("Fleiss 1971: kappa 0.4302445 (R irr) and per-category .248 .248 .517 .470 .565 (printed), with counts")
    void fleiss1971() {
        JsonObject a = agreement(fleiss, "?resamples=0");
        assertEquals(0.4302445, value(a, "fleiss_kappa"), 1e-7);
        // Fleiss printed hand-rounded per-category values; the exact formula gives .24476 .24476 .52 .47113 .56612
        // (see stats.PublishedAgreementTest), within .0035 of the print.
        double[] printed = {.248, .248, .517, .470, .565};
        double[] exact = {0.24476, 0.24476, 0.52, 0.47113, 0.56612};
        for (int c = 0; c < 5; c++) {
            assertEquals(printed[c], value(a, "per_label", FIVE.get(c), "fleiss_kappa"), 3.5e-3, "category " + (c + 1));
            assertEquals(exact[c], value(a, "per_label", FIVE.get(c), "fleiss_kappa"), 5e-5, "category " + (c + 1));
        }
        assertEquals(30, a.getInteger("n_items"));
        assertEquals(180, a.getInteger("n_answers"));
        assertEquals(6, a.getInteger("n_annotators"));
        assertEquals(30, a.getInteger("n_items_pairable"));
        JsonObject cohen = a.getJsonObject("cohen_kappa");
        assertEquals(15, cohen.getJsonArray("pairs").size(), "6 raters sharing 30 items: 15 pairs");
        assertTrue(cohen.getDouble("value") > 0.3 && cohen.getDouble("value") < 0.6);
        assertNull(a.getJsonObject("fleiss_kappa").getValue("ci"));
        assertFalse(a.getJsonObject("krippendorff_alpha").containsKey("interval"), "a single-label schema is nominal");
    }

    @Test
    @DisplayName("Krippendorff's example C: alpha nominal .743, ordinal .815, interval .849, percent agreement .800")
    void krippendorffExampleC() {
        JsonObject a = agreement(exampleC, "?resamples=0&m=1");
        assertEquals(0.743, value(a, "krippendorff_alpha", "nominal"), 5e-4);
        assertEquals(0.815, value(a, "krippendorff_alpha", "ordinal"), 5e-4);
        assertEquals(0.849, value(a, "krippendorff_alpha", "interval"), 5e-4);
        assertEquals(0.800, value(a, "percent_agreement"), 5e-4);
        assertEquals(12, a.getInteger("n_items"));
        assertEquals(11, a.getInteger("n_items_pairable"), "unit 12 has one value and cannot be paired");
        assertEquals(6, a.getJsonObject("cohen_kappa").getJsonArray("pairs").size());
    }

    @Test
    @DisplayName("bootstrap: the same seed gives identical intervals, another seed others, and each interval brackets its value")
    void bootstrapReproducible() {
        JsonObject a = agreement(fleiss, "?resamples=300&seed=42");
        JsonObject b = agreement(fleiss, "?resamples=300&seed=42");
        JsonObject c = agreement(fleiss, "?resamples=300&seed=43");
        assertEquals(a, b);
        assertNotEquals(a.getJsonObject("fleiss_kappa").getJsonArray("ci"), c.getJsonObject("fleiss_kappa").getJsonArray("ci"));
        for (String k : List.of("percent_agreement", "cohen_kappa", "fleiss_kappa", "gwet_ac1")) {
            JsonObject coef = a.getJsonObject(k);
            JsonArray ci = coef.getJsonArray("ci");
            assertTrue(ci.getDouble(0) <= coef.getDouble("value") && coef.getDouble("value") <= ci.getDouble(1), k + " " + coef);
        }
        assertEquals(300, a.getJsonObject("bootstrap").getInteger("resamples"));
        JsonObject defaults = agreement(fleiss, "");
        assertEquals(1000, defaults.getJsonObject("bootstrap").getInteger("resamples"), "small projects get 1000 by default");
        assertEquals(1, defaults.getJsonObject("bootstrap").getLong("seed"));
    }

    @Test
    @DisplayName("the label filter gives that label against the rest; tier, time and annotator filters change the counts")
    void filters() {
        JsonObject one = agreement(fleiss, "?resamples=0&label=5");
        assertEquals(0.56612, value(one, "fleiss_kappa"), 5e-5, "Fleiss' per-category kappa of category 5 is the binary kappa");
        assertEquals("5", one.getJsonObject("filters").getString("label"));
        ProjectData p = ProjectData.create(server, "single", List.of("a", "b"));
        OffsetDateTime t = OffsetDateTime.parse("2026-03-01T00:00:00Z");
        for (int i = 0; i < 20; i++) {
            p.answer("i" + i, "c1", "crowd", i % 2 == 0 ? "a" : "b", null, t.plusHours(i));
            p.answer("i" + i, "c2", "crowd", i % 3 == 0 ? "a" : "b", null, t.plusHours(i));
            p.answer("i" + i, "e1", "expert", i % 2 == 0 ? "a" : "b", null, t.plusHours(i));
        }
        p.flush();
        assertEquals(60, agreement(p, "?resamples=0").getInteger("n_answers"));
        JsonObject crowd = agreement(p, "?resamples=0&tier=crowd");
        assertEquals(40, crowd.getInteger("n_answers"));
        assertEquals(2, crowd.getInteger("n_annotators"));
        assertEquals(30, agreement(p, "?resamples=0&from=2026-03-01T10:00:00Z").getInteger("n_answers"));
        assertEquals(15, agreement(p, "?resamples=0&from=2026-03-01T05:00:00Z&to=2026-03-01T10:00:00Z").getInteger("n_answers"));
        JsonObject pair = agreement(p, "?resamples=0&annotators=" + p.annotator("c1") + "," + p.annotator("e1"));
        assertEquals(1.0, value(pair, "cohen_kappa"), 1e-12, "c1 and e1 always agree");
        assertEquals(1, pair.getJsonObject("cohen_kappa").getJsonArray("pairs").size());
    }

    @Test
    @DisplayName("a multi-label project reports each label as present/absent; its top-level coefficients are null with a reason")
    void multi() {
        ProjectData p = ProjectData.create(server, "multi", List.of("cat", "dog"));
        for (int i = 0; i < 12; i++) {
            JsonArray both = new JsonArray().add("cat").add("dog");
            JsonArray cat = new JsonArray().add("cat");
            p.answer("i" + i, "x", i % 2 == 0 ? both : cat);
            p.answer("i" + i, "y", i % 3 == 0 ? both : cat);
        }
        p.flush();
        JsonObject a = agreement(p, "?resamples=50");
        assertNull(a.getJsonObject("fleiss_kappa").getValue("value"));
        assertTrue(a.getJsonObject("fleiss_kappa").getString("reason").startsWith("multi-label"));
        JsonObject dog = a.getJsonObject("per_label").getJsonObject("dog");
        assertEquals(10, dog.getInteger("answers_with_label"));
        assertTrue(dog.getJsonObject("fleiss_kappa").getValue("value") instanceof Number);
        JsonObject cat = a.getJsonObject("per_label").getJsonObject("cat");
        assertNull(cat.getJsonObject("krippendorff_alpha").getJsonObject("nominal").getValue("value"));
        assertEquals("no expected disagreement", cat.getJsonObject("krippendorff_alpha").getJsonObject("nominal").getString("reason"));
        assertEquals(1.0, cat.getJsonObject("percent_agreement").getDouble("value"));
    }

    @Test
    @DisplayName("edge cases answer 200 with null values and reasons: empty project, one annotator, all one label, lone answers")
    void edgeCases() {
        ProjectData empty = ProjectData.create(server, "single", List.of("a", "b"));
        JsonObject e = agreement(empty, "");
        assertEquals(0, e.getInteger("n_answers"));
        assertEquals("no answers", e.getJsonObject("fleiss_kappa").getString("reason"));
        assertNull(e.getJsonObject("fleiss_kappa").getValue("ci"));

        ProjectData one = ProjectData.create(server, "single", List.of("a", "b"));
        for (int i = 0; i < 5; i++) {
            one.answer("i" + i, "solo", i % 2 == 0 ? "a" : "b").answer("i" + i, "solo", "a");
        }
        one.flush();
        JsonObject o = agreement(one, "");
        assertEquals(1, o.getInteger("n_annotators"));
        assertEquals("one annotator", o.getJsonObject("cohen_kappa").getString("reason"));

        ProjectData same = ProjectData.create(server, "single", List.of("a", "b"));
        for (int i = 0; i < 5; i++) {
            same.answer("i" + i, "x", "a").answer("i" + i, "y", "a");
        }
        same.flush();
        JsonObject s = agreement(same, "");
        assertEquals("no expected disagreement", s.getJsonObject("fleiss_kappa").getString("reason"));
        assertEquals(1.0, s.getJsonObject("percent_agreement").getDouble("value"));
        assertEquals(1.0, s.getJsonObject("gwet_ac1").getDouble("value"));

        ProjectData lone = ProjectData.create(server, "single", List.of("a", "b"));
        lone.answer("i1", "x", "a").answer("i2", "y", "b").flush();
        JsonObject l = agreement(lone, "");
        assertEquals(0, l.getInteger("n_items_pairable"));
        assertEquals("no item has two or more answers", l.getJsonObject("krippendorff_alpha").getJsonObject("nominal").getString("reason"));
    }

    @Test
    @DisplayName("bad parameters are 400/422 problems naming the parameter")
    void badParameters() {
        String base = "/api/projects/" + fleiss.id() + "/agreement";
        for (String[] c : new String[][] {{"?resamples=-1", "resamples", "400"}, {"?m=0", "m", "400"}, {"?seed=x", "seed", "400"},
                {"?tier=gold", "tier", "400"}, {"?from=yesterday", "from", "400"}, {"?annotators=,", "annotators", "400"}, {"?annotators=1," + "w".repeat(201), "annotators", "400"},
                {"?from=2026-02-01&to=2026-01-01", "to", "400"}, {"?level=2", "level", "400"}, {"?label=7", "label", "422"}}) {
            Http.Response r = engineer.get(base + c[0]);
            assertEquals(Integer.parseInt(c[2]), r.status(), c[0] + ": " + r.body());
            assertEquals("application/problem+json", r.header("Content-Type"));
            assertEquals(c[1], r.json().getString("field"), c[0]);
        }
    }

    @Test
    @DisplayName("access: anonymous 401, annotator outside the project 404, member annotator 403, admin 200, unknown project 404")
    void access() {
        String path = "/api/projects/" + fleiss.id() + "/agreement?resamples=0";
        assertEquals(401, server.http().get(path).status());
        Users.Created outsider = server.user("annotator", "crowd");
        assertEquals(404, outsider.http().get(path).status());
        Users.Created member = server.user("annotator", "crowd");
        assertEquals(201, engineer.post("/api/projects/" + fleiss.id() + "/members", new JsonObject().put("user_id", member.id())).status());
        assertEquals(403, member.http().get(path).status());
        assertEquals(200, server.admin().get(path).status());
        assertEquals(404, engineer.get("/api/projects/999999/agreement").status());
    }
}
