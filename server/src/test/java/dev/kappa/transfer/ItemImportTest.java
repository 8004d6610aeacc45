package dev.kappa.transfer;

import dev.kappa.support.Http;
import dev.kappa.support.TestDatabases;
import dev.kappa.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ItemImportTest {
    static final String JSONL = "application/x-ndjson";
    @RegisterExtension
    static final TestServer server = TestServer.perClass();
    static Http engineer;

    @BeforeAll
    static void setUp() {
        engineer = server.engineer().http();
    }

    static long project(Http http, String kind, String... keys) {
        JsonArray labels = new JsonArray();
        for (String k : keys) {
            labels.add(new JsonObject().put("key", k));
        }
        Http.Response r = http.post("/api/projects", new JsonObject().put("name", "p-" + kind)
                .put("schema", new JsonObject().put("kind", kind).put("labels", labels)));
        assertEquals(201, r.status(), r.body());
        return r.json().getLong("id");
    }

    static long sentiment() {
        return project(engineer, "single", "pos", "neg");
    }

    static Http.Response upload(long project, String body, String type) {
        return engineer.post("/api/projects/" + project + "/items", body, type);
    }

    static List<JsonObject> items(long project) {
        List<JsonObject> out = new ArrayList<>();
        JsonArray page = engineer.get("/api/projects/" + project + "/items?limit=1000").json().getJsonArray("items");
        for (int i = 0; i < page.size(); i++) {
            out.add(page.getJsonObject(i));
        }
        return out;
    }

    @Test
    @DisplayName("a JSONL import creates the items with their data, gold and meta, in file order")
    void importsJsonLines() {
        long p = sentiment();
        Http.Response r = upload(p, """
                {"external_id": "q1", "data": {"text": "great phone"}, "gold": "pos"}
                {"external_id": "q2", "data": {"text": "meh", "n": 2, "tags": ["a"]}, "meta": {"source": "web"}}

                {"external_id": "q3", "data": {"text": "awful"}, "gold": "neg"}
                """, JSONL);
        assertEquals(200, r.status(), r.body());
        assertEquals(new JsonObject().put("items", 3).put("created", 3).put("updated", 0).put("unchanged", 0), r.json());
        List<JsonObject> items = items(p);
        assertEquals(List.of("q1", "q2", "q3"), items.stream().map(i -> i.getString("external_id")).toList());
        assertEquals("pos", items.get(0).getString("gold"));
        assertNull(items.get(1).getValue("gold"));
        assertEquals(new JsonObject("{\"text\": \"meh\", \"n\": 2, \"tags\": [\"a\"]}"), items.get(1).getJsonObject("data"));
        assertEquals("web", items.get(1).getJsonObject("meta").getString("source"));
        for (JsonObject i : items) {
            double k = i.getDouble("sample_key");
            assertTrue(k >= 0 && k < 1, "sample_key in [0,1)");
        }
    }

    @Test
    @DisplayName("re-importing the same file changes nothing; a changed item is updated in place, keeping id, seq and sample_key")
    void reimportIsIdempotent() {
        long p = sentiment();
        String file = """
                {"external_id": "a", "data": {"text": "one"}}
                {"external_id": "b", "data": {"text": "two"}, "gold": "neg"}
                """;
        assertEquals(200, upload(p, file, JSONL).status());
        List<JsonObject> before = items(p);
        Http.Response again = upload(p, file, JSONL);
        assertEquals(new JsonObject().put("items", 2).put("created", 0).put("updated", 0).put("unchanged", 2), again.json());
        assertEquals(before, items(p));
        Http.Response changed = upload(p, """
                {"external_id": "b", "data": {"text": "two, edited"}, "gold": "pos"}
                {"external_id": "c", "data": {"text": "three"}}
                """, JSONL);
        assertEquals(new JsonObject().put("items", 2).put("created", 1).put("updated", 1).put("unchanged", 0), changed.json());
        List<JsonObject> after = items(p);
        assertEquals(3, after.size());
        JsonObject b0 = before.get(1);
        JsonObject b1 = after.get(1);
        assertEquals("b", b1.getString("external_id"));
        assertEquals(b0.getLong("id"), b1.getLong("id"));
        assertEquals(b0.getLong("seq"), b1.getLong("seq"));
        assertEquals(b0.getDouble("sample_key"), b1.getDouble("sample_key"));
        assertEquals("two, edited", b1.getJsonObject("data").getString("text"));
        assertEquals("pos", b1.getString("gold"));
        assertTrue(after.get(2).getLong("seq") > b1.getLong("seq"), "a new item goes after the existing ones");
    }

    @Test
    @DisplayName("one bad line fails the whole import with its line number, and nothing is written")
    void badLineFailsWholeImport() {
        long p = sentiment();
        Http.Response r = upload(p, """
                {"external_id": "ok1", "data": {"text": "fine"}}
                {"external_id": "ok2", "data": {"text": "fine"}}
                {"external_id": "bad", "data": "not an object"}
                {"external_id": "ok3", "data": {"text": "fine"}}
                """, JSONL);
        assertEquals(422, r.status(), r.body());
        JsonArray errors = r.json().getJsonArray("errors");
        assertEquals(1, errors.size(), r.body());
        assertEquals(3, errors.getJsonObject(0).getInteger("line"));
        assertEquals("data", errors.getJsonObject(0).getString("field"));
        assertEquals(0, items(p).size());
    }

    @Test
    @DisplayName("bad lines of every sort are listed with their line numbers: broken JSON, missing fields, unknown fields, repeats")
    void listsEachBadLine() {
        long p = sentiment();
        Http.Response r = upload(p, String.join("\n",
                "{\"external_id\": \"x\", \"data\": {}}",
                "{not json",
                "[1, 2]",
                "{\"data\": {}}",
                "{\"external_id\": \"y\", \"data\": {}, \"colour\": \"red\"}",
                "{\"external_id\": \"x\", \"data\": {}}",
                "{\"external_id\": \"z\", \"data\": {\"t\": \"nul \\u0000 here\"}}"), JSONL);
        assertEquals(422, r.status(), r.body());
        JsonArray errors = r.json().getJsonArray("errors");
        List<String> got = new ArrayList<>();
        for (int i = 0; i < errors.size(); i++) {
            got.add(errors.getJsonObject(i).getInteger("line") + ":" + errors.getJsonObject(i).getString("field"));
        }
        assertEquals(List.of("2:line", "3:line", "4:external_id", "5:colour", "7:data"), got, r.body());
        // Repeats are found by SQL after the file is read, so they appear once the line-level errors are fixed.
        Http.Response repeats = upload(p, "{\"external_id\": \"x\", \"data\": {}}\n{\"external_id\": \"w\", \"data\": {}}\n"
                + "{\"external_id\": \"x\", \"data\": {\"again\": true}}\n", JSONL);
        assertEquals(422, repeats.status(), repeats.body());
        JsonObject e = repeats.json().getJsonArray("errors").getJsonObject(0);
        assertEquals(3, e.getInteger("line"));
        assertEquals("external_id", e.getString("field"));
        assertTrue(e.getString("reason").contains("line 1"), e.encode());
        assertEquals(0, items(p).size());
        // A project that already has items checks repeats before writing (a fresh one leaves it to the unique index).
        assertEquals(200, upload(p, "{\"external_id\": \"w\", \"data\": {}}\n", JSONL).status());
        Http.Response again = upload(p, "{\"external_id\": \"v\", \"data\": {}}\n{\"external_id\": \"w\", \"data\": {\"n\": 2}}\n"
                + "{\"external_id\": \"v\", \"data\": {}}\n", JSONL);
        assertEquals(422, again.status(), again.body());
        assertEquals(3, again.json().getJsonArray("errors").getJsonObject(0).getInteger("line"));
        assertEquals(1, items(p).size());
        assertEquals(new JsonObject(), items(p).get(0).getJsonObject("data"));
    }

    @Test
    @DisplayName("only the first 100 bad lines are listed, and the problem says there were more")
    void listsFirstHundredBadLines() {
        long p = sentiment();
        StringBuilder file = new StringBuilder();
        for (int i = 1; i <= 250; i++) {
            file.append("{\"external_id\": \"e").append(i).append("\", \"data\": {}, \"gold\": \"maybe\"}\n");
        }
        Http.Response r = upload(p, file.toString(), JSONL);
        assertEquals(422, r.status());
        JsonArray errors = r.json().getJsonArray("errors");
        assertEquals(100, errors.size());
        assertEquals(1, errors.getJsonObject(0).getInteger("line"));
        assertEquals(100, errors.getJsonObject(99).getInteger("line"));
        assertTrue(r.json().getString("detail").contains("at least 100"), r.json().getString("detail"));
    }

    @Test
    @DisplayName("gold is checked against the schema: single keys, multi key sets, rating 1..k")
    void goldMustFitTheSchema() {
        long single = sentiment();
        Http.Response r = upload(single, "{\"external_id\": \"a\", \"data\": {}, \"gold\": \"neutral\"}\n", JSONL);
        assertEquals(422, r.status());
        assertEquals("gold", r.json().getJsonArray("errors").getJsonObject(0).getString("field"));
        assertTrue(r.json().getJsonArray("errors").getJsonObject(0).getString("reason").contains("neutral"));

        long multi = project(engineer, "multi", "red", "green", "blue");
        assertEquals(422, upload(multi, "{\"external_id\": \"a\", \"data\": {}, \"gold\": \"red\"}\n", JSONL).status());
        assertEquals(422, upload(multi, "{\"external_id\": \"a\", \"data\": {}, \"gold\": [\"red\", \"red\"]}\n", JSONL).status());
        assertEquals(422, upload(multi, "{\"external_id\": \"a\", \"data\": {}, \"gold\": [\"pink\"]}\n", JSONL).status());
        assertEquals(200, upload(multi, "{\"external_id\": \"a\", \"data\": {}, \"gold\": [\"blue\", \"red\"]}\n", JSONL).status());
        assertEquals(new JsonArray().add("red").add("blue"), items(multi).get(0).getJsonArray("gold"), "stored in schema order");

        long rating = project(engineer, "rating", "1", "2", "3", "4", "5");
        assertEquals(422, upload(rating, "{\"external_id\": \"a\", \"data\": {}, \"gold\": 6}\n", JSONL).status());
        assertEquals(422, upload(rating, "{\"external_id\": \"a\", \"data\": {}, \"gold\": 2.5}\n", JSONL).status());
        assertEquals(422, upload(rating, "{\"external_id\": \"a\", \"data\": {}, \"gold\": \"3\"}\n", JSONL).status());
        assertEquals(200, upload(rating, "{\"external_id\": \"a\", \"data\": {}, \"gold\": 5}\n", JSONL).status());
        assertEquals(5, items(rating).get(0).getInteger("gold"));
    }

    @Test
    @DisplayName("Unicode survives: accents, CJK, right-to-left, emoji and astral characters, in ids and data")
    void unicodeSurvives() {
        long p = sentiment();
        String text = "Café – 日本語 – עברית – 😀👍🏽 – 𝔘𝔫𝔦𝔠𝔬𝔡𝔢";
        JsonObject line = new JsonObject().put("external_id", "ü-😀").put("data", new JsonObject().put("text", text).put("ключ", "значение"));
        assertEquals(200, upload(p, line.encode() + "\n", JSONL).status());
        JsonObject item = items(p).get(0);
        assertEquals("ü-😀", item.getString("external_id"));
        assertEquals(line.getJsonObject("data"), item.getJsonObject("data"));
    }

    @Test
    @DisplayName("an empty file, or one of blank lines only, imports nothing and answers 200 with zero counts")
    void emptyFile() {
        long p = sentiment();
        JsonObject zero = new JsonObject().put("items", 0).put("created", 0).put("updated", 0).put("unchanged", 0);
        assertEquals(zero, upload(p, "", JSONL).json());
        assertEquals(zero, upload(p, "\n\n  \n", JSONL).json());
        assertEquals(zero, upload(p, "", "text/csv").json());
        assertEquals(zero, upload(p, "external_id,text\r\n", "text/csv").json());
    }

    @Test
    @DisplayName("CSV: quoted commas, doubled quotes, line breaks inside quotes, CRLF and a BOM; other columns go into data")
    void csvEdgeCases() {
        long p = sentiment();
        String csv = "\uFEFFexternal_id,text,gold,note\r\n"
                + "c1,\"Hello, world\",pos,plain\r\n"
                + "c2,\"She said \"\"hi\"\"\",neg,\"\"\r\n"
                + "c3,\"line one\nline two\r\nline three\",,\"a,b\"\r\n"
                + "c4,ünïcödé 😀,pos,last";
        Http.Response r = upload(p, csv, "text/csv; charset=utf-8");
        assertEquals(200, r.status(), r.body());
        List<JsonObject> items = items(p);
        assertEquals(4, items.size());
        assertEquals(new JsonObject().put("text", "Hello, world").put("note", "plain"), items.get(0).getJsonObject("data"));
        assertEquals("pos", items.get(0).getString("gold"));
        assertEquals("She said \"hi\"", items.get(1).getJsonObject("data").getString("text"));
        assertEquals("", items.get(1).getJsonObject("data").getString("note"));
        assertEquals("line one\nline two\r\nline three", items.get(2).getJsonObject("data").getString("text"));
        assertNull(items.get(2).getValue("gold"));
        assertEquals("a,b", items.get(2).getJsonObject("data").getString("note"));
        assertEquals("ünïcödé 😀", items.get(3).getJsonObject("data").getString("text"));
    }

    @Test
    @DisplayName("CSV errors name the line a record starts on, counting line breaks inside quotes")
    void csvErrorsNameTheLine() {
        long p = sentiment();
        String csv = "external_id,text,gold\n"
                + "a,\"two\nlines\",pos\n"
                + "b,short\n"
                + "c,\"bad \"quote\",pos\n"
                + "d,fine,maybe\n"
                + "e,\"never closed,pos\n";
        Http.Response r = upload(p, csv, "text/csv");
        assertEquals(422, r.status(), r.body());
        JsonArray errors = r.json().getJsonArray("errors");
        List<Integer> lines = new ArrayList<>();
        for (int i = 0; i < errors.size(); i++) {
            lines.add(errors.getJsonObject(i).getInteger("line"));
        }
        assertEquals(List.of(4, 5, 6, 7), lines, r.body());
        Http.Response noId = upload(p, "id,text\n1,x\n", "text/csv");
        assertEquals(422, noId.status());
        assertEquals("external_id", noId.json().getString("field"));
        assertEquals(1, noId.json().getJsonArray("errors").getJsonObject(0).getInteger("line"));
        assertEquals(0, items(p).size());
    }

    @Test
    @DisplayName("a multi label in CSV is keys separated by '|', a rating is a number")
    void csvLabels() {
        long multi = project(engineer, "multi", "red", "green", "blue");
        assertEquals(200, upload(multi, "external_id,gold\nm1,green|red\nm2,\n", "text/csv").status());
        assertEquals(new JsonArray().add("red").add("green"), items(multi).get(0).getJsonArray("gold"));
        long rating = project(engineer, "rating", "1", "2", "3");
        assertEquals(200, upload(rating, "external_id,gold\nr1,3\n", "text/csv").status());
        assertEquals(3, items(rating).get(0).getInteger("gold"));
        assertEquals(422, upload(rating, "external_id,gold\nr1,three\n", "text/csv").status());
    }

    @Test
    @DisplayName("an unsupported Content-Type is 415 naming Content-Type; an unknown project is 404")
    void contentTypeAndProject() {
        long p = sentiment();
        Http.Response r = upload(p, "{}", "application/json");
        assertEquals(415, r.status(), r.body());
        assertEquals("Content-Type", r.json().getString("field"));
        assertEquals(404, upload(999999, "{\"external_id\": \"a\", \"data\": {}}\n", JSONL).status());
    }

    @Test
    @DisplayName("concurrent imports into one project both succeed, and every item gets its own seq")
    void concurrentImportsKeepSeqUnique() throws Exception {
        long p = sentiment();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<Http.Response>> runs = new ArrayList<>();
            for (String prefix : List.of("a", "b")) {
                StringBuilder file = new StringBuilder();
                for (int i = 0; i < 2000; i++) {
                    file.append("{\"external_id\": \"").append(prefix).append(i).append("\", \"data\": {}}\n");
                }
                runs.add(pool.submit(() -> upload(p, file.toString(), JSONL)));
            }
            for (java.util.concurrent.Future<Http.Response> r : runs) {
                assertEquals(200, r.get().status(), r.get().body());
            }
        } finally {
            pool.shutdown();
        }
        try (Connection c = TestDatabases.connect(server.databaseUrl()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*), count(distinct seq) from items where project_id = " + p)) {
            rs.next();
            assertEquals(4000, rs.getInt(1));
            assertEquals(4000, rs.getInt(2));
        }
    }

    @Test
    @DisplayName("the item listing pages by keyset on seq with next_after")
    void listingPages() throws Exception {
        long p = sentiment();
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            file.append("{\"external_id\": \"k").append(i).append("\", \"data\": {\"i\": ").append(i).append("}}\n");
        }
        assertEquals(200, upload(p, file.toString(), JSONL).status());
        List<String> seen = new ArrayList<>();
        String path = "/api/projects/" + p + "/items?limit=10";
        while (path != null) {
            JsonObject page = engineer.get(path).json();
            page.getJsonArray("items").forEach(o -> seen.add(((JsonObject) o).getString("external_id")));
            path = page.containsKey("next_after") ? "/api/projects/" + p + "/items?limit=10&after=" + page.getLong("next_after") : null;
        }
        assertEquals(25, seen.size());
        assertEquals("k0", seen.get(0));
        assertEquals("k24", seen.get(24));
        try (Connection c = TestDatabases.connect(server.databaseUrl()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("explain select * from items where project_id = " + p + " and seq > 10 order by seq limit 10")) {
            StringBuilder plan = new StringBuilder();
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
            assertTrue(!plan.toString().contains("Offset"), plan.toString());
        }
    }
}
