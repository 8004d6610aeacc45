package dev.kappa.item;

import dev.kappa.db.tables.records.ItemsRecord;
import io.vertx.core.json.JsonObject;
import org.jooq.DSLContext;
import org.jooq.JSONB;

import java.util.List;

import static dev.kappa.db.Tables.ITEMS;

/** SQL for reading items. Imports write them in bulk (transfer/). */
final class ItemRepository {
    private ItemRepository() {
    }

    /** Keyset page in import order: seq is unique per project, so "after the last seq seen" never skips or repeats. */
    static List<ItemsRecord> page(DSLContext tx, long projectId, long afterSeq, int limit) {
        return tx.selectFrom(ITEMS).where(ITEMS.PROJECT_ID.eq(projectId), ITEMS.SEQ.gt(afterSeq))
                .orderBy(ITEMS.SEQ).limit(limit).fetch();
    }

    static JsonObject json(ItemsRecord i) {
        return new JsonObject().put("id", i.getId()).put("external_id", i.getExternalId())
                .put("data", new JsonObject(i.getData().data())).put("gold", value(i.getGold())).put("meta", value(i.getMeta()))
                .put("seq", i.getSeq()).put("priority", i.getPriority()).put("sample_key", i.getSampleKey())
                .put("created_at", i.getCreatedAt().toInstant()).put("updated_at", i.getUpdatedAt().toInstant());
    }

    private static Object value(JSONB j) {
        return j == null ? null : io.vertx.core.json.Json.decodeValue(j.data());
    }
}
