package dev.kappa.assignment;

import dev.kappa.support.Projects;
import dev.kappa.support.Users;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Issue 14: adaptive crowd overlap. Runs on ImportedAnswersTest's server (one server start for both, to keep the
 * suite short), so it is a nested part of that class's lifecycle: see {@link ImportedAnswersTest#adaptive()}.
 */
final class AdaptiveOverlapTest {
    private AdaptiveOverlapTest() {
    }

    static long project(double escalationMin, int maxCrowd, double adaptiveMin) {
        long p = Projects.create(ImportedAnswersTest.server, new JsonObject().put("overlap", new JsonObject().put("crowd", 3).put("expert", 1))
                .put("escalation", new JsonObject().put("min_agreement", escalationMin).put("on_gold_conflict", false))
                .put("adaptive_overlap", new JsonObject().put("max_crowd", maxCrowd).put("min_agreement", adaptiveMin)));
        Projects.items(ImportedAnswersTest.server, p, 1, 0);
        return p;
    }

    /** Fresh crowd annotators answer the project's one item with these labels in turn; returns how many got it. */
    static int label(long p, List<String> labels) {
        int served = 0;
        for (String l : labels) {
            Users.Created u = ImportedAnswersTest.annotator(p, "crowd");
            JsonObject t = ImportedAnswersTest.next(u, p);
            if (t == null) {
                break;
            }
            served++;
            assertEquals(201, u.http().post("/api/leases/" + t.getString("lease_id") + "/answer", new JsonObject().put("label", l)).status());
        }
        return served;
    }

    static void run() {
        // 2-1 (.67 < .8): a 4th vote; 3-1 (.75): a 5th; 4-1 (.8) is enough: complete with 5, not escalated.
        long agreed = project(0.7, 5, 0.8);
        assertEquals(5, label(agreed, List.of("pos", "pos", "neg", "pos", "pos", "pos")));
        JsonObject progress = ImportedAnswersTest.progress(agreed);
        assertEquals(1, progress.getLong("items_with_extra_votes"));
        assertEquals(2, progress.getLong("extra_crowd_slots"));
        assertEquals(1, progress.getJsonObject("tiers").getJsonObject("crowd").getLong("items_complete"));
        assertEquals(0, progress.getLong("items_escalated"));

        // Still split at max_crowd 5 (3-2 = .6): only then does it escalate to an expert.
        long split = project(0.7, 5, 0.8);
        assertEquals(5, label(split, List.of("pos", "neg", "neg", "pos", "neg", "pos")));
        assertEquals(1, ImportedAnswersTest.progress(split).getLong("items_escalated"));
        assertEquals("crowd_disagreement", ImportedAnswersTest.text("select escalation_reason from items where project_id = " + split));

        // Imported votes count: 2-1 imported opens a 4th crowd slot that a live annotator takes.
        long imported = project(0.7, 4, 0.8);
        ImportedAnswersTest.importAnswers(imported, "", "item,annotator,tier,label\nx0,ad-w1,crowd,pos\nx0,ad-w2,crowd,pos\nx0,ad-w3,crowd,neg\n");
        assertEquals(1, ImportedAnswersTest.progress(imported).getLong("items_with_extra_votes"));
        assertEquals(0, ImportedAnswersTest.progress(imported).getLong("items_escalated"));
        assertEquals(1, label(imported, List.of("neg", "neg")), "exactly one more vote at max_crowd 4");
        assertEquals(1, ImportedAnswersTest.progress(imported).getLong("items_escalated"), "2-2 at max_crowd: escalated");
        assertNull(ImportedAnswersTest.next(ImportedAnswersTest.annotator(imported, "crowd"), imported));

        // The setting: both fields, validated; null switches it off.
        assertEquals(422, ImportedAnswersTest.server.admin().patch("/api/projects/" + imported,
                new JsonObject().put("adaptive_overlap", new JsonObject().put("max_crowd", 5))).status());
        assertEquals(422, ImportedAnswersTest.server.admin().patch("/api/projects/" + imported,
                new JsonObject().put("adaptive_overlap", new JsonObject().put("max_crowd", 5).put("min_agreement", 1.5))).status());
        assertEquals(200, ImportedAnswersTest.server.admin().patch("/api/projects/" + imported, new JsonObject().putNull("adaptive_overlap")).status());
        assertNull(ImportedAnswersTest.server.admin().get("/api/projects/" + imported).json().getValue("adaptive_overlap"));
    }
}
