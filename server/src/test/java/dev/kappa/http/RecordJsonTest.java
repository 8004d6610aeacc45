package dev.kappa.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The record mapper writes the bytes Vert.x's JsonObject wrote: services can move to records without the wire moving. */
class RecordJsonTest {
    record Sample(long id, String displayName, Double macroF1, @JsonProperty("cost_per_1k") double costPer1k,
                  Instant createdAt, Instant lastUsedAt, boolean revoked, JsonObject data, List<Integer> counts,
                  @JsonInclude(JsonInclude.Include.NON_NULL) String token) {
        public boolean viaSession() {
            return true;
        }
    }

    @Test
    @DisplayName("snake_case keys in component order, doubles, instants, nulls and held JSON as Vert.x encodes them")
    void sameBytesAsJsonObject() {
        Instant at = Instant.parse("2026-01-31T12:00:00.120Z");
        JsonObject data = new JsonObject().put("text", "caf\u00e9 \"quoted\" <b>").put("n", 1.0e-7).put("list", new JsonArray().add(1).addNull());
        Sample s = new Sample(7, "Ada", 0.1 + 0.2, 12.5, at, null, false, data, List.of(3, 0), null);
        JsonObject before = new JsonObject().put("id", 7L).put("display_name", "Ada").put("macro_f1", 0.1 + 0.2)
                .put("cost_per_1k", 12.5).put("created_at", at).put("last_used_at", null).put("revoked", false)
                .put("data", data).put("counts", new JsonArray().add(3).add(0));
        assertEquals(before.encode(), RecordJson.encode(s));
        assertEquals(before.copy().put("token", "kappa_x").encode(),
                RecordJson.encode(new Sample(7, "Ada", 0.1 + 0.2, 12.5, at, null, false, data, List.of(3, 0), "kappa_x")));
    }

    @Test
    @DisplayName("an unwrapped record's keys come first, then the wrapper's own, a null one included")
    void unwrapped() {
        record Inner(long id, String displayName) {
        }
        record Outer(@com.fasterxml.jackson.annotation.JsonUnwrapped Inner user, Instant lastActiveAt) {
        }
        assertEquals(new JsonObject().put("id", 3L).put("display_name", "Ada").put("last_active_at", null).encode(),
                RecordJson.encode(new Outer(new Inner(3, "Ada"), null)));
    }

    @Test
    @DisplayName("a large and a non-finite double are written as JsonObject writes them")
    void doublesAtTheEdges() {
        record D(double big, double small, Double missing) {
        }
        assertEquals(new JsonObject().put("big", 1e300).put("small", -0.0).put("missing", null).encode(),
                RecordJson.encode(new D(1e300, -0.0, null)));
        assertEquals(new JsonObject().put("big", Double.NaN).put("small", Double.POSITIVE_INFINITY).put("missing", 2.0).encode(),
                RecordJson.encode(new D(Double.NaN, Double.POSITIVE_INFINITY, 2.0)));
    }

    @Test
    @DisplayName("an item's jsonb text (data, gold, meta; null gold) is written as the JsonObject decoded from it was")
    void itemView() {
        Instant at = Instant.parse("2026-01-31T12:00:00Z");
        String data = "{\"text\": \"a  b\", \"n\": 1.50, \"big\": 12345678901234567890}";
        JsonObject before = new JsonObject().put("id", 4L).put("external_id", "x").put("data", new JsonObject(data))
                .put("gold", null).put("meta", io.vertx.core.json.Json.decodeValue("[1, \"m\"]")).put("seq", 9L)
                .put("priority", 0.5).put("sample_key", null).put("created_at", at).put("updated_at", at);
        assertEquals(before.encode(), RecordJson.encode(new dev.kappa.item.ItemView(4, "x", data, null, "[1, \"m\"]", 9, 0.5, null, at, at)));
    }

    @Test
    @DisplayName("every shape of an estimate, alone and unwrapped into a record, is written as EstimateJson wrote it")
    void estimates() {
        dev.kappa.stats.Estimate defined = dev.kappa.stats.Estimate.of(0.1 + 0.2);
        dev.kappa.stats.Estimate undefined = dev.kappa.stats.Estimate.undefined("one annotator");
        dev.kappa.stats.Bootstrap.Interval ci = new dev.kappa.stats.Bootstrap.Interval(defined, dev.kappa.stats.Estimate.of(0.25),
                dev.kappa.stats.Estimate.of(1.0), 0.95, 100, 100, 7);
        dev.kappa.stats.Bootstrap.Interval open = new dev.kappa.stats.Bootstrap.Interval(defined, undefined, dev.kappa.stats.Estimate.of(1.0),
                0.95, 100, 3, 7);
        for (dev.kappa.stats.Estimate e : List.of(defined, undefined)) {
            assertEquals(dev.kappa.analysis.EstimateJson.of(e).encode(), RecordJson.encode(dev.kappa.analysis.EstimateView.of(e)));
            for (dev.kappa.stats.Bootstrap.Interval i : java.util.Arrays.asList(ci, open, null)) {
                for (String why : java.util.Arrays.asList("no bootstrap asked (resamples=0)", null)) {
                    assertEquals(dev.kappa.analysis.EstimateJson.of(e, i, why).encode(),
                            RecordJson.encode(dev.kappa.analysis.EstimateView.of(e, i, why)));
                }
            }
            record Pair(@com.fasterxml.jackson.annotation.JsonUnwrapped dev.kappa.analysis.EstimateView kappa, List<Long> annotators,
                        int sharedItems) {
            }
            assertEquals(dev.kappa.analysis.EstimateJson.of(e, ci, null).put("annotators", new JsonArray().add(1L).add(2L))
                            .put("shared_items", 4).encode(),
                    RecordJson.encode(new Pair(dev.kappa.analysis.EstimateView.of(e, ci, null), List.of(1L, 2L), 4)));
        }
        assertEquals(dev.kappa.analysis.EstimateJson.of(defined).put("ci", new JsonArray().add(0.1).add(0.5)).put("ci_method", "wilson").encode(),
                RecordJson.encode(dev.kappa.analysis.EstimateView.of(defined, 0.1, 0.5, "wilson")));
    }
}
