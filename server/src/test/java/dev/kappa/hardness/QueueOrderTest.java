package dev.kappa.hardness;

import dev.kappa.support.Http;
import dev.kappa.support.TestServer;
import dev.kappa.support.Users;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The strategy steers the real queue: the order annotators get items from POST tasks/next. */
class QueueOrderTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of("KAPPA_HARDNESS_INTERVAL_MS", "0"));
    /** p(a) per item x0..x7; the uncertainty order is x3, x6, x1, x4, x0, x7, x2, x5 (closest to 0.5 first). */
    static final double[] P_A = {0.80, 0.62, 0.90, 0.51, 0.75, 0.97, 0.56, 0.85};

    /** Eight items in import order x0..x7, one model run; x5 (the surest prediction) contradicts its gold label. */
    private static HardProject project() {
        HardProject p = HardProject.create(server, List.of("a", "b"), 1);
        StringBuilder items = new StringBuilder();
        StringBuilder preds = new StringBuilder();
        for (int i = 0; i < P_A.length; i++) {
            items.append(new JsonObject().put("external_id", "x" + i).put("data", new JsonObject().put("i", i))
                    .put("gold", i == 5 ? "b" : null).encode()).append('\n');
            preds.append(new JsonObject().put("item", "x" + i).put("label", "a")
                    .put("probs", new JsonObject().put("a", P_A[i]).put("b", 1 - P_A[i])).encode()).append('\n');
        }
        return p.items(items.toString()).predictions("v1", preds.toString());
    }

    private static Users.Created annotator(HardProject p) {
        return server.annotator("crowd", p.id);
    }

    private static JsonObject next(Users.Created u, HardProject p) {
        Http.Response r = u.http().post(p.path("/tasks/next"), new JsonObject());
        if (r.status() == 204) {
            return null;
        }
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    /** Labels the whole queue with one annotator and returns the order the items came in. */
    private static List<String> walk(HardProject p) {
        Users.Created u = annotator(p);
        List<String> order = new ArrayList<>();
        JsonObject t;
        while ((t = next(u, p)) != null) {
            order.add(t.getJsonObject("item").getString("external_id"));
            Http.Response r = u.http().post("/api/leases/" + t.getString("lease_id") + "/answer", new JsonObject().put("label", "a"));
            assertEquals(201, r.status(), r.body());
        }
        return order;
    }

    private static List<String> walkUnder(JsonObject settings) {
        HardProject p = project();
        p.settings(settings);
        p.recompute();
        return walk(p);
    }

    private static List<String> sortedBy(Map<String, Double> key) {
        return key.keySet().stream().sorted(Comparator.comparingDouble((String x) -> -key.get(x))).toList();
    }

    @Test
    @DisplayName("switching the strategy of a live project changes which item next-task serves first")
    void switchingChangesNextTask() {
        HardProject p = project();
        Users.Created u = annotator(p);
        JsonObject first = next(u, p);
        assertEquals("x0", first.getJsonObject("item").getString("external_id"), "fifo: import order");
        assertEquals(204, u.http().post("/api/leases/" + first.getString("lease_id") + "/release", new JsonObject()).status());
        p.settings(new JsonObject().put("strategy", "uncertainty"));
        p.recompute();
        assertEquals("x3", next(u, p).getJsonObject("item").getString("external_id"), "uncertainty: p(a) = 0.51 first");
    }

    @Test
    @DisplayName("each strategy orders the whole queue its own way: fifo, uncertainty, random by seed, hardness with gold")
    void eachStrategyOrdersTheQueue() {
        List<String> fifo = walkUnder(new JsonObject().put("strategy", "fifo"));
        assertEquals(IntStream.range(0, 8).mapToObj(i -> "x" + i).toList(), fifo);

        Map<String, Double> uncertainty = new HashMap<>();
        for (int i = 0; i < P_A.length; i++) {
            uncertainty.put("x" + i, Uncertainty.ENTROPY.of(new double[] {P_A[i], 1 - P_A[i]}));
        }
        assertEquals(sortedBy(uncertainty), walkUnder(new JsonObject().put("strategy", "uncertainty")));
        assertEquals(List.of("x3", "x6", "x1", "x4", "x0", "x7", "x2", "x5"), sortedBy(uncertainty));

        HardProject r = project();
        r.settings(new JsonObject().put("strategy", "random").put("random_seed", 42));
        r.recompute();
        Map<String, Double> draw = new HashMap<>();
        for (Object o : r.get("/hard-cases?limit=100").getJsonArray("items")) {
            JsonObject item = ((JsonObject) o).getJsonObject("item");
            draw.put(item.getString("external_id"), Strategy.uniform(42, item.getLong("id")));
        }
        List<String> random = walk(r);
        assertEquals(sortedBy(draw), random);
        assertNotEquals(fifo, random);

        // Hardness: the model is surest of x5, but x5 contradicts gold, which outweighs any uncertainty here.
        List<String> hardness = walkUnder(new JsonObject().put("strategy", "hardness"));
        assertEquals("x5", hardness.get(0));
        assertEquals(sortedBy(uncertainty).subList(0, 7), hardness.subList(1, 8));
    }
}
