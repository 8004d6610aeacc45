package dev.kappa.confusion;

import dev.kappa.http.RecordJson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The confusion record writes the bytes ConfusionRoutes.json (before issue 16, kept here) wrote. */
class ConfusionJsonTest {
    @Test
    @DisplayName("a run's and a tier's table, an empty one, odd class keys and a null note")
    void sameBytes() {
        for (Confusion c : List.of(
                new Confusion(3, "run:7", "gold", "gold labels", List.of("pos", "neg \"x\"", "caf\u00e9"),
                        new long[][] {{5, 1, 0}, {2, 9, 1}, {0, 0, 4_000_000_000L}}, 22, 3),
                new Confusion(3, "tier:crowd", "consensus", null, List.of(), new long[0][], 0, 0))) {
            assertEquals(json(c).encode(), RecordJson.encode(c));
        }
    }

    static JsonObject json(Confusion c) {
        JsonArray rows = new JsonArray();
        for (long[] row : c.counts()) {
            JsonArray r = new JsonArray();
            for (long v : row) {
                r.add(v);
            }
            rows.add(r);
        }
        return new JsonObject().put("project_id", c.projectId()).put("source", c.source()).put("reference", c.reference())
                .put("reference_note", c.referenceNote()).put("classes", new JsonArray(c.classes())).put("counts", rows)
                .put("compared", c.compared()).put("without_reference", c.withoutReference());
    }
}
