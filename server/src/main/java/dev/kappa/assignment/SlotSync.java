package dev.kappa.assignment;

import dev.kappa.db.tables.records.ProjectsRecord;
import org.jooq.DSLContext;

/**
 * Makes slot rows match the project's rules. Crowd slots are open on every item (except gold checks when the project
 * injects gold); expert slots on escalated items, on the baseline sample, or on all items when the project says so.
 * <p>
 * Slot rows are made as they are needed: an open item has a row for each taken slot plus one free row, never more
 * than its overlap. Taking the free row creates the next one in the same statement (see {@link AssignmentRepository}),
 * so importing a million items writes a million slot rows rather than three million, and the queue's index walk sees
 * one free row per open item and tier. Untouched rows that are no longer needed are removed; filled and live-leased
 * rows are never touched. Called in the same transaction as the change that needs it, so nothing drifts. An item's
 * crowd overlap is the project's plus the extra crowd slots adaptive overlap gave it (items.extra_crowd).
 */
public final class SlotSync {
    private SlotSync() {
    }

    /** Every item of the project: after its overlap, rates or gold policy changed. */
    public static void project(DSLContext tx, ProjectsRecord p) {
        bulk(tx, () -> sync(tx, p, "true", true));
    }

    /** Only the items written by the current transaction (an import sets their updated_at to now()): after updates. */
    public static void importedItems(DSLContext tx, ProjectsRecord p) {
        bulk(tx, () -> sync(tx, p, "i.updated_at = now()", false));
    }

    /** The items listed in {@code table} (item_id), a temporary table of the caller: after an answer import. */
    static void touched(DSLContext tx, ProjectsRecord p, String table) {
        bulk(tx, () -> sync(tx, p, "i.id IN (SELECT item_id FROM " + table + ")", true));
    }

    /**
     * Runs a sync over many items with nested loops off. Items and slots written in bulk moments before have no
     * statistics yet, so the planner believes a project holds one row and nests a loop over all its slots inside a
     * loop over all its items: a PATCH of the overlap on a fresh 100,000-item project ran for over 13 minutes. Hash
     * and merge joins are right at any size for these set-wide statements; SET LOCAL ends with the transaction.
     */
    static void bulk(DSLContext tx, Runnable sync) {
        tx.execute("set local enable_nestloop = off");
        sync.run();
        tx.execute("set local enable_nestloop to default");
    }

    /** One item: after an undo took back the answer that escalated it. */
    public static void item(DSLContext tx, ProjectsRecord p, long itemId) {
        sync(tx, p, "i.id = " + itemId, true);
    }

    /**
     * The first slot rows of items inserted in the same statement, as further data-modifying CTEs to append after
     * {@code newItems}, a CTE that returns the new rows' project_id, id, gold, sample_key, escalated_at, priority and
     * seq. New items have no slot rows, so unlike {@link #importedItems} this neither reads items again nor anti-joins
     * slots: on a million-item import that second pass cost more than writing the items.
     */
    public static String firstSlotsOf(String newItems, ProjectsRecord p) {
        StringBuilder sql = new StringBuilder();
        if (p.getOverlapCrowd() > 0) {
            sql.append(", crowd_first_slots AS (").append(firstSlotFrom(newItems, "crowd", crowdOpen(p))).append(")");
        }
        // New items are not escalated yet, so experts are needed on them only for all items or the baseline sample.
        if (p.getOverlapExpert() > 0 && (p.getExpertOnAll() || p.getBaselineSampleRate() > 0)) {
            sql.append(", expert_first_slots AS (").append(firstSlotFrom(newItems, "expert", expertOpen(p))).append(")");
        }
        return sql.toString();
    }

    private static String firstSlotFrom(String newItems, String tier, String condition) {
        return "INSERT INTO slots (project_id, item_id, tier, slot_no, priority, seq) SELECT i.project_id, i.id, '" + tier
                + "', 1, i.priority, i.seq FROM " + newItems + " i WHERE " + condition;
    }

    /** Crowd slots are open on every item but gold checks, when the project injects gold outside the slots. */
    private static String crowdOpen(ProjectsRecord p) {
        return "(NOT " + (p.getGoldRate() > 0) + " OR i.gold IS NULL)";
    }

    private static String expertOpen(ProjectsRecord p) {
        return "(" + p.getExpertOnAll() + " OR i.sample_key < " + p.getBaselineSampleRate() + " OR i.escalated_at IS NOT NULL)";
    }

    // Plain SQL through jOOQ: these set-based statements read more clearly as SQL than as DSL.
    private static void sync(DSLContext tx, ProjectsRecord p, String itemFilter, boolean extendTaken) {
        long id = p.getId();
        String crowdOpen = crowdOpen(p);
        String expertOpen = expertOpen(p);
        if (p.getOverlapCrowd() > 0) {
            firstSlot(tx, id, "crowd", itemFilter + " AND " + crowdOpen);
        }
        if (p.getOverlapExpert() > 0) {
            firstSlot(tx, id, "expert", itemFilter + " AND " + expertOpen);
        }
        if (extendTaken) {
            // Items whose rows are all taken but that have fewer than the overlap (the overlap was raised) get the next row.
            tx.execute("INSERT INTO slots (project_id, item_id, tier, slot_no, priority, seq, started) "
                    + "SELECT s.project_id, s.item_id, s.tier, max(s.slot_no) + 1, i.priority, i.seq, bool_or(s.started) "
                    + "FROM slots s JOIN items i ON i.project_id = ? AND i.id = s.item_id "
                    + "WHERE s.project_id = ? AND " + itemFilter + " AND ((s.tier = 'crowd' AND " + crowdOpen + ") OR (s.tier = 'expert' AND " + expertOpen + ")) "
                    + "GROUP BY s.project_id, s.item_id, s.tier, i.priority, i.seq, i.extra_crowd "
                    + "HAVING count(*) FILTER (WHERE s.answer_id IS NULL AND (s.lease_id IS NULL OR s.expires_at < now())) = 0 "
                    + "AND count(*) < CASE WHEN s.tier = 'crowd' THEN ? + i.extra_crowd ELSE ? END ON CONFLICT DO NOTHING",
                    id, id, p.getOverlapCrowd(), p.getOverlapExpert());
        }
        tx.execute("DELETE FROM slots s USING items i WHERE s.project_id = ? AND i.project_id = ? AND i.id = s.item_id "
                + "AND " + itemFilter + " AND s.answer_id IS NULL AND (s.lease_id IS NULL OR s.expires_at < now()) AND ("
                + "(s.tier = 'crowd' AND (s.slot_no > ? + i.extra_crowd OR NOT " + crowdOpen + ")) OR "
                + "(s.tier = 'expert' AND (s.slot_no > ? OR NOT " + expertOpen + ")))",
                id, id, p.getOverlapCrowd(), p.getOverlapExpert());
    }

    /** The first row of a tier on items that have none; a plain anti-join, cheaper than ON CONFLICT on big imports. */
    private static void firstSlot(DSLContext tx, long projectId, String tier, String itemCondition) {
        // The project id is bound on both sides on purpose: with fresh items and stale statistics the planner once probed
        // slots by (tier) alone for every item, which made a 100k-item sync run for minutes.
        tx.execute("INSERT INTO slots (project_id, item_id, tier, slot_no, priority, seq) "
                + "SELECT i.project_id, i.id, ?, 1, i.priority, i.seq FROM items i WHERE i.project_id = ? AND " + itemCondition
                + " AND NOT EXISTS (SELECT 1 FROM slots s WHERE s.project_id = ? AND s.item_id = i.id AND s.tier = ?)",
                tier, projectId, projectId, tier);
    }

    /** Opens the expert tier of one escalated item. */
    public static void openExpertSlots(DSLContext tx, ProjectsRecord p, long itemId) {
        tx.execute("INSERT INTO slots (project_id, item_id, tier, slot_no, priority, seq) "
                + "SELECT i.project_id, i.id, 'expert', 1, i.priority, i.seq FROM items i "
                + "WHERE i.project_id = ? AND i.id = ? ON CONFLICT DO NOTHING", p.getId(), itemId);
    }
}
