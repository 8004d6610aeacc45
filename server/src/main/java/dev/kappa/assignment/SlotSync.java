package dev.kappa.assignment;

import dev.kappa.auth.Tier;
import dev.kappa.db.tables.records.ProjectsRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.QueryPart;

/**
 * Makes slot rows match the project's rules. Crowd slots are open on every item (except gold checks when the project
 * injects gold); expert slots on escalated items, on the baseline sample, or on all items when the project says so.
 * <p>
 * Slot rows are made as they are needed: an open item has a row for each taken slot plus one free row, never more
 * than its overlap. Taking the free row creates the next one in the same statement (see {@link AssignmentRepository}),
 * so importing a million items writes a million slot rows rather than three million, and the queue's index walk sees
 * one free row per open item and tier. Untouched rows that are no longer needed are removed; filled and live-leased
 * rows are never touched. Called in the same transaction as the change that needs it, so nothing drifts. An item's
 * crowd overlap is the project's plus the extra crowd slots adaptive overlap gave it (items.extra_crowd). The SQL is
 * in {@link SlotSql}, with every value bound; which items a sync looks at is a condition chosen here.
 */
public final class SlotSync {
    private SlotSync() {
    }

    /** Every item of the project: after its overlap, rates or gold policy changed. */
    public static void project(DSLContext tx, ProjectsRecord p) {
        bulk(tx, () -> sync(tx, p, SlotSql.ALL_ITEMS, true));
    }

    /** Only the items written by the current transaction (an import sets their updated_at to now()): after updates. */
    public static void importedItems(DSLContext tx, ProjectsRecord p) {
        bulk(tx, () -> sync(tx, p, SlotSql.WRITTEN_NOW, false));
    }

    /** The items listed in {@code table} (item_id), a temporary table of the caller: after an answer import. */
    static void touched(DSLContext tx, ProjectsRecord p, String table) {
        bulk(tx, () -> sync(tx, p, SlotSql.listedIn(table), true));
    }

    /**
     * Runs a sync over many items with nested loops off. Items and slots written in bulk moments before have no
     * statistics yet, so the planner believes a project holds one row and nests a loop over all its slots inside a
     * loop over all its items: a PATCH of the overlap on a fresh 100,000-item project ran for over 13 minutes. Hash
     * and merge joins are right at any size for these set-wide statements; SET LOCAL ends with the transaction.
     */
    static void bulk(DSLContext tx, Runnable sync) {
        SlotSql.nestedLoops(tx, true);
        sync.run();
        SlotSql.nestedLoops(tx, false);
    }

    /** One item: after an undo took back the answer that escalated it. */
    public static void item(DSLContext tx, ProjectsRecord p, long itemId) {
        sync(tx, p, SlotSql.oneItem(itemId), true);
    }

    /**
     * The first slot rows of items inserted in the same statement, as further data-modifying CTEs to embed after
     * {@code newItems}, a CTE that returns the new rows' project_id, id, gold, sample_key, escalated_at, priority and
     * seq. New items have no slot rows, so unlike {@link #importedItems} this neither reads items again nor anti-joins
     * slots: on a million-item import that second pass cost more than writing the items.
     */
    public static QueryPart firstSlotsOf(String newItems, ProjectsRecord p) {
        // New items are not escalated yet, so experts are needed on them only for all items or the baseline sample.
        boolean expert = p.getOverlapExpert() > 0 && (p.getExpertOnAll() || p.getBaselineSampleRate() > 0);
        return SlotSql.firstSlotsCtes(newItems, p, p.getOverlapCrowd() > 0, expert);
    }

    private static void sync(DSLContext tx, ProjectsRecord p, Condition items, boolean extendTaken) {
        if (p.getOverlapCrowd() > 0) {
            SlotSql.firstSlot(tx, p, Tier.CROWD, items);
        }
        if (p.getOverlapExpert() > 0) {
            SlotSql.firstSlot(tx, p, Tier.EXPERT, items);
        }
        if (extendTaken) {
            SlotSql.extendTaken(tx, p, items);
        }
        SlotSql.dropUnneeded(tx, p, items);
    }

    /** Opens the expert tier of one escalated item. */
    public static void openExpertSlots(DSLContext tx, ProjectsRecord p, long itemId) {
        SlotSql.openExpertSlots(tx, p, itemId);
    }
}
