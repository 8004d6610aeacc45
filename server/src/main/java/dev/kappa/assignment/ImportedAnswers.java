package dev.kappa.assignment;

import dev.kappa.db.tables.records.ProjectsRecord;
import org.jooq.DSLContext;

/**
 * Imported answers are answers (issue 14): each takes a slot of its tier on its item, as a live one would, and once
 * the import's rows are all in, the queue is settled over the items it touched: the next free slot where the overlap
 * is not reached yet, and escalation (crowd disagreement, gold conflict) judged once over imported and live answers
 * alike. Everything runs inside the import's transaction, so an import that fails leaves the queue as it was.
 * <p>
 * A worker's repeats on one item (real exports contain them) stay answers for the statistics but take one slot, as the
 * unique (item, annotator) index requires; so does a past answer by someone who already holds a slot on the item.
 */
public final class ImportedAnswers {
    /** SQL to append as further data-modifying CTEs, with its bind values in order. */
    public record Fragment(String sql, Object[] binds) {
    }

    private ImportedAnswers() {
    }

    /**
     * CTEs that give each new answer of {@code inserted} (a CTE returning id, item_id, annotator_id, tier, created_at) a slot:
     * first the item's free rows of that tier (free, or leased and expired) in slot order, then new rows numbered on
     * from the item's highest slot. All rows are read from one snapshot, so the two never collide; a free row leased
     * by next-task between that snapshot and the update is left to its holder (the re-checked WHERE fails) and the
     * answer it would have filled stays a plain answer, as does one whose new row a concurrent next-task made first
     * (ON CONFLICT DO NOTHING). Answer imports of one project run one at a time (ImportService), so two never race. {@code touched} is a table of the import's item ids.
     */
    public static Fragment takeSlots(String inserted, String touched, ProjectsRecord p) {
        long id = p.getId();
        boolean started = p.getBreadthFirst();
        String sql = """
                , imported_firsts AS (
                  SELECT DISTINCT ON (a.item_id, a.annotator_id) a.id, a.item_id, a.annotator_id, a.tier, a.created_at FROM %1$s a
                  WHERE NOT EXISTS (SELECT 1 FROM slots m WHERE m.project_id = ? AND m.item_id = a.item_id AND m.annotator_id = a.annotator_id)
                  ORDER BY a.item_id, a.annotator_id, a.id
                ), imported_ranked AS (
                  SELECT f.*, row_number() OVER (PARTITION BY f.item_id, f.tier ORDER BY f.id) AS r FROM imported_firsts f
                ), touched_slots AS (
                  SELECT s.item_id, s.tier, s.slot_no, (s.answer_id IS NULL AND (s.lease_id IS NULL OR s.expires_at < now())) AS free
                  FROM slots s JOIN %2$s t ON t.item_id = s.item_id WHERE s.project_id = ?
                ), free_slots AS (
                  SELECT item_id, tier, slot_no, row_number() OVER (PARTITION BY item_id, tier ORDER BY slot_no) AS r
                  FROM touched_slots WHERE free
                ), slot_tops AS (
                  SELECT item_id, tier, max(slot_no) AS top, count(*) FILTER (WHERE free) AS nfree FROM touched_slots GROUP BY item_id, tier
                ), imported_filled AS (
                  UPDATE slots s SET answer_id = k.id, filled_at = k.created_at, annotator_id = k.annotator_id, lease_id = NULL, expires_at = NULL, started = ?
                  FROM imported_ranked k JOIN free_slots f ON f.item_id = k.item_id AND f.tier = k.tier AND f.r = k.r
                  WHERE s.project_id = ? AND s.item_id = f.item_id AND s.tier = f.tier AND s.slot_no = f.slot_no
                    AND s.answer_id IS NULL AND (s.lease_id IS NULL OR s.expires_at < now())
                ), imported_appended AS (
                  INSERT INTO slots (project_id, item_id, tier, slot_no, priority, seq, started, annotator_id, answer_id, filled_at)
                  SELECT i.project_id, k.item_id, k.tier, coalesce(e.top, 0) + k.r - coalesce(e.nfree, 0), i.priority, i.seq, ?, k.annotator_id, k.id, k.created_at
                  FROM imported_ranked k JOIN items i ON i.project_id = ? AND i.id = k.item_id
                  LEFT JOIN slot_tops e ON e.item_id = k.item_id AND e.tier = k.tier
                  WHERE k.r > coalesce(e.nfree, 0)
                  ON CONFLICT DO NOTHING
                )
                """.formatted(inserted, touched);
        return new Fragment(sql, new Object[] {id, id, started, id, started, id});
    }

    /**
     * After the import's answers and slots are written: escalation is judged once per item over all its crowd
     * answers, then the touched items get their next free slot where the overlap is not reached (and lose free rows
     * beyond it), experts' included on items escalated just now.
     */
    public static void settle(DSLContext tx, ProjectsRecord p, String touched) {
        long t0 = System.nanoTime();
        Escalation.afterImport(tx, p, touched);
        long t1 = System.nanoTime();
        SlotSync.touched(tx, p, touched);
        java.util.logging.Logger.getLogger(ImportedAnswers.class.getName()).info(String.format(
                "settled: escalation %d ms, slot sync %d ms", (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000));
    }
}
