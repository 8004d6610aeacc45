package dev.kappa.pairwise;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.kappa.http.RecordJson;

import java.util.List;

/** Items on which two annotators gave different labels, in queue order, one page of them. */
public record Disagreements(long projectId, long a, long b, @JsonProperty("shared_items") long shared,
                            @JsonProperty("disagreements") long total, int offset, int limit, List<Item> items) {

    /** {@code data}, {@code labelA} and {@code labelB} are JSON text as stored, written as Vert.x re-encodes it. */
    public record Item(long itemId, String externalId, @JsonSerialize(using = RecordJson.VertxText.class) String data,
                       @JsonSerialize(using = RecordJson.VertxText.class) String labelA,
                       @JsonSerialize(using = RecordJson.VertxText.class) String labelB) {
    }
}
