package dev.kappa.item;

import dev.kappa.db.tables.records.ItemsRecord;
import org.jooq.DSLContext;

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
}
