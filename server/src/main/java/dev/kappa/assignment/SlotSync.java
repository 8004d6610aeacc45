package dev.kappa.assignment;

import dev.kappa.db.tables.records.ProjectsRecord;
import org.jooq.DSLContext;

/**
 * Makes an item's slot rows match its project's rules: crowd slots on every item (except gold checks when the project
 * injects gold), expert slots on escalated items, on the baseline sample, or on all items when the project says so.
 * Untouched slots that are no longer needed are removed; filled and live-leased slots are never touched.
 * Called in the same transaction as the change that needs it (import, project settings), so nothing drifts.
 */
public final class SlotSync {
    private SlotSync() {
    }

    /** Every item of the project: after its overlap, rates or gold policy changed. */
    public static void project(DSLContext tx, ProjectsRecord p) {
        sync(tx, p, "true");
    }

    /** Only the items written by the current transaction (an import sets their updated_at to now()). */
    public static void importedItems(DSLContext tx, ProjectsRecord p) {
        sync(tx, p, "i.updated_at = now()");
    }

    // Plain SQL through jOOQ: set-based statements with generate_series read more clearly as SQL than as DSL.
    private static void sync(DSLContext tx, ProjectsRecord p, String itemFilter) {
        long id = p.getId();
        boolean injectGold = p.getGoldRate() > 0;
        tx.execute("INSERT INTO slots (project_id, item_id, tier, slot_no, priority, seq) "
                + "SELECT i.project_id, i.id, 'crowd', g, i.priority, i.seq FROM items i CROSS JOIN generate_series(1, ?) g "
                + "WHERE i.project_id = ? AND " + itemFilter + " AND (NOT ? OR i.gold IS NULL) ON CONFLICT DO NOTHING",
                p.getOverlapCrowd(), id, injectGold);
        tx.execute("INSERT INTO slots (project_id, item_id, tier, slot_no, priority, seq) "
                + "SELECT i.project_id, i.id, 'expert', g, i.priority, i.seq FROM items i CROSS JOIN generate_series(1, ?) g "
                + "WHERE i.project_id = ? AND " + itemFilter + " AND (? OR i.sample_key < ? OR i.escalated_at IS NOT NULL) ON CONFLICT DO NOTHING",
                p.getOverlapExpert(), id, p.getExpertOnAll(), p.getBaselineSampleRate());
        tx.execute("DELETE FROM slots s USING items i WHERE s.project_id = ? AND i.project_id = s.project_id AND i.id = s.item_id "
                + "AND " + itemFilter + " AND s.answer_id IS NULL AND (s.lease_id IS NULL OR s.expires_at < now()) AND ("
                + "(s.tier = 'crowd' AND (s.slot_no > ? OR (? AND i.gold IS NOT NULL))) OR "
                + "(s.tier = 'expert' AND (s.slot_no > ? OR NOT (? OR i.sample_key < ? OR i.escalated_at IS NOT NULL))))",
                id, p.getOverlapCrowd(), injectGold, p.getOverlapExpert(), p.getExpertOnAll(), p.getBaselineSampleRate());
    }

    /** One item: after an undo took back the answer that escalated it. */
    public static void item(DSLContext tx, ProjectsRecord p, long itemId) {
        sync(tx, p, "i.id = " + itemId);
    }

    /** Opens the expert slots of one escalated item. */
    public static void openExpertSlots(DSLContext tx, ProjectsRecord p, long itemId) {
        tx.execute("INSERT INTO slots (project_id, item_id, tier, slot_no, priority, seq) "
                + "SELECT i.project_id, i.id, 'expert', g, i.priority, i.seq FROM items i CROSS JOIN generate_series(1, ?) g "
                + "WHERE i.project_id = ? AND i.id = ? ON CONFLICT DO NOTHING", p.getOverlapExpert(), p.getId(), itemId);
    }
}
