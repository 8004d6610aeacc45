package dev.kappa.assignment;

import dev.kappa.auth.Tier;
import dev.kappa.db.tables.records.ProjectsRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.QueryPart;
import org.jooq.impl.DSL;

import static dev.kappa.db.Tables.SLOTS;

/**
 * The statements {@link SlotSync} runs, as jOOQ templates, and the methods that run them on the caller's transaction:
 * each {@code {n}} is a bound value, a condition built below (whose values are bound too) or an identifier, so no
 * value ever becomes SQL text. Plain SQL because these set-based statements read more clearly as SQL than as DSL.
 * {@code i} is always the items row, {@code s} the slot. Which items a sync looks at, and when, SlotSync decides.
 */
final class SlotSql {
    private SlotSql() {
    }

    /**
     * The first row of a tier ({0}) on the project's ({1}) items that pass {2} and the tier's rule {3} and have none; a
     * plain anti-join, cheaper than ON CONFLICT on big imports. The project id is bound on both sides on purpose: with
     * fresh items and stale statistics the planner once probed slots by (tier) alone for every item, which made a
     * 100k-item sync run for minutes.
     */
    private static final String FIRST_SLOT = """
            INSERT INTO slots (project_id, item_id, tier, slot_no, priority, seq)
            SELECT i.project_id, i.id, {0}, 1, i.priority, i.seq FROM items i WHERE i.project_id = {1} AND {2} AND {3}
              AND NOT EXISTS (SELECT 1 FROM slots s WHERE s.project_id = {1} AND s.item_id = i.id AND s.tier = {0})""";

    /**
     * Items of project {0} passing {1} whose rows are all taken but that have fewer than the overlap (it was raised)
     * get the next row, where their tier's rule ({2} crowd, {3} expert) opens it; {4} and {5} are the overlaps.
     */
    private static final String EXTEND_TAKEN = """
            INSERT INTO slots (project_id, item_id, tier, slot_no, priority, seq, started)
            SELECT s.project_id, s.item_id, s.tier, max(s.slot_no) + 1, i.priority, i.seq, bool_or(s.started)
            FROM slots s JOIN items i ON i.project_id = {0} AND i.id = s.item_id
            WHERE s.project_id = {0} AND {1} AND ((s.tier = 'crowd' AND {2}) OR (s.tier = 'expert' AND {3}))
            GROUP BY s.project_id, s.item_id, s.tier, i.priority, i.seq, i.extra_crowd
            HAVING count(*) FILTER (WHERE s.answer_id IS NULL AND (s.lease_id IS NULL OR s.expires_at < now())) = 0
              AND count(*) < CASE WHEN s.tier = 'crowd' THEN {4} + i.extra_crowd ELSE {5} END
            ON CONFLICT DO NOTHING""";

    /**
     * Untouched rows (no answer, no live lease) of project {0}'s items passing {1} that are no longer needed: beyond the
     * crowd overlap {2} (plus the item's extra crowd slots) or closed by the crowd rule {3}, beyond the expert overlap
     * {4} or closed by the expert rule {5}.
     */
    private static final String DROP_UNNEEDED = """
            DELETE FROM slots s USING items i WHERE s.project_id = {0} AND i.project_id = {0} AND i.id = s.item_id
              AND {1} AND s.answer_id IS NULL AND (s.lease_id IS NULL OR s.expires_at < now()) AND (
                (s.tier = 'crowd' AND (s.slot_no > {2} + i.extra_crowd OR NOT {3})) OR
                (s.tier = 'expert' AND (s.slot_no > {4} OR NOT {5})))""";

    /** A CTE named {0}, to follow another, that gives tier {1} its first slot on the rows of CTE {2} passing {3}. */
    private static final String FIRST_SLOTS_CTE = """
            , {0} AS (
              INSERT INTO slots (project_id, item_id, tier, slot_no, priority, seq)
              SELECT i.project_id, i.id, {1}, 1, i.priority, i.seq FROM {2} i WHERE {3})""";

    /** Opens the expert tier of one escalated item (project, item). */
    private static final String OPEN_EXPERT_SLOTS = """
            INSERT INTO slots (project_id, item_id, tier, slot_no, priority, seq)
            SELECT i.project_id, i.id, 'expert', 1, i.priority, i.seq FROM items i
            WHERE i.project_id = ? AND i.id = ? ON CONFLICT DO NOTHING""";

    private static final String NESTED_LOOPS_OFF = "set local enable_nestloop = off";
    private static final String NESTED_LOOPS_DEFAULT = "set local enable_nestloop to default";

    /** Every item of the project. */
    static final Condition ALL_ITEMS = DSL.trueCondition();
    /** The items written by the current transaction (an import sets their updated_at to now()). */
    static final Condition WRITTEN_NOW = DSL.condition("i.updated_at = now()");

    /** The items listed in a temporary table (item_id) that the caller made. */
    static Condition listedIn(String table) {
        return DSL.condition("i.id IN (SELECT item_id FROM {0})", DSL.name(table));
    }

    static Condition oneItem(long itemId) {
        return DSL.condition("i.id = {0}", DSL.val(itemId));
    }

    /** Crowd slots are open on every item but gold checks, when the project injects gold outside the slots. */
    static Condition crowdOpen(ProjectsRecord p) {
        return DSL.condition("(NOT {0} OR i.gold IS NULL)", DSL.val(p.getGoldRate() > 0));
    }

    /** Expert slots are open on every item when the project says so, on the baseline sample, and on escalated items. */
    static Condition expertOpen(ProjectsRecord p) {
        return DSL.condition("({0} OR i.sample_key < {1} OR i.escalated_at IS NOT NULL)",
                DSL.val(p.getExpertOnAll()), DSL.val(p.getBaselineSampleRate()));
    }

    /** The first row of {@code tier} on the project's items passing {@code items} and the tier's rule. */
    static void firstSlot(DSLContext tx, ProjectsRecord p, Tier tier, Condition items) {
        tx.execute(FIRST_SLOT, tier(tier), DSL.val(p.getId()), items, tier == Tier.CROWD ? crowdOpen(p) : expertOpen(p));
    }

    /** The next row on the project's items passing {@code items} whose rows are all taken below the overlap. */
    static void extendTaken(DSLContext tx, ProjectsRecord p, Condition items) {
        tx.execute(EXTEND_TAKEN, DSL.val(p.getId()), items, crowdOpen(p), expertOpen(p),
                DSL.val(p.getOverlapCrowd()), DSL.val(p.getOverlapExpert()));
    }

    /** Removes the untouched rows of the project's items passing {@code items} that are no longer needed. */
    static void dropUnneeded(DSLContext tx, ProjectsRecord p, Condition items) {
        tx.execute(DROP_UNNEEDED, DSL.val(p.getId()), items, DSL.val(p.getOverlapCrowd()), crowdOpen(p),
                DSL.val(p.getOverlapExpert()), expertOpen(p));
    }

    static void openExpertSlots(DSLContext tx, ProjectsRecord p, long itemId) {
        tx.execute(OPEN_EXPERT_SLOTS, p.getId(), itemId);
    }

    /** Nested loops off for the rest of the transaction, or back to the default (see {@link SlotSync#bulk}). */
    static void nestedLoops(DSLContext tx, boolean off) {
        tx.execute(off ? NESTED_LOOPS_OFF : NESTED_LOOPS_DEFAULT);
    }

    /** The first-slot CTEs, to follow CTE {@code rows}, of the tiers that need them: crowd, expert, both or none. */
    static QueryPart firstSlotsCtes(String rows, ProjectsRecord p, boolean crowd, boolean expert) {
        return DSL.sql("{0}{1}",
                crowd ? firstSlotsCte("crowd_first_slots", Tier.CROWD, rows, crowdOpen(p)) : DSL.sql(""),
                expert ? firstSlotsCte("expert_first_slots", Tier.EXPERT, rows, expertOpen(p)) : DSL.sql(""));
    }

    private static Field<Tier> tier(Tier tier) {
        return DSL.val(tier, SLOTS.TIER);
    }

    private static QueryPart firstSlotsCte(String name, Tier tier, String rows, Condition open) {
        return DSL.sql(FIRST_SLOTS_CTE, DSL.name(name), tier(tier), DSL.name(rows), open);
    }
}
