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

import dev.kappa.support.Datasets;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.sql.ResultSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 14: imported answers take slots of their tier, complete items and escalate them, like live answers. */
class ImportedAnswersTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    static Users.Created annotator(long project, String tier) {
        return server.annotator(tier, project);
    }

    static JsonObject next(Users.Created u, long project) {
        Http.Response r = u.http().post("/api/projects/" + project + "/tasks/next", new JsonObject());
        if (r.status() == 204) {
            return null;
        }
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    static JsonObject importAnswers(long project, String query, String csv) {
        Http.Response r = server.admin().post("/api/projects/" + project + "/answers/import" + query, csv, "text/csv");
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    static JsonObject progress(long project) {
        Http.Response r = server.admin().get("/api/projects/" + project + "/progress");
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    static long scalar(String sql) {
        try (Connection c = TestDatabases.connect(server.databaseUrl()); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("crowd overlap 1 and one imported answer per item: every item is complete and none is served again")
    void importedAnswersCompleteItems() {
        long p = Projects.create(server, new JsonObject().put("overlap", new JsonObject().put("crowd", 1).put("expert", 0)));
        Projects.items(server, p, 4, 0);
        JsonObject r = importAnswers(p, "", "item,annotator,tier,label\nx0,w1,crowd,pos\nx1,w1,crowd,neg\nx2,w2,crowd,pos\nx3,w2,crowd,pos\n");
        assertEquals(4, r.getInteger("answers"));
        assertEquals(true, r.getBoolean("slots_filled"));
        JsonObject crowd = progress(p).getJsonObject("tiers").getJsonObject("crowd");
        assertEquals(4, crowd.getInteger("items_complete"), crowd.encode());
        assertEquals(0, crowd.getInteger("items_not_started"), crowd.encode());
        assertNull(next(annotator(p, "crowd"), p), "every item is complete: nothing to serve");
    }

    @Test
    @DisplayName("fill_slots=false keeps past answers out of the queue: items stay not started and are served")
    void fillSlotsFalseKeepsTheOldBehaviour() {
        long p = Projects.create(server, new JsonObject().put("overlap", new JsonObject().put("crowd", 1).put("expert", 0)));
        Projects.items(server, p, 2, 0);
        JsonObject r = importAnswers(p, "?fill_slots=false", "item,annotator,tier,label\nx0,w1,crowd,pos\nx1,w1,crowd,neg\n");
        assertEquals(false, r.getBoolean("slots_filled"));
        assertEquals(2, progress(p).getJsonObject("tiers").getJsonObject("crowd").getInteger("items_not_started"));
        assertNotNull(next(annotator(p, "crowd"), p));
        assertEquals(400, server.admin().post("/api/projects/" + p + "/answers/import?fill_slots=maybe",
                "item,annotator,tier,label\nx0,w1,crowd,pos\n", "text/csv").status());
    }

    @Test
    @DisplayName("a partly answered item (overlap 3, 2 imported, one of them a worker's repeat) gets its remaining slots from live annotators")
    void partlyAnsweredItemsStayOpen() {
        long p = Projects.create(server, new JsonObject().put("overlap", new JsonObject().put("crowd", 3).put("expert", 0)));
        Projects.items(server, p, 1, 0);
        // w1 answered twice (a repeat: two answers, one slot), w2 once: two slots filled, one left.
        importAnswers(p, "", "item,annotator,tier,label\nx0,w1,crowd,pos\nx0,w1,crowd,pos\nx0,w2,crowd,pos\n");
        assertEquals(2, scalar("select count(*) from slots where project_id = " + p + " and answer_id is not null"));
        JsonObject crowd = progress(p).getJsonObject("tiers").getJsonObject("crowd");
        assertEquals(1, crowd.getInteger("items_in_progress"), crowd.encode());
        Users.Created a = annotator(p, "crowd");
        JsonObject t = next(a, p);
        assertNotNull(t, "one crowd slot is still open");
        assertEquals(201, a.http().post("/api/leases/" + t.getString("lease_id") + "/answer", new JsonObject().put("label", "pos")).status());
        assertNull(next(annotator(p, "crowd"), p), "the third slot was the last");
        assertEquals(1, progress(p).getJsonObject("tiers").getJsonObject("crowd").getInteger("items_complete"));
    }

    @Test
    @DisplayName("escalation is judged once after the import over all crowd answers: a 2-1 split escalates (min agreement .7), 3-0 and gold-consistent items do not")
    void importedDisagreementEscalates() {
        long p = Projects.create(server, new JsonObject().put("overlap", new JsonObject().put("crowd", 3).put("expert", 1))
                .put("escalation", new JsonObject().put("min_agreement", 0.7).put("on_gold_conflict", true)));
        Projects.items(server, p, 3, 3); // x0 has gold "pos"
        importAnswers(p, "", """
                item,annotator,tier,label
                x0,w1,crowd,neg
                x0,w2,crowd,neg
                x0,w3,crowd,neg
                x1,w1,crowd,pos
                x1,w2,crowd,neg
                x1,w3,crowd,pos
                x2,w1,crowd,pos
                x2,w2,crowd,pos
                x2,w3,crowd,pos
                """);
        assertEquals("gold_conflict", text("select escalation_reason from items where project_id = " + p + " and external_id = 'x0'"));
        assertEquals("crowd_disagreement", text("select escalation_reason from items where project_id = " + p + " and external_id = 'x1'"));
        assertNull(text("select escalation_reason from items where project_id = " + p + " and external_id = 'x2'"));
        assertEquals(2, progress(p).getLong("items_escalated"));
        Users.Created expert = annotator(p, "expert");
        JsonObject t = next(expert, p);
        assertNotNull(t);
        assertTrue(t.getJsonObject("item").getString("external_id").matches("x[01]"), t.encode());
    }

    @Test
    @DisplayName("done-when: crowd_web (15,567 real answers) imported as past answers with crowd overlap 6 (its votes per item): "
            + "items with 6 votes are complete, the rest in progress, and exactly the low-agreement items escalate")
    void realCrowdSetComesOutCompleteAndEscalates() {
        List<String[]> rows = Datasets.rows("crowd_web/web_crowd.txt", "\t");
        Map<String, Map<String, Integer>> votes = new TreeMap<>();
        StringBuilder answers = new StringBuilder("item,annotator,tier,label\n");
        for (String[] r : rows) {
            votes.computeIfAbsent(r[0], k -> new TreeMap<>()).merge(r[2], 1, Integer::sum);
            answers.append("web-").append(r[0]).append(",web-w").append(r[1]).append(",crowd,").append(r[2]).append('\n');
        }
        StringBuilder items = new StringBuilder("external_id,text\n");
        votes.keySet().forEach(i -> items.append("web-").append(i).append(",query-document pair ").append(i).append('\n'));
        // Independently of the server: items with 6 votes are complete; those whose top label has < .7 of them escalate.
        long complete = 0;
        long escalate = 0;
        for (Map<String, Integer> v : votes.values()) {
            int total = v.values().stream().mapToInt(Integer::intValue).sum();
            int top = v.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            if (total >= 6) {
                complete++;
                if (top < 0.7 * total) {
                    escalate++;
                }
            }
        }
        JsonObject schema = new JsonObject().put("kind", "rating").put("labels", new io.vertx.core.json.JsonArray());
        for (int k = 1; k <= 5; k++) {
            schema.getJsonArray("labels").add(new JsonObject().put("key", String.valueOf(k)));
        }
        long p = Projects.create(server, new JsonObject().put("schema", schema)
                .put("overlap", new JsonObject().put("crowd", 6).put("expert", 1)));
        assertEquals(200, server.admin().post("/api/projects/" + p + "/items", items.toString(), "text/csv").status());
        JsonObject r = importAnswers(p, "", answers.toString());
        assertEquals(rows.size(), r.getInteger("answers"));
        JsonObject progress = progress(p);
        JsonObject crowd = progress.getJsonObject("tiers").getJsonObject("crowd");
        assertEquals(2370, complete, "the data set: 2,370 of 2,665 items have 6 or more votes (one has 12)");
        assertEquals(complete, crowd.getLong("items_complete"), crowd.encode());
        assertEquals(votes.size() - complete, crowd.getLong("items_in_progress"), crowd.encode());
        assertEquals(0, crowd.getLong("items_not_started"));
        assertTrue(escalate > 100, "crowd_web's Fleiss kappa is .21: many items disagree, got " + escalate);
        assertEquals(escalate, progress.getLong("items_escalated"));
        assertEquals(escalate, progress.getJsonObject("tiers").getJsonObject("expert").getLong("items_waiting_for_experts"));
        assertEquals(escalate, scalar("select count(*) from items where project_id = " + p + " and escalation_reason = 'crowd_disagreement'"));
    }

    @Test
    @DisplayName("adaptive overlap: below min_agreement one more crowd slot at a time up to max_crowd, then escalation; imported votes count; progress shows extra votes")
    void adaptive() {
        AdaptiveOverlapTest.run();
    }

    static String text(String sql) {
        try (Connection c = TestDatabases.connect(server.databaseUrl()); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
