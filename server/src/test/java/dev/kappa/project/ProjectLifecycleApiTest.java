package dev.kappa.project;

import dev.kappa.support.Http;
import dev.kappa.support.TestDatabases;
import dev.kappa.support.TestServer;
import dev.kappa.support.Users;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Archive, restore and delete over real HTTP and PostgreSQL, and the bad inputs around them. */
class ProjectLifecycleApiTest {
    // No background rescoring: it would consume the other project's hardness marks while the test compares its rows.
    @RegisterExtension
    static final TestServer server = TestServer.perClass(java.util.Map.of("KAPPA_HARDNESS_INTERVAL_MS", "0"));
    static Http admin;

    @BeforeAll
    static void setUp() {
        admin = server.admin();
    }

    private static long project(String name) {
        Http.Response r = admin.post("/api/projects", new JsonObject().put("name", name)
                .put("schema", new JsonObject().put("kind", "single").put("labels", new JsonArray()
                        .add(new JsonObject().put("key", "pos").put("name", "Positive"))
                        .add(new JsonObject().put("key", "neg").put("name", "Negative"))))
                .put("overlap", new JsonObject().put("crowd", 1).put("expert", 0)).put("gold_rate", 0.0));
        assertEquals(201, r.status(), r.toString());
        return r.json().getLong("id");
    }

    private static void items(long project, int n) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < n; i++) {
            lines.append(new JsonObject().put("external_id", "i" + i).put("data", new JsonObject().put("text", "t" + i))
                    .put("gold", i % 2 == 0 ? "pos" : null).encode()).append('\n');
        }
        assertEquals(200, admin.post("/api/projects/" + project + "/items", lines.toString(), "application/x-ndjson").status());
    }

    private static List<Long> ids(Http.Response r, String array) {
        List<Long> out = new ArrayList<>();
        r.json().getJsonArray(array).forEach(o -> out.add(((JsonObject) o).getLong("id")));
        return out;
    }

    @Test
    void archiveHidesFromAnnotatorsAndListsKeepsRowsAndRestoreBringsItBack() throws SQLException {
        long project = project("archive me");
        items(project, 4);
        Users.Created ann = server.user("annotator", "crowd");
        assertEquals(201, admin.post("/api/projects/" + project + "/members", new JsonObject().put("user_id", ann.id())).status());
        assertTrue(ids(ann.http().get("/api/projects"), "projects").contains(project));
        long itemsBefore = count("items", project);

        Http.Response archived = admin.post("/api/projects/" + project + "/archive", new JsonObject());
        assertEquals(200, archived.status(), archived.toString());
        assertNotNull(archived.json().getString("archived_at"));
        String firstDate = archived.json().getString("archived_at");
        assertEquals(firstDate, admin.post("/api/projects/" + project + "/archive", new JsonObject()).json().getString("archived_at"),
                "archiving twice keeps the first date");

        assertTrue(!ids(ann.http().get("/api/projects"), "projects").contains(project), "hidden from the annotator's list");
        assertEquals(404, ann.http().get("/api/projects/" + project).status());
        assertEquals(404, ann.http().post("/api/projects/" + project + "/tasks/next", new JsonObject()).status(), "no tasks from it");
        assertTrue(!ids(admin.get("/api/projects?limit=1000"), "projects").contains(project), "hidden from lists by default");
        assertTrue(ids(admin.get("/api/projects?archived=only&limit=1000"), "projects").contains(project));
        assertTrue(ids(admin.get("/api/projects?archived=include&limit=1000"), "projects").contains(project));
        assertEquals(200, admin.get("/api/projects/" + project).status(), "managers can still open it, to restore it");
        assertEquals(itemsBefore, count("items", project), "every row is kept");
        assertEquals(1, count("project_members", project));

        Http.Response restored = admin.post("/api/projects/" + project + "/restore", new JsonObject());
        assertEquals(200, restored.status());
        assertNull(restored.json().getValue("archived_at"));
        assertTrue(ids(ann.http().get("/api/projects"), "projects").contains(project));
        assertEquals(200, ann.http().post("/api/projects/" + project + "/tasks/next", new JsonObject()).status());

        // Annotators may not archive, restore or delete, even in their own project.
        assertEquals(403, ann.http().post("/api/projects/" + project + "/archive", new JsonObject()).status());
        assertEquals(403, ann.http().post("/api/projects/" + project + "/restore", new JsonObject()).status());
        assertEquals(403, ann.http().delete("/api/projects/" + project + "?confirm=archive%20me").status());
        assertEquals(400, admin.get("/api/projects?archived=maybe").status());
    }

    @Test
    void deleteRemovesEveryRowWithTheProjectIdInEveryTableAndNothingElse() throws SQLException {
        long keep = project("keep me");
        items(keep, 3);
        long project = project("delete <me> & all");
        items(project, 6);
        String base = "/api/projects/" + project;
        assertEquals(200, admin.post(base + "/predictions?model=m&version=1",
                "{\"item\":\"i0\",\"label\":\"pos\",\"probs\":{\"pos\":0.9,\"neg\":0.1}}\n{\"item\":\"i1\",\"label\":\"neg\",\"probs\":{\"pos\":0.2,\"neg\":0.8}}\n",
                "application/x-ndjson").status());
        assertEquals(200, admin.post(base + "/answers/import",
                "{\"item\":\"i2\",\"annotator\":\"w-del-1\",\"tier\":\"crowd\",\"label\":\"pos\"}\n", "application/x-ndjson").status());
        Users.Created ann = server.user("annotator", "crowd");
        admin.post(base + "/members", new JsonObject().put("user_id", ann.id()));
        Http.Response task = ann.http().post(base + "/tasks/next", new JsonObject());
        assertEquals(200, task.status(), task.toString());
        String lease = task.json().getString("lease_id");
        assertEquals(201, ann.http().post("/api/leases/" + lease + "/answer", new JsonObject().put("label", "pos")).status());
        Http.Response second = ann.http().post(base + "/tasks/next", new JsonObject());
        assertEquals(204, ann.http().post("/api/leases/" + second.json().getString("lease_id") + "/skip",
                new JsonObject().put("reason", "unclear")).status());
        admin.send("PUT", base + "/hardness", java.net.http.HttpRequest.BodyPublishers.ofString("{\"strategy\":\"hardness\"}"), "application/json");
        admin.post(base + "/hardness/recompute", new JsonObject());

        Map<String, Long> before = countsByTable(project);
        for (String t : List.of("items", "answers", "predictions", "model_runs", "slots", "leases", "skips", "project_members")) {
            assertTrue(before.getOrDefault(t, 0L) > 0, "the project must have rows in " + t + " before: " + before);
        }
        Map<String, Long> keepBefore = countsByTable(keep);

        assertEquals(400, admin.delete(base).status(), "no typed confirmation");
        Http.Response wrong = admin.delete(base + "?confirm=delete");
        assertEquals(422, wrong.status());
        assertEquals("confirm", wrong.json().getString("field"));
        assertEquals(400, admin.delete(base + "?confirm=a%00b").status(), "NUL byte");
        assertEquals(countsByTable(project), before, "a refused delete deletes nothing");

        Http.Response deleted = admin.delete(base + "?confirm=" + URLEncoder.encode("delete <me> & all", StandardCharsets.UTF_8));
        assertEquals(204, deleted.status(), deleted.toString());
        Map<String, Long> after = countsByTable(project);
        after.values().removeIf(n -> n == 0);
        assertEquals(Map.of(), after, "rows left behind");
        assertEquals(0, scalar("select count(*) from projects where id = ?", project));
        assertEquals(keepBefore, countsByTable(keep), "another project is untouched");
        assertEquals(404, admin.get(base).status());
        assertEquals(404, admin.delete(base + "?confirm=x").status());
        assertEquals(404, admin.post(base + "/archive", new JsonObject()).status());
    }

    @Test
    void aPatchThatWaitedForADeletedProjectsRowLockAnswers404() throws Exception {
        long p = project("deleted while patched");
        // Hold the project's row lock in another transaction, start the PATCH (it waits for the lock), then delete the
        // project in the lock holder and commit: the PATCH wakes up to a row that is gone.
        try (Connection c = TestDatabases.connect(server.databaseUrl())) {
            c.setAutoCommit(false);
            try (PreparedStatement lock = c.prepareStatement("SELECT 1 FROM projects WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, p);
                lock.executeQuery();
            }
            var patch = java.util.concurrent.CompletableFuture.supplyAsync(() -> admin.patch("/api/projects/" + p,
                    new JsonObject().put("overlap", new JsonObject().put("crowd", 2))));
            Thread.sleep(500);
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM projects WHERE id = ?")) {
                delete.setLong(1, p);
                delete.executeUpdate();
            }
            c.commit();
            Http.Response r = patch.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(404, r.status(), r.toString());
            assertTrue(r.header("Content-Type").startsWith("application/problem+json"));
        }
    }

    @Test
    void foreignAndHugeIdsAre4xxProblems() {
        for (String path : List.of("/api/projects/99999999/archive", "/api/projects/99999999999999999999/archive",
                "/api/projects/-1/restore", "/api/projects/abc/archive")) {
            Http.Response r = admin.post(path, new JsonObject());
            assertTrue(r.status() == 404 || r.status() == 400, path + " " + r);
            assertTrue(r.header("Content-Type").startsWith("application/problem+json"), r.toString());
        }
    }

    /** Rows per table for the project, in every table of the live database that has a project_id column. */
    private static Map<String, Long> countsByTable(long project) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Connection c = TestDatabases.connect(server.databaseUrl());
             PreparedStatement s = c.prepareStatement("select table_name from information_schema.columns where table_schema = 'public' "
                     + "and column_name = 'project_id' order by table_name");
             ResultSet rs = s.executeQuery()) {
            List<String> tables = new ArrayList<>();
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
            for (String t : tables) {
                // The table name comes from the catalog, quoted as an identifier; the project id is bound.
                try (PreparedStatement q = c.prepareStatement("select count(*) from \"" + t.replace("\"", "\"\"") + "\" where project_id = ?")) {
                    q.setLong(1, project);
                    try (ResultSet r = q.executeQuery()) {
                        r.next();
                        out.put(t, r.getLong(1));
                    }
                }
            }
        }
        assertTrue(out.size() >= 15, "the catalog lists the project tables: " + out.keySet());
        return out;
    }

    private static long count(String table, long project) throws SQLException {
        return countsByTable(project).get(table);
    }

    private static long scalar(String sql, long arg) {
        try (Connection c = TestDatabases.connect(server.databaseUrl()); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, arg);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
