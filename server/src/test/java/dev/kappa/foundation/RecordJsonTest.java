package dev.kappa.foundation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.kappa.http.RecordJson;
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
}
