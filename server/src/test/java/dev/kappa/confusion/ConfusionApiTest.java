package dev.kappa.confusion;

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

/** GET /api/projects/{id}/confusion over real HTTP and PostgreSQL. */
class ConfusionApiTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();
    static Http engineer;
    static ProjectData p;

    /** Gold: i1 pos, i2 neg, i3 neg, i4 none. Crowd: a says pos pos neg pos, b says pos neg neg -; expert e says neg on i1. */
    @BeforeAll
    static void setUp() {
        engineer = server.engineer().http();
        p = ProjectData.create(server, "single", List.of("pos", "neg"));
        p.gold("i1", "pos").gold("i2", "neg").gold("i3", "neg");
        p.answer("i1", "a", "pos").answer("i2", "a", "pos").answer("i3", "a", "neg").answer("i4", "a", "pos")
                .answer("i1", "b", "pos").answer("i2", "b", "neg").answer("i3", "b", "neg")
                .answer("i1", "e", "expert", "neg", null, null).flush();
    }

    static JsonObject get(String query) {
        Http.Response r = engineer.get("/api/projects/" + p.id() + "/confusion" + query);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    @Test
    @DisplayName("a tier's answers against gold: rows the reference, columns the answer, every answer once")
    void countsAgainstGold() {
        JsonObject c = get("?tier=crowd");
        assertEquals(List.of("pos", "neg"), c.getJsonArray("classes").getList());
        // gold pos: a pos, b pos -> [2, 0]; gold neg: a pos (i2), a neg (i3), b neg, b neg -> [1, 3]
        assertEquals(new JsonArray().add(new JsonArray().add(2).add(0)).add(new JsonArray().add(1).add(3)), c.getJsonArray("counts"));
        assertEquals(6, c.getLong("compared"));
        assertEquals(1, c.getLong("without_reference"));
        JsonObject e = get("?tier=expert");
        assertEquals(new JsonArray().add(new JsonArray().add(0).add(1)).add(new JsonArray().add(0).add(0)), e.getJsonArray("counts"));
    }

    @Test
    @DisplayName("against the majority consensus, a tie gives no reference")
    void countsAgainstConsensus() {
        // majority per item over all answers: i1 pos (2 of 3), i2 tie (pos, neg): none, i3 neg, i4 pos
        JsonObject c = get("?tier=crowd&reference=consensus");
        assertEquals(new JsonArray().add(new JsonArray().add(3).add(0)).add(new JsonArray().add(0).add(2)), c.getJsonArray("counts"));
        assertEquals(2, c.getLong("without_reference"));
    }

    @Test
    @DisplayName("bad input is 400 naming the parameter; a run of no project here is 422; others' projects are 404")
    void rejectsBadInput() {
        String base = "/api/projects/" + p.id() + "/confusion";
        String[][] bad = {{"", "tier"}, {"?tier=crowd&run_id=1", "tier"}, {"?tier=gold", "tier"}, {"?run_id=%00", "run_id"},
            {"?run_id=-3", "run_id"}, {"?run_id=99999999999999999999", "run_id"}, {"?tier=crowd&reference=truth", "reference"}};
        for (String[] c : bad) {
            Http.Response r = engineer.get(base + c[0]);
            assertEquals(400, r.status(), c[0] + " " + r.body());
            assertEquals(c[1], r.json().getString("field"), c[0]);
        }
        Http.Response foreign = engineer.get(base + "?run_id=424242");
        assertEquals(422, foreign.status(), foreign.body());
        assertEquals("run_id", foreign.json().getString("field"));
        assertEquals(404, engineer.get("/api/projects/876543210/confusion?tier=crowd").status());
    }
}
