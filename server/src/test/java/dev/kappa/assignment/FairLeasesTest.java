package dev.kappa.assignment;

import dev.kappa.support.Http;
import dev.kappa.support.Projects;
import dev.kappa.support.TestDatabases;
import dev.kappa.support.TestServer;
import dev.kappa.support.Users;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 14: an annotator holds at most max_open_leases open leases per project; asking for more repeats the oldest. */
class FairLeasesTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    static JsonObject next(Users.Created u, long project) {
        Http.Response r = u.http().post("/api/projects/" + project + "/tasks/next", new JsonObject());
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    static long openLeases(long project, long user) {
        try (Connection c = TestDatabases.connect(server.databaseUrl()); ResultSet rs = c.createStatement().executeQuery(
                "select count(*) from leases where closed_at is null and expires_at > now() and project_id = " + project + " and annotator_id = " + user)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("by default two open leases (current + prefetched); the third request returns the oldest lease again; answering it frees a place")
    void thirdRequestRepeatsTheOldest() {
        long p = Projects.create(server, new JsonObject().put("overlap", new JsonObject().put("crowd", 1).put("expert", 0)));
        Projects.items(server, p, 10, 0);
        assertEquals(2, server.admin().get("/api/projects/" + p).json().getInteger("max_open_leases"));
        Users.Created u = server.user("annotator", "crowd");
        Projects.addMember(server, p, u.id());
        JsonObject first = next(u, p);
        JsonObject second = next(u, p);
        assertNotEquals(first.getString("lease_id"), second.getString("lease_id"));
        JsonObject third = next(u, p);
        assertEquals(first.getString("lease_id"), third.getString("lease_id"));
        assertEquals(first.getJsonObject("item"), third.getJsonObject("item"));
        assertEquals(first.getString("expires_at"), third.getString("expires_at"));
        assertEquals(2, openLeases(p, u.id()));
        assertEquals(201, u.http().post("/api/leases/" + first.getString("lease_id") + "/answer", new JsonObject().put("label", "pos")).status());
        JsonObject fourth = next(u, p);
        assertTrue(!fourth.getString("lease_id").equals(first.getString("lease_id")) && !fourth.getString("lease_id").equals(second.getString("lease_id")),
                "a new slot once a lease is answered");
        assertEquals(second.getString("lease_id"), next(u, p).getString("lease_id"), "then the oldest open one again");
    }

    @Test
    @DisplayName("20 concurrent next-task requests from one annotator (cap 3) hold exactly 3 leases; the project setting is validated")
    void concurrentRequestsNeverExceedTheCap() throws Exception {
        long p = Projects.create(server, new JsonObject().put("overlap", new JsonObject().put("crowd", 1).put("expert", 0)).put("max_open_leases", 3));
        Projects.items(server, p, 50, 0);
        Users.Created u = server.user("annotator", "crowd");
        Projects.addMember(server, p, u.id());
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<CompletableFuture<JsonObject>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> next(u, p), pool));
            }
            Set<String> leases = new HashSet<>();
            for (CompletableFuture<JsonObject> c : calls) {
                leases.add(c.get().getString("lease_id"));
            }
            assertEquals(3, leases.size(), "distinct leases handed out: " + leases);
        } finally {
            pool.shutdown();
        }
        assertEquals(3, openLeases(p, u.id()));
        assertEquals(422, server.admin().patch("/api/projects/" + p, new JsonObject().put("max_open_leases", 0)).status());
        assertEquals(422, server.admin().patch("/api/projects/" + p, new JsonObject().put("max_open_leases", "2")).status());
        assertEquals(200, server.admin().patch("/api/projects/" + p, new JsonObject().put("max_open_leases", 1)).status());
    }
}
