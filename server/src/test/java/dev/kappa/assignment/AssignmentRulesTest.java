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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AssignmentRulesTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    private static Users.Created annotator(long project, String tier) {
        return server.annotator(tier, project);
    }

    private static JsonObject next(Users.Created u, long project) {
        Http.Response r = u.http().post("/api/projects/" + project + "/tasks/next", new JsonObject());
        if (r.status() == 204) {
            return null;
        }
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private static Http.Response submit(Users.Created u, JsonObject task, Object label) {
        return u.http().post("/api/leases/" + task.getString("lease_id") + "/answer", new JsonObject().put("label", label).put("duration_ms", 1200));
    }

    private static long scalar(String sql) {
        try (Connection c = TestDatabases.connect(server.databaseUrl()); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("each item gets exactly its crowd overlap, and no annotator ever gets an item twice")
    void overlapAndNoRepeats() {
        long p = Projects.create(server, new JsonObject().put("overlap", new JsonObject().put("crowd", 2).put("expert", 0)));
        Projects.items(server, p, 5, 0);
        List<Users.Created> crowd = List.of(annotator(p, "crowd"), annotator(p, "crowd"), annotator(p, "crowd"));
        for (Users.Created u : crowd) {
            Set<String> seen = new HashSet<>();
            JsonObject t;
            while ((t = next(u, p)) != null) {
                assertTrue(seen.add(t.getJsonObject("item").getString("external_id")), "served twice: " + t);
                assertEquals(201, submit(u, t, "pos").status());
            }
        }
        assertEquals(10, scalar("select count(*) from answers where project_id = " + p));
        assertEquals(0, scalar("select count(*) from (select item_id from answers where project_id = " + p + " group by item_id having count(*) <> 2) x"));
    }

    @Test
    @DisplayName("a task shows the item's data only: no gold, no meta, no hint that it is a gold check")
    void tasksAreBlind() {
        long p = Projects.create(server, new JsonObject().put("overlap", new JsonObject().put("crowd", 1).put("expert", 0)));
        Projects.items(server, p, 1, 1);
        JsonObject t = next(annotator(p, "crowd"), p);
        assertEquals(Set.of("id", "external_id", "data"), t.getJsonObject("item").fieldNames());
        assertFalse(t.encode().contains("gold"));
        assertNull(t.getValue("prediction"));
    }

    @Test
    @DisplayName("an expired lease frees the slot: another annotator gets it, and the late submit gets a 409 that says why")
    void leaseExpiryFreesTheSlot() {
        long p = Projects.create(server, new JsonObject().put("overlap", new JsonObject().put("crowd", 1).put("expert", 0)));
        Projects.items(server, p, 1, 0);
        Users.Created a = annotator(p, "crowd");
        Users.Created b = annotator(p, "crowd");
        JsonObject ta = next(a, p);
        assertNull(next(b, p), "the only slot is leased");
        expireLeases(p);
        JsonObject tb = next(b, p);
        assertEquals(ta.getJsonObject("item").getLong("id"), tb.getJsonObject("item").getLong("id"));
        Http.Response late = submit(a, ta, "pos");
        assertEquals(409, late.status(), late.body());
        assertTrue(late.json().getString("detail").contains("expired"));
        assertEquals(201, submit(b, tb, "neg").status());
    }

    @Test
    @DisplayName("a submit after expiry is accepted while nobody has taken the slot")
    void lateSubmitWhileSlotFree() {
        long p = Projects.create(server, new JsonObject().put("overlap", new JsonObject().put("crowd", 1).put("expert", 0)));
        Projects.items(server, p, 1, 0);
        Users.Created a = annotator(p, "crowd");
        JsonObject t = next(a, p);
        expireLeases(p);
        assertEquals(201, submit(a, t, "pos").status());
        assertNull(next(annotator(p, "crowd"), p), "the slot is filled");
    }

    @Test
    @DisplayName("submitting twice with the same lease returns the same answer and writes one row; a non-holder gets 404")
    void idempotentSubmitAndHolderOnly() {
        long p = Projects.create(server, new JsonObject().put("overlap", new JsonObject().put("crowd", 1).put("expert", 0)));
        Projects.items(server, p, 1, 0);
        Users.Created a = annotator(p, "crowd");
        JsonObject t = next(a, p);
        Http.Response intruder = submit(annotator(p, "crowd"), t, "pos");
        assertEquals(404, intruder.status(), intruder.body());
        Http.Response first = submit(a, t, "pos");
        Http.Response again = submit(a, t, "pos");
        assertEquals(201, first.status(), first.body());
        assertEquals(200, again.status(), again.body());
        assertEquals(first.json().getLong("answer_id"), again.json().getLong("answer_id"));
        assertTrue(again.json().getBoolean("replayed"));
        assertEquals(1, scalar("select count(*) from answers where project_id = " + p));
    }

    @Test
    @DisplayName("a label outside the schema is a 422 naming the label field, and the lease stays usable")
    void labelValidated() {
        long p = Projects.create(server, new JsonObject().put("overlap", new JsonObject().put("crowd", 1).put("expert", 0)));
        Projects.items(server, p, 1, 0);
        Users.Created a = annotator(p, "crowd");
        JsonObject t = next(a, p);
        Http.Response bad = submit(a, t, "maybe");
        assertEquals(422, bad.status(), bad.body());
        assertEquals("label", bad.json().getString("field"));
        assertEquals(201, submit(a, t, "neg").status());
    }

    @Test
    @DisplayName("a skipped item goes back to the pool but never to the same annotator; a release gives the slot back at once")
    void skipAndRelease() {
        long p = Projects.create(server, new JsonObject().put("overlap", new JsonObject().put("crowd", 1).put("expert", 0)));
        Projects.items(server, p, 1, 0);
        Users.Created a = annotator(p, "crowd");
        Users.Created b = annotator(p, "crowd");
        JsonObject t = next(a, p);
        assertEquals(422, a.http().post("/api/leases/" + t.getString("lease_id") + "/skip", new JsonObject()).status(), "reason is required");
        assertEquals(204, a.http().post("/api/leases/" + t.getString("lease_id") + "/skip", new JsonObject().put("reason", "unreadable")).status());
        assertNull(next(a, p), "never back to the annotator who skipped");
        JsonObject tb = next(b, p);
        assertEquals(t.getJsonObject("item").getLong("id"), tb.getJsonObject("item").getLong("id"));
        assertEquals(204, b.http().post("/api/leases/" + tb.getString("lease_id") + "/release", new JsonObject()).status());
        JsonObject again = next(b, p);
        assertEquals(t.getJsonObject("item").getLong("id"), again.getJsonObject("item").getLong("id"), "released, so it may come back");
        assertEquals(409, submit(b, tb, "pos").status(), "a released lease cannot be answered");
    }

    @Test
    @DisplayName("a paused annotator and one over the daily quota get nothing, and the header says why")
    void pausedAndQuota() {
        long p = Projects.create(server, new JsonObject().put("overlap", new JsonObject().put("crowd", 1).put("expert", 0)).put("daily_quota", 2));
        Projects.items(server, p, 5, 0);
        Users.Created a = annotator(p, "crowd");
        assertEquals(201, submit(a, next(a, p), "pos").status());
        assertEquals(201, submit(a, next(a, p), "pos").status());
        Http.Response over = a.http().post("/api/projects/" + p + "/tasks/next", new JsonObject());
        assertEquals(204, over.status());
        assertEquals("quota", over.header("Kappa-No-Task-Reason"));
        Users.Created b = annotator(p, "crowd");
        server.admin().patch("/api/users/" + b.id(), new JsonObject().put("status", "paused"));
        Http.Response paused = b.http().post("/api/projects/" + p + "/tasks/next", new JsonObject());
        assertEquals(204, paused.status());
        assertEquals("paused", paused.header("Kappa-No-Task-Reason"));
    }

    @Test
    @DisplayName("expert slots open exactly when the crowd disagrees below the threshold or its majority contradicts gold")
    void escalation() {
        long p = Projects.create(server, new JsonObject().put("overlap", new JsonObject().put("crowd", 3).put("expert", 1))
                .put("escalation", new JsonObject().put("min_agreement", 0.7).put("on_gold_conflict", true)));
        Projects.items(server, p, 4, 0);
        // x3 has gold "pos" (gold_rate is 0, so it is labeled like any item)
        server.kappa().db().inTx(tx -> tx.execute("update items set gold = '\"pos\"' where project_id = ? and external_id = ?", p, "x3"));
        List<Users.Created> crowd = List.of(annotator(p, "crowd"), annotator(p, "crowd"), annotator(p, "crowd"));
        Users.Created expert = annotator(p, "expert");
        assertNull(next(expert, p), "no expert slot before the crowd is done");
        // x0: unanimous; x1: 2-1 split (share .67 < .7); x2: unanimous; x3: unanimous but against gold
        String[][] votes = {{"pos", "pos", "pos"}, {"pos", "pos", "neg"}, {"neg", "neg", "neg"}, {"neg", "neg", "neg"}};
        for (int k = 0; k < 3; k++) {
            JsonObject t;
            while ((t = next(crowd.get(k), p)) != null) {
                int item = Integer.parseInt(t.getJsonObject("item").getString("external_id").substring(1));
                assertEquals(201, submit(crowd.get(k), t, votes[item][k]).status());
            }
        }
        List<String> served = new ArrayList<>();
        JsonObject t;
        while ((t = next(expert, p)) != null) {
            served.add(t.getJsonObject("item").getString("external_id"));
            assertEquals(201, submit(expert, t, "pos").status());
        }
        assertEquals(List.of("x1", "x3"), served);
        assertEquals(1, scalar("select count(*) from items where project_id = " + p + " and escalation_reason = 'crowd_disagreement'"));
        assertEquals(1, scalar("select count(*) from items where project_id = " + p + " and escalation_reason = 'gold_conflict'"));
    }

    @Test
    @DisplayName("the baseline sample gets both tiers from the start, and expert-only projects serve every item to experts")
    void baselineSampleAndExpertOnly() {
        long p = Projects.create(server, new JsonObject().put("overlap", new JsonObject().put("crowd", 1).put("expert", 1)).put("baseline_sample_rate", 0.5));
        Projects.items(server, p, 10, 0);
        long sampled = scalar("select count(*) from items where project_id = " + p + " and sample_key < 0.5");
        assertTrue(sampled > 0 && sampled < 10);
        Users.Created expert = annotator(p, "expert");
        int served = 0;
        JsonObject t;
        while ((t = next(expert, p)) != null) {
            served++;
            assertEquals(201, submit(expert, t, "pos").status());
        }
        assertEquals(sampled, served);
        Users.Created crowd = annotator(p, "crowd");
        int crowdServed = 0;
        while ((t = next(crowd, p)) != null) {
            crowdServed++;
            submit(crowd, t, "pos");
        }
        assertEquals(10, crowdServed, "crowd slots are open on every item, sampled or not");

        long only = Projects.create(server, new JsonObject().put("overlap", new JsonObject().put("crowd", 0).put("expert", 1)).put("expert_on_all", true));
        Projects.items(server, only, 3, 0);
        assertNull(next(annotator(only, "crowd"), only));
        Users.Created e2 = annotator(only, "expert");
        int n = 0;
        while ((t = next(e2, only)) != null) {
            n++;
            submit(e2, t, "neg");
        }
        assertEquals(3, n);
    }

    @Test
    @DisplayName("crowd annotators get gold checks at the project's gold rate, within statistical tolerance")
    void goldRate() {
        long p = Projects.create(server, new JsonObject().put("overlap", new JsonObject().put("crowd", 1).put("expert", 0)).put("gold_rate", 0.3));
        Projects.items(server, p, 600, 3); // 200 gold checks, 400 ordinary items
        Users.Created a = annotator(p, "crowd");
        int gold = 0;
        int total = 300;
        for (int i = 0; i < total; i++) {
            JsonObject t = next(a, p);
            int idx = Integer.parseInt(t.getJsonObject("item").getString("external_id").substring(1));
            if (idx % 3 == 0) {
                gold++;
            }
            submit(a, t, "pos");
        }
        double share = (double) gold / total;
        // Binomial(300, 0.3): sd 0.026; 4 sd either side.
        assertTrue(Math.abs(share - 0.3) < 0.106, "gold share " + share);
        assertEquals(0, scalar("select count(*) from (select item_id from answers where project_id = " + p + " group by item_id, annotator_id having count(*) > 1) x"));
    }

    @Test
    @DisplayName("priority and breadth-first order: items in progress come before new ones, then higher priority, then import order")
    void order() {
        long p = Projects.create(server, new JsonObject().put("overlap", new JsonObject().put("crowd", 2).put("expert", 0)));
        Projects.items(server, p, 3, 0);
        server.kappa().db().inTx(tx -> tx.execute("update slots set priority = 5 where project_id = ? and item_id = (select id from items where project_id = ? and external_id = 'x2')", p, p));
        Users.Created a = annotator(p, "crowd");
        Users.Created b = annotator(p, "crowd");
        Users.Created c = annotator(p, "crowd");
        assertEquals("x2", next(a, p).getJsonObject("item").getString("external_id"));
        server.kappa().db().inTx(tx -> tx.execute("update slots set priority = 9 where project_id = ? and item_id = (select id from items where project_id = ? and external_id = 'x1')", p, p));
        assertEquals("x2", next(b, p).getJsonObject("item").getString("external_id"), "x2 is in progress, so it is finished first");
        assertEquals("x1", next(c, p).getJsonObject("item").getString("external_id"));
    }

    @Test
    @DisplayName("only members get tasks (others 404) and only annotators take them (403)")
    void access() {
        long p = Projects.create(server, new JsonObject());
        Projects.items(server, p, 1, 0);
        assertEquals(404, server.user("annotator", "crowd").http().post("/api/projects/" + p + "/tasks/next", new JsonObject()).status());
        dev.kappa.support.Users.Created engineer = server.user("engineer", null);
        assertEquals(404, engineer.http().post("/api/projects/" + p + "/tasks/next", new JsonObject()).status(), "not their project");
        Projects.addManager(server, p, engineer.id());
        assertEquals(403, engineer.http().post("/api/projects/" + p + "/tasks/next", new JsonObject()).status());
        assertEquals(401, server.http().post("/api/projects/" + p + "/tasks/next", new JsonObject()).status());
        assertNotEquals(500, server.user("annotator", "crowd").http().post("/api/leases/garbage/answer", new JsonObject().put("label", "pos")).status());
    }

    @Test
    @DisplayName("items imported over the API get their slots in the import, and a re-import does not add more")
    void importedItemsAreServed() {
        long p = Projects.create(server, new JsonObject().put("overlap", new JsonObject().put("crowd", 2).put("expert", 0)));
        String jsonl = "{\"external_id\": \"a\", \"data\": {\"text\": \"one\"}}\n{\"external_id\": \"b\", \"data\": {\"text\": \"two\"}}\n";
        for (int i = 0; i < 2; i++) {
            Http.Response r = server.admin().post("/api/projects/" + p + "/items", jsonl, "application/x-ndjson");
            assertEquals(200, r.status(), r.body());
        }
        assertEquals(2, scalar("select count(*) from slots where project_id = " + p), "one free row per item; the next is made when it is taken");
        Users.Created a = annotator(p, "crowd");
        assertEquals("a", next(a, p).getJsonObject("item").getString("external_id"));
    }

    @Test
    @DisplayName("undo takes back an answer while its lease lives: the lease can answer again, an escalation it caused is withdrawn; after expiry, 409")
    void undo() {
        long p = Projects.create(server, new JsonObject().put("overlap", new JsonObject().put("crowd", 2).put("expert", 1))
                .put("escalation", new JsonObject().put("min_agreement", 0.9)));
        Projects.items(server, p, 1, 0);
        Users.Created a = annotator(p, "crowd");
        Users.Created b = annotator(p, "crowd");
        assertEquals(201, submit(a, next(a, p), "pos").status());
        JsonObject tb = next(b, p);
        assertEquals(201, submit(b, tb, "neg").status());
        assertEquals(1, scalar("select count(*) from slots where project_id = " + p + " and tier = 'expert'"), "1-1 split escalates");
        Http.Response undone = b.http().delete("/api/leases/" + tb.getString("lease_id") + "/answer");
        assertEquals(200, undone.status(), undone.body());
        assertEquals(1, scalar("select count(*) from answers where project_id = " + p));
        assertEquals(0, scalar("select count(*) from slots where project_id = " + p + " and tier = 'expert'"), "escalation withdrawn");
        assertEquals(0, scalar("select count(*) from items where project_id = " + p + " and escalated_at is not null"));
        assertEquals(201, submit(b, tb, "pos").status(), "the same lease answers again");
        assertEquals(0, scalar("select count(*) from items where project_id = " + p + " and escalated_at is not null"));
        assertEquals(404, a.http().delete("/api/leases/" + tb.getString("lease_id") + "/answer").status(), "someone else's lease is not found");
        expireLeases(p);
        assertEquals(409, b.http().delete("/api/leases/" + tb.getString("lease_id") + "/answer").status());
    }

    private static void expireLeases(long p) {
        server.kappa().db().inTx(tx -> {
            tx.execute("update slots set expires_at = now() - interval '1 second' where project_id = ? and expires_at is not null", p);
            return tx.execute("update leases set expires_at = now() - interval '1 second' where project_id = ?", p);
        });
    }
}
