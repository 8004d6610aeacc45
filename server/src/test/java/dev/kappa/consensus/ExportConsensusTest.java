package dev.kappa.consensus;

import dev.kappa.support.Http;
import dev.kappa.support.ProjectData;
import dev.kappa.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The export's optional consensus and per-item agreement columns. */
class ExportConsensusTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();
    static Http engineer;
    static ProjectData p;

    @BeforeAll
    static void setUp() {
        engineer = server.engineer().http();
        p = ProjectData.create(server, "single", List.of("pos", "neg"));
        p.annotator("e", "expert");
        p.answer("q1", "a", "pos").answer("q1", "b", "pos").answer("q1", "c", "neg");
        p.answer("q2", "a", "neg").answer("q2", "e", "expert", "pos", null, null);
        p.item("q3");
        p.flush();
    }

    @Test
    @DisplayName("JSONL export with consensus=majority: each item gains the consensus line's fields and its agreement")
    void jsonl() {
        Http.Response r = engineer.get("/api/projects/" + p.id() + "/export?consensus=majority");
        assertEquals(200, r.status(), r.body());
        List<JsonObject> items = Arrays.stream(r.body().split("\n")).map(JsonObject::new).toList();
        JsonObject q1 = items.get(0).getJsonObject("consensus");
        assertEquals("majority", q1.getString("method"));
        assertEquals("pos", q1.getString("label"));
        assertEquals(2.0 / 3, q1.getDouble("confidence"), 1e-12);
        assertEquals(3, q1.getInteger("answers"));
        assertEquals(0.9182958340544896, q1.getDouble("entropy_bits"), 1e-12);
        assertEquals(3, items.get(0).getJsonArray("answers").size(), "the export's own fields are unchanged");
        assertEquals("pos", items.get(1).getJsonObject("consensus").getString("label"), "the expert breaks the tie");
        assertNull(items.get(2).getJsonObject("consensus").getValue("label"));
        assertFalse(items.get(2).getJsonObject("consensus").getBoolean("resolved"));
        JsonObject plain = new JsonObject(engineer.get("/api/projects/" + p.id() + "/export").body().split("\n")[0]);
        assertFalse(plain.containsKey("consensus"), "without the parameter the export is as before");
        JsonObject crowdOnly = new JsonObject(engineer.get("/api/projects/" + p.id() + "/export?consensus=majority&tier=crowd")
                .body().split("\n")[1]);
        assertEquals("neg", crowdOnly.getJsonObject("consensus").getString("label"), "the tier filter applies to the consensus too");
    }

    @Test
    @DisplayName("CSV export with consensus=dawid-skene: four columns appended to every row")
    void csv() {
        Http.Response r = engineer.get("/api/projects/" + p.id() + "/export?format=csv&consensus=dawid-skene");
        assertEquals(200, r.status(), r.body());
        String[] lines = r.body().split("\r\n");
        List<String> header = List.of(lines[0].split(","));
        assertEquals(List.of("consensus_label", "consensus_confidence", "majority_share", "entropy_bits"),
                header.subList(header.size() - 4, header.size()));
        String[] first = lines[1].split(",", -1);
        assertEquals("q1", first[0]);
        assertEquals("pos", first[first.length - 4]);
        assertTrue(Double.parseDouble(first[first.length - 3]) > 0.5);
        assertEquals(2.0 / 3, Double.parseDouble(first[first.length - 2]), 1e-12);
        String[] last = lines[lines.length - 1].split(",", -1);
        assertEquals("q3", last[0]);
        assertEquals("", last[last.length - 4]);
        assertEquals(400, engineer.get("/api/projects/" + p.id() + "/export?consensus=vote").status());
        assertEquals("consensus", engineer.get("/api/projects/" + p.id() + "/export?consensus=vote").json().getString("field"));
    }
}
