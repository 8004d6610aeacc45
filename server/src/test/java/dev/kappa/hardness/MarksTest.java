package dev.kappa.hardness;

import dev.kappa.support.TestDatabases;
import dev.kappa.support.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dirty marks: a recompute consumes only what it saw, so a change committed meanwhile is never lost. */
class MarksTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of("KAPPA_HARDNESS_INTERVAL_MS", "0"));

    private static long count(String sql) throws Exception {
        try (Connection c = TestDatabases.connect(server.databaseUrl()); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    @DisplayName("an answer committed after a recompute read its snapshot keeps its mark, and the next recompute scores it")
    void changeDuringRecomputeIsNotLost() throws Exception {
        HardProject p = HardProject.create(server, List.of("a", "b"), 3);
        p.items("""
                {"external_id": "x0", "data": {}}
                """).predictions("v1", """
                {"item": "x0", "label": "a", "probs": {"a": 0.9, "b": 0.1}}
                """).answers("""
                {"item": "x0", "annotator": "w1", "tier": "crowd", "label": "a"}
                """);
        assertTrue(p.get("/hardness").getBoolean("pending"));
        p.recompute();
        assertFalse(p.get("/hardness").getBoolean("pending"));
        long item = count("select id from items where project_id = " + p.id);
        long worker = count("select id from users where external_id = 'w1'");
        try (Connection writer = TestDatabases.connect(server.databaseUrl()); Statement s = writer.createStatement()) {
            writer.setAutoCommit(false);
            s.execute("insert into answers (project_id, item_id, annotator_id, tier, label, source) values ("
                    + p.id + ", " + item + ", " + worker + ", 'crowd', '\"b\"', 'import')");
            // The recompute runs while the answer is written but not committed: it cannot see it.
            JsonObject during = p.recompute();
            assertTrue(during.getBoolean("done"));
            writer.commit();
        }
        assertEquals(1, count("select count(*) from hardness_marks where project_id = " + p.id), "the late answer's mark survived");
        assertTrue(p.get("/hardness").getBoolean("pending"));
        assertEquals(1, p.byItem("").getJsonObject("x0").getJsonObject("consensus").getInteger("answers"));
        p.recompute();
        assertEquals(2, p.byItem("").getJsonObject("x0").getJsonObject("consensus").getInteger("answers"));
        assertFalse(p.get("/hardness").getBoolean("pending"));
    }

    @Test
    @DisplayName("writes mark the project; the scorer's own priority writes and unrelated item updates do not")
    void whatMarks() throws Exception {
        HardProject p = HardProject.create(server, List.of("a", "b"), 1);
        p.items("""
                {"external_id": "x0", "data": {}}
                {"external_id": "x1", "data": {}}
                """).predictions("v1", """
                {"item": "x0", "label": "a", "probs": {"a": 0.6, "b": 0.4}}
                {"item": "x1", "label": "a", "probs": {"a": 0.9, "b": 0.1}}
                """);
        p.settings(new JsonObject().put("strategy", "uncertainty"));
        JsonObject first = p.recompute();
        assertEquals(2, first.getInteger("priorities_changed"));
        assertEquals(0, count("select count(*) from hardness_marks where project_id = " + p.id), "priority writes leave no mark");
        try (Connection c = TestDatabases.connect(server.databaseUrl()); Statement s = c.createStatement()) {
            s.execute("update items set meta = '{\"x\": 1}' where project_id = " + p.id);
            assertEquals(0, count("select count(*) from hardness_marks where project_id = " + p.id), "meta is not an input");
            s.execute("update items set gold = '\"b\"' where project_id = " + p.id + " and external_id = 'x1'");
            assertEquals(1, count("select count(*) from hardness_marks where project_id = " + p.id), "gold is");
        }
        p.recompute();
        assertEquals(1.0, p.byItem("").getJsonObject("x1").getJsonObject("signals").getDouble("gold_conflict"));
    }
}
