package dev.kappa.review;

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

/** GET /api/projects/{id}/consensus/items: the consensus browser's pages over real HTTP and PostgreSQL. */
class ConsensusPageApiTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();
    static Http engineer;
    static ProjectData p;

    /** i1: pos pos neg (2/3); i2: pos pos pos (1); i3: pos neg (a tie: unresolved). */
    @BeforeAll
    static void setUp() {
        engineer = server.engineer().http();
        p = ProjectData.create(server, "single", List.of("pos", "neg"));
        p.answer("i1", "a", "pos").answer("i1", "b", "pos").answer("i1", "c", "neg")
                .answer("i2", "a", "pos").answer("i2", "b", "pos").answer("i2", "c", "pos")
                .answer("i3", "a", "pos").answer("i3", "b", "neg").flush();
    }

    static JsonObject page(String query) {
        Http.Response r = engineer.get("/api/projects/" + p.id() + "/consensus/items" + query);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    static List<String> ids(JsonObject page) {
        return page.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("external_id")).toList();
    }

    @Test
    @DisplayName("items come lowest confidence first (unresolved before all), filtered by confidence, paged, with their data")
    void pagesByConfidence() {
        JsonObject all = page("");
        assertEquals(3, all.getLong("answered_items"));
        assertEquals(List.of("i3", "i1", "i2"), ids(all));
        JsonObject i3 = all.getJsonArray("items").getJsonObject(0);
        assertNull(i3.getValue("label"));
        assertFalse(i3.getBoolean("resolved"));
        JsonObject i1 = all.getJsonArray("items").getJsonObject(1);
        assertEquals("pos", i1.getString("label"));
        assertEquals(2.0 / 3, i1.getDouble("confidence"), 1e-12);
        assertEquals(3, i1.getInteger("answers"));
        assertEquals(new JsonObject(), i1.getJsonObject("data"));
        JsonObject low = page("?max_confidence=0.7");
        assertEquals(2, low.getLong("matching"));
        assertEquals(List.of("i3", "i1"), ids(low));
        assertEquals(List.of("i3"), ids(page("?unresolved=true")));
        assertEquals(List.of("i1"), ids(page("?limit=1&offset=1")));
        assertEquals(List.of("i1", "i2", "i3"), ids(page("?order=queue")));
    }

    @Test
    @DisplayName("bad parameters are 400 naming the parameter; others' projects are 404")
    void rejectsBadInput() {
        String base = "/api/projects/" + p.id() + "/consensus/items";
        String[][] bad = {{"?method=vote", "method"}, {"?max_confidence=2", "max_confidence"}, {"?max_confidence=%00", "max_confidence"},
            {"?limit=0", "limit"}, {"?limit=1000", "limit"}, {"?offset=-5", "offset"}, {"?order=random", "order"},
            {"?unresolved=yes", "unresolved"}, {"?from=1e400", "from"}};
        for (String[] c : bad) {
            Http.Response r = engineer.get(base + c[0]);
            assertEquals(400, r.status(), c[0] + " " + r.body());
            assertEquals(c[1], r.json().getString("field"), c[0]);
        }
        assertEquals(404, engineer.get("/api/projects/987654321/consensus/items").status());
    }
}
