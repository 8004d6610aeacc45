package dev.kappa.activity;

import dev.kappa.auth.Tier;
import dev.kappa.http.RecordJson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The throughput records write the bytes ThroughputRoutes.json (before issue 16, kept here) wrote. */
class ThroughputJsonTest {
    @Test
    @DisplayName("hourly and daily series, with a burndown and without, an empty range")
    void sameBytes() {
        Instant a = Instant.parse("2026-01-05T10:00:00Z");
        Instant b = Instant.parse("2026-01-05T11:00:00.5Z");
        for (Throughput t : List.of(
                new Throughput(4, "hour", true, a, b.plusSeconds(3600), List.of(a, b), new long[] {3, 0}, new long[] {0, 12},
                        new Throughput.Burndown(Tier.CROWD, 3, 40, new long[] {40, 31})),
                new Throughput(4, "day", false, a, b, List.of(), new long[0], new long[0], null))) {
            assertEquals(json(t).encode(), RecordJson.encode(ThroughputView.of(t)));
        }
    }

    static JsonObject json(Throughput t) {
        JsonArray starts = new JsonArray();
        t.starts().forEach(s -> starts.add(s.toString()));
        JsonObject out = new JsonObject().put("project_id", t.projectId()).put("bucket", t.bucket())
                .put("bucket_chosen", t.bucketChosen()).put("from", t.from().toString()).put("to", t.to().toString())
                .put("starts", starts)
                .put("answers", new JsonObject().put("crowd", array(t.crowd())).put("expert", array(t.expert())));
        Throughput.Burndown b = t.burndown();
        out.put("burndown", b == null ? null : new JsonObject().put("tier", b.tier().getLiteral()).put("overlap", b.overlap())
                .put("items_total", b.itemsTotal()).put("items_left", array(b.itemsLeft())));
        return out;
    }

    private static JsonArray array(long[] values) {
        JsonArray a = new JsonArray();
        for (long v : values) {
            a.add(v);
        }
        return a;
    }
}
