package dev.kappa.hardness;

import dev.kappa.support.TestDatabases;
import dev.kappa.support.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Scores follow new predictions and answers by themselves: two server processes share one database, both run the
 * background recompute, and nobody calls the recompute endpoint.
 */
class BackgroundRecomputeTest {
    @RegisterExtension
    static final TestServer first = TestServer.perClass(Map.of("KAPPA_HARDNESS_INTERVAL_MS", "200"));
    static TestServer second;

    @BeforeAll
    static void startSecond() {
        second = TestServer.onDatabase(first.databaseUrl(), Map.of("KAPPA_HARDNESS_INTERVAL_MS", "200"));
    }

    @AfterAll
    static void stopSecond() {
        second.close();
    }

    private static <T> T eventually(Supplier<T> read, Predicate<T> ok, String what) {
        T last = null;
        for (int i = 0; i < 150; i++) {
            last = read.get();
            if (ok.test(last)) {
                return last;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return fail(what + " did not happen in 15 s; last seen: " + last);
    }

    private static double scalar(String sql) {
        try (Connection c = TestDatabases.connect(first.databaseUrl()); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getDouble(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("new predictions, answers and re-uploaded predictions reach the scores and the queue without a recompute call")
    void scoresFollowWrites() {
        HardProject p = HardProject.create(first, List.of("a", "b"), 3);
        p.settings(new JsonObject().put("strategy", "hardness"));
        p.items("""
                {"external_id": "x0", "data": {}}
                {"external_id": "x1", "data": {}}
                {"external_id": "x2", "data": {}}
                """);
        p.predictions("v1", """
                {"item": "x0", "label": "a", "probs": {"a": 0.9, "b": 0.1}}
                {"item": "x1", "label": "a", "probs": {"a": 0.9, "b": 0.1}}
                {"item": "x2", "label": "b", "probs": {"a": 0.3, "b": 0.7}}
                """);
        JsonObject cases = eventually(() -> p.byItem(""), c -> c.size() == 3, "scoring the new predictions");
        double before = cases.getJsonObject("x0").getDouble("score");

        p.answers("""
                {"item": "x0", "annotator": "w1", "tier": "crowd", "label": "b"}
                {"item": "x0", "annotator": "w2", "tier": "crowd", "label": "b"}
                """);
        JsonObject x0 = eventually(() -> p.byItem("").getJsonObject("x0"), c -> c.getBoolean("model_wrong"),
                "x0 turning model_wrong after two answers against the model");
        assertTrue(x0.getDouble("score") > before);
        long x0Id = x0.getJsonObject("item").getLong("id");
        // Slot rows are made as needed (one free row per open item and tier), so check every row x0 has.
        eventually(() -> scalar("select case when count(*) > 0 and count(*) filter (where priority <> " + x0.getDouble("score")
                        + ") = 0 then 1 else 0 end from slots where project_id = " + p.id + " and item_id = " + x0Id),
                n -> n == 1, "every slot row of x0 taking its new score as priority");
        assertEquals(x0.getDouble("score"), scalar("select priority from items where id = " + x0Id), 0);

        double u1 = p.byItem("").getJsonObject("x1").getJsonObject("signals").getDouble("uncertainty");
        p.predictions("v1", """
                {"item": "x1", "label": "a", "probs": {"a": 0.55, "b": 0.45}}
                """);
        eventually(() -> p.byItem("").getJsonObject("x1").getJsonObject("signals").getDouble("uncertainty"),
                u -> u > u1, "x1's uncertainty rising after its prediction was replaced");
        eventually(() -> p.get("/hardness").getBoolean("pending"), pending -> !pending, "the project settling");
        assertEquals(0, scalar("select count(*) from hardness_marks where project_id = " + p.id));
        assertFalse(p.get("/hard-cases/classes").getJsonArray("classes").isEmpty());
    }
}
