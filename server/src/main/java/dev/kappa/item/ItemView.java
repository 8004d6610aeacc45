package dev.kappa.item;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.kappa.db.tables.records.ItemsRecord;
import dev.kappa.http.RecordJson;

import java.time.Instant;

/** An item as engineers see it, gold and meta included. Data, gold and meta stay {@code jsonb} text until written. */
public record ItemView(long id, String externalId, @JsonSerialize(using = RecordJson.VertxText.class) String data,
                       @JsonSerialize(using = RecordJson.VertxText.class) String gold,
                       @JsonSerialize(using = RecordJson.VertxText.class) String meta,
                       long seq, Double priority, Double sampleKey, Instant createdAt, Instant updatedAt) {
    static ItemView of(ItemsRecord i) {
        return new ItemView(i.getId(), i.getExternalId(), i.getData().data(), i.getGold() == null ? null : i.getGold().data(),
                i.getMeta() == null ? null : i.getMeta().data(), i.getSeq(), i.getPriority(), i.getSampleKey(),
                i.getCreatedAt().toInstant(), i.getUpdatedAt().toInstant());
    }
}
