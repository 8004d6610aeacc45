package dev.kappa.assignment;

import dev.kappa.db.tables.records.ProjectsRecord;

/**
 * The CTEs by which imported answers take slots ({@link ImportedAnswers#takeSlots}), as SQL text with {@code ?} bind
 * values, because the import appends them to its own insert: {@code %1$s} is the CTE of inserted answers and
 * {@code %2$s} the table of touched item ids, both identifiers the import names, never values.
 * <p>
 * Each new answer takes first the item's free rows of its tier (free, or leased and expired) in slot order, then new
 * rows numbered on from the item's highest slot. All rows are read from one snapshot, so the two never collide; a free
 * row leased by next-task between that snapshot and the update is left to its holder (the re-checked WHERE fails) and
 * the answer it would have filled stays a plain answer, as does one whose new row a concurrent next-task made first
 * (ON CONFLICT DO NOTHING). Answer imports of one project run one at a time (ImportService), so two never race.
 */
final class ImportedAnswersSql {
    private static final String TAKE_SLOTS = """
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
            """;

    private ImportedAnswersSql() {
    }

    static ImportedAnswers.Fragment takeSlots(String inserted, String touched, ProjectsRecord p) {
        long id = p.getId();
        boolean started = p.getBreadthFirst();
        return new ImportedAnswers.Fragment(TAKE_SLOTS.formatted(inserted, touched), new Object[] {id, id, started, id, started, id});
    }
}
