package dev.kappa.pairwise;

import dev.kappa.support.Http;
import dev.kappa.support.ProjectData;
import dev.kappa.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /api/projects/{id}/agreement/pairs and .../disagreements over real HTTP and PostgreSQL. */
class PairwiseApiTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();
    static Http engineer;
    static ProjectData p;
    static ProjectData other;

    /**
     * Ann and Bob share 4 items and agree on 3 (pos pos, neg neg, pos pos, pos neg); Ann and Cy share 2 and agree on
     * one, as do Bob and Cy. Dee answers alone.
     */
    @BeforeAll
    static void setUp() {
        engineer = server.engineer().http();
        p = ProjectData.create(server, "single", List.of("pos", "neg"));
        p.answer("i1", "Ann", "pos").answer("i1", "Bob", "pos")
                .answer("i2", "Ann", "neg").answer("i2", "Bob", "neg").answer("i2", "Cy <img src=x onerror=alert(1)>", "pos")
                .answer("i3", "Ann", "pos").answer("i3", "Bob", "pos").answer("i3", "Cy <img src=x onerror=alert(1)>", "pos")
                .answer("i4", "Ann", "pos").answer("i4", "Bob", "neg")
                .answer("i5", "Dee", "neg").flush();
        // Ann's second answer on i3 does not count: her first stands for her, as in pairwise Cohen's kappa
        p.answer("i3", "Ann", "neg").flush();
        other = ProjectData.create(server, "single", List.of("pos", "neg"));
        other.answer("o1", "Eve", "pos").answer("o1", "Fay", "neg").flush();
    }

    static JsonObject matrix(String query) {
        Http.Response r = engineer.get("/api/projects/" + p.id() + "/agreement/pairs" + query);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    static JsonObject cell(JsonObject m, String a, String b) {
        JsonArray people = m.getJsonArray("annotators");
        int row = -1;
        int col = -1;
        for (int i = 0; i < people.size(); i++) {
            String name = people.getJsonObject(i).getString("name");
            row = name.startsWith(a) ? i : row;
            col = name.startsWith(b) ? i : col;
        }
        return m.getJsonArray("cells").getJsonArray(row - m.getInteger("row_offset")).getJsonObject(col - m.getInteger("col_offset"));
    }

    @Test
    @DisplayName("each cell holds the items two annotators share, how many they agree on, and Cohen's kappa from min_shared items")
    void countsSharedAndAgreeingItems() {
        JsonObject m = matrix("?order=id&min_shared=1");
        assertEquals(4, m.getInteger("n_annotators"));
        JsonObject ab = cell(m, "Ann", "Bob");
        assertEquals(4, ab.getInteger("shared"));
        assertEquals(3, ab.getInteger("agree"));
        assertEquals(0.75, ab.getDouble("percent"), 1e-12);
        // Ann: pos neg pos pos, Bob: pos neg pos neg. po = 3/4; pe = (3/4)(2/4) + (1/4)(2/4) = 1/2; kappa = 0.5
        assertEquals(0.5, ab.getJsonObject("kappa").getDouble("value"), 1e-12);
        assertEquals(ab, cell(m, "Bob", "Ann"));
        JsonObject ac = cell(m, "Ann", "Cy");
        assertEquals(2, ac.getInteger("shared"));
        assertEquals(1, ac.getInteger("agree"));
        assertEquals(1, cell(m, "Bob", "Cy").getInteger("agree"));
        assertNull(cell(m, "Ann", "Dee"), "no shared item: no cell");
        assertNull(cell(m, "Ann", "Ann"), "the diagonal is empty");
        JsonObject strict = matrix("?order=id&min_shared=3");
        assertNull(cell(strict, "Ann", "Cy").getJsonObject("kappa").getValue("value"));
        assertTrue(cell(strict, "Ann", "Cy").getJsonObject("kappa").getString("reason").contains("3"));
    }

    @Test
    @DisplayName("agreement order puts the least agreeing first; clustering keeps those who agree together; pages cut both axes")
    void ordersAndPages() {
        JsonObject byAgreement = matrix("?order=agreement");
        List<String> names = byAgreement.getJsonArray("annotators").stream().map(o -> ((JsonObject) o).getString("name")).toList();
        // Cy agrees on 2 of 4 shared pairs, Ann and Bob on 4 of 6 (a tie kept in answer order); Dee shares nothing: last
        assertTrue(names.get(0).startsWith("Cy"), names.toString());
        assertEquals(List.of("Ann", "Bob", "Dee"), names.subList(1, 4));
        JsonObject clustered = matrix("?order=cluster");
        List<String> order = clustered.getJsonArray("annotators").stream().map(o -> ((JsonObject) o).getString("name")).toList();
        assertEquals(1, Math.abs(order.indexOf("Ann") - order.indexOf("Bob")), "Ann and Bob agree most: neighbours in " + order);
        JsonObject page = matrix("?order=id&size=2&row_offset=2&col_offset=1");
        assertEquals(2, page.getJsonArray("cells").size());
        assertEquals(2, page.getJsonArray("cells").getJsonArray(0).size());
        JsonObject last = matrix("?order=id&size=3&row_offset=3&col_offset=0");
        assertEquals(1, last.getJsonArray("cells").size(), "a short last page");
    }

    @Test
    @DisplayName("the disagreement list gives the items two annotators label differently, with the item's data and both labels")
    void listsDisagreements() {
        long ann = p.annotator("Ann");
        long bob = p.annotator("Bob");
        Http.Response r = engineer.get("/api/projects/" + p.id() + "/agreement/pairs/disagreements?a=" + ann + "&b=" + bob);
        assertEquals(200, r.status(), r.body());
        JsonObject d = r.json();
        assertEquals(4, d.getLong("shared_items"));
        assertEquals(1, d.getLong("disagreements"));
        JsonObject item = d.getJsonArray("items").getJsonObject(0);
        assertEquals("i4", item.getString("external_id"));
        assertEquals("pos", item.getString("label_a"));
        assertEquals("neg", item.getString("label_b"));
        JsonObject none = engineer.get("/api/projects/" + p.id() + "/agreement/pairs/disagreements?a=" + ann + "&b=" + bob + "&offset=1").json();
        assertEquals(0, none.getJsonArray("items").size());
    }

    @Test
    @DisplayName("bad parameters are 400 naming the field, someone with no answers here (a foreign id) is 422, others' projects 404")
    void rejectsBadInput() {
        long ann = p.annotator("Ann");
        long eve = other.annotator("Eve");
        String base = "/api/projects/" + p.id() + "/agreement/pairs";
        String[][] bad = {
            {"?order=random", "order"}, {"?size=0", "size"}, {"?size=101", "size"}, {"?size=%00", "size"},
            {"?row_offset=-1", "row_offset"}, {"?row_offset=4", "row_offset"}, {"?col_offset=99999999999999", "col_offset"},
            {"?tier=gold", "tier"}, {"?min_shared=0", "min_shared"},
            {"/disagreements?b=" + ann, "a"}, {"/disagreements?a=%00&b=" + ann, "a"}, {"/disagreements?a=" + ann + "&b=" + ann, "b"},
            {"/disagreements?a=" + ann + "&b=99999999999999999999", "b"}, {"/disagreements?a=" + ann + "&b=1&limit=100000", "limit"},
        };
        for (String[] c : bad) {
            Http.Response r = engineer.get(base + c[0]);
            assertEquals(400, r.status(), c[0] + " " + r.body());
            assertEquals("application/problem+json", r.header("Content-Type"));
            assertEquals(c[1], r.json().getString("field"), c[0] + " " + r.body());
        }
        Http.Response foreign = engineer.get(base + "/disagreements?a=" + ann + "&b=" + eve);
        assertEquals(422, foreign.status(), foreign.body());
        assertEquals("b", foreign.json().getString("field"));
        assertEquals(404, engineer.get("/api/projects/999999999/agreement/pairs").status());
        Http.Response annotator = server.user("annotator", "crowd").http().get(base);
        assertEquals(404, annotator.status(), "not a member: the project is not found");
    }
}
