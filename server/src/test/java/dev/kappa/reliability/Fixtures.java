package dev.kappa.reliability;

import dev.kappa.support.Http;
import dev.kappa.support.Projects;
import dev.kappa.support.TestDatabases;
import dev.kappa.support.TestServer;
import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A labeling project with annotators holding tokens, and the checks every reliability run ends with. */
final class Fixtures {
    private Fixtures() {
    }

    static long project(TestServer server, int items, int overlap) {
        long p = Projects.create(server, new JsonObject().put("overlap", new JsonObject().put("crowd", overlap).put("expert", 0))
                .put("lease_ttl_seconds", 10));
        Projects.items(server, p, items, 0);
        return p;
    }

    static List<String> annotators(TestServer server, long project, int n) {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Http.Response u = server.admin().post("/api/users", new JsonObject().put("external_id", "r" + System.nanoTime() + "-" + i)
                    .put("role", "annotator").put("tier", "crowd"));
            long id = u.json().getLong("id");
            Projects.addMember(server, project, id);
            tokens.add(server.admin().post("/api/users/" + id + "/tokens", new JsonObject().put("name", "load")).json().getString("token"));
        }
        return tokens;
    }

    static long count(String databaseUrl, String sql) throws Exception {
        try (Connection c = TestDatabases.connect(databaseUrl); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** True once every item has exactly its overlap of answers. */
    static boolean complete(String databaseUrl, long project, int items, int overlap) throws Exception {
        return count(databaseUrl, "select count(*) from answers where project_id = " + project) == (long) items * overlap;
    }

    /** Nothing acknowledged is lost, nothing is stored twice, every item ends with exactly its overlap. */
    static void assertExact(String databaseUrl, long project, int items, int overlap, Annotators load) throws Exception {
        String p = String.valueOf(project);
        assertEquals(0, count(databaseUrl, "select count(*) from (select item_id from answers where project_id = " + p
                + " group by item_id having count(*) <> " + overlap + ") x"), "items without exactly their overlap");
        assertEquals(items, count(databaseUrl, "select count(distinct item_id) from answers where project_id = " + p));
        assertEquals(0, count(databaseUrl, "select count(*) from (select 1 from answers where project_id = " + p
                + " group by item_id, annotator_id having count(*) > 1) x"), "duplicate answers");
        assertEquals(0, count(databaseUrl, "select count(*) from (select 1 from answers where project_id = " + p
                + " group by lease_id having count(*) > 1) x"), "two answers on one lease");
        String ids = load.acknowledged.isEmpty() ? "0" : String.join(",", load.acknowledged.stream().map(String::valueOf).toList());
        assertEquals(load.acknowledged.size(), count(databaseUrl, "select count(*) from answers where project_id = " + p + " and id in (" + ids + ")"),
                "acknowledged answers lost");
        assertEquals(load.acknowledged.size(), count(databaseUrl, "select count(*) from answers where project_id = " + p),
                "stored answers nobody was told about");
    }
}
