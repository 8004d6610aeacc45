package dev.kappa.transfer;

import dev.kappa.support.Http;
import dev.kappa.support.TestServer;
import dev.kappa.support.Users;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExportTest {
    static final String JSONL = "application/x-ndjson";
    @RegisterExtension
    static final TestServer server = TestServer.perClass();
    static Http engineer;

    @BeforeAll
    static void setUp() {
        engineer = server.engineer().http();
        ItemImportTest.engineer = engineer;
    }

    static List<JsonObject> lines(String body) {
        List<JsonObject> out = new ArrayList<>();
        for (String l : body.split("\n")) {
            if (!l.isBlank()) {
                out.add(new JsonObject(l));
            }
        }
        return out;
    }

    @Test
    @DisplayName("round trip: the JSONL export gives back exactly the imported external_id, data, meta and gold")
    void jsonlRoundTrip() {
        long p = ItemImportTest.project(engineer, "multi", "red", "green", "blue");
        List<JsonObject> imported = List.of(
                new JsonObject().put("external_id", "a").put("data", new JsonObject("{\"text\": \"Ünïcødé 😀\", \"n\": 1.5, \"nested\": {\"list\": [1, \"two\", null, true]}}"))
                        .put("meta", new JsonObject().put("batch", 7)).put("gold", new JsonArray().add("red").add("blue")),
                new JsonObject().put("external_id", "b, with \"quotes\"").put("data", new JsonObject().put("url", "https://x.test/i.png?a=1&b=2"))
                        .put("meta", null).put("gold", null),
                new JsonObject().put("external_id", "c").put("data", new JsonObject().put("text", "tab\there\nnewline \\ backslash"))
                        .put("meta", null).put("gold", new JsonArray()));
        StringBuilder file = new StringBuilder();
        imported.forEach(o -> file.append(o.encode()).append('\n'));
        assertEquals(200, engineer.post("/api/projects/" + p + "/items", file.toString(), JSONL).status());
        Http.Response r = engineer.get("/api/projects/" + p + "/export?format=jsonl");
        assertEquals(200, r.status(), r.body());
        assertTrue(r.header("Content-Type").startsWith("application/x-ndjson"));
        List<JsonObject> exported = lines(r.body());
        assertEquals(imported.size(), exported.size());
        for (int i = 0; i < imported.size(); i++) {
            JsonObject e = exported.get(i).copy();
            assertEquals(new JsonArray(), e.remove("answers"));
            assertEquals(imported.get(i), e);
        }
        // Importing the export again is a no-op: the round trip is exact.
        StringBuilder again = new StringBuilder();
        exported.forEach(o -> {
            JsonObject item = o.copy();
            item.remove("answers");
            again.append(item.encode()).append('\n');
        });
        JsonObject counts = engineer.post("/api/projects/" + p + "/items", again.toString(), JSONL).json();
        assertEquals(3, counts.getInteger("unchanged"), counts.encode());
    }

    @Test
    @DisplayName("round trip through CSV: quoted cells, line breaks and Unicode come back cell for cell")
    void csvRoundTrip() throws Exception {
        long p = ItemImportTest.project(engineer, "single", "pos", "neg");
        String csv = "external_id,gold,text,note\r\n"
                + "c1,pos,\"Hello, world\",plain\r\n"
                + "c2,,\"She said \"\"hi\"\"\",\"two\nlines\"\r\n"
                + "c3,neg,日本語 😀,\r\n";
        assertEquals(200, engineer.post("/api/projects/" + p + "/items", csv, "text/csv").status());
        Http.Response r = engineer.get("/api/projects/" + p + "/export?format=csv");
        assertEquals(200, r.status(), r.body());
        assertTrue(r.header("Content-Type").startsWith("text/csv"));
        List<JsonObject> rows = parseCsv(r.body());
        assertEquals(3, rows.size());
        assertEquals("Hello, world", rows.get(0).getString("text"));
        assertEquals("pos", rows.get(0).getString("gold"));
        assertEquals("She said \"hi\"", rows.get(1).getString("text"));
        assertEquals("two\nlines", rows.get(1).getString("note"));
        assertEquals("", rows.get(1).getString("gold"));
        assertEquals("日本語 😀", rows.get(2).getString("text"));
        assertEquals("", rows.get(2).getString("annotator_id"));
    }

    @Test
    @DisplayName("every answer is exported with annotator id and external id, tier, label and duration; filters select answers and items")
    void answersAndFilters() {
        long p = ItemImportTest.project(engineer, "single", "pos", "neg");
        assertEquals(200, engineer.post("/api/projects/" + p + "/items", """
                {"external_id": "q1", "data": {"t": 1}, "gold": "pos"}
                {"external_id": "q2", "data": {"t": 2}}
                {"external_id": "q3", "data": {"t": 3}}
                """, JSONL).status());
        assertEquals(200, engineer.post("/api/projects/" + p + "/answers/import", """
                {"item": "q1", "annotator": "x-1", "tier": "crowd", "label": "pos", "duration_ms": 1000, "created_at": "2026-01-10T00:00:00Z"}
                {"item": "q1", "annotator": "x-1", "tier": "crowd", "label": "neg", "duration_ms": 2000, "created_at": "2026-01-20T00:00:00Z"}
                {"item": "q1", "annotator": "x-2", "tier": "expert", "label": "pos", "created_at": "2026-02-05T00:00:00Z"}
                {"item": "q2", "annotator": "x-2", "tier": "expert", "label": "neg", "created_at": "2026-02-06T00:00:00Z"}
                """, JSONL).status());
        String base = "/api/projects/" + p + "/export?format=jsonl";
        List<JsonObject> all = lines(engineer.get(base).body());
        assertEquals(3, all.size());
        JsonArray q1 = all.get(0).getJsonArray("answers");
        assertEquals(3, q1.size());
        JsonObject first = q1.getJsonObject(0);
        assertEquals("x-1", first.getString("annotator"));
        assertTrue(first.getLong("annotator_id") > 0);
        assertEquals("crowd", first.getString("tier"));
        assertEquals("pos", first.getString("label"));
        assertEquals(1000, first.getInteger("duration_ms"));
        assertEquals("import", first.getString("source"));
        assertEquals("pos", all.get(0).getString("gold"));
        assertNull(q1.getJsonObject(2).getValue("duration_ms"));

        List<JsonObject> crowd = lines(engineer.get(base + "&tier=crowd&has_consensus=true").body());
        assertEquals(1, crowd.size());
        assertEquals(2, crowd.get(0).getJsonArray("answers").size());
        List<JsonObject> february = lines(engineer.get(base + "&from=2026-02-01&to=2026-02-06T00:00:00Z&has_consensus=true").body());
        assertEquals(List.of("q1"), february.stream().map(o -> o.getString("external_id")).toList());
        assertEquals(1, february.get(0).getJsonArray("answers").size());
        List<JsonObject> none = lines(engineer.get(base + "&has_consensus=false").body());
        assertEquals(List.of("q3"), none.stream().map(o -> o.getString("external_id")).toList());

        List<JsonObject> csv = parseCsv(engineer.get("/api/projects/" + p + "/export?format=csv&tier=expert").body());
        assertEquals(List.of("q1", "q2", "q3"), csv.stream().map(o -> o.getString("external_id")).toList());
        assertEquals("x-2", csv.get(0).getString("annotator"));
        assertEquals("", csv.get(2).getString("annotator"));
    }

    @Test
    @DisplayName("export: anonymous 401, member annotator 403, other annotator 404, bad parameters 400 naming them")
    void exportAccessAndParameters() {
        long p = ItemImportTest.project(engineer, "single", "pos", "neg");
        Users.Created member = server.user("annotator", "crowd");
        Users.Created outsider = server.user("annotator", "crowd");
        assertEquals(201, engineer.post("/api/projects/" + p + "/members", new JsonObject().put("user_id", member.id())).status());
        String path = "/api/projects/" + p + "/export";
        assertEquals(401, server.http().get(path).status());
        assertEquals(403, member.http().get(path).status());
        assertEquals(404, outsider.http().get(path).status());
        assertEquals(200, server.admin().get(path).status());
        assertEquals("format", engineer.get(path + "?format=xml").json().getString("field"));
        assertEquals("tier", engineer.get(path + "?tier=gold").json().getString("field"));
        assertEquals("from", engineer.get(path + "?from=last-week").json().getString("field"));
        assertEquals("has_consensus", engineer.get(path + "?has_consensus=maybe").json().getString("field"));
    }

    /** Parses the export with the server's own CSV reader, which the import tests pin to RFC 4180. */
    static List<JsonObject> parseCsv(String body) throws RuntimeException {
        try {
            CsvReader reader = new CsvReader(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
            List<JsonObject> out = new ArrayList<>();
            for (RowReader.Row r = reader.next(); r != null; r = reader.next()) {
                assertNull(r.problem(), "line " + r.line() + ": " + r.problem());
                out.add(r.fields());
            }
            return out;
        } catch (java.io.IOException e) {
            throw new RuntimeException(e);
        }
    }
}
