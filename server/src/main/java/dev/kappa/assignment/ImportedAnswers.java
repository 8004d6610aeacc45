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
     * CTEs that give each new answer of {@code inserted} (a CTE returning id, item_id, annotator_id, tier, created_at) a
     * slot of its tier on its item, where one is free or can be added; an answer that finds none stays a plain answer.
     * {@code touched} is a table of the import's item ids. The SQL, and why it never collides, is in
     * {@link ImportedAnswersSql}.
     */
    public static Fragment takeSlots(String inserted, String touched, ProjectsRecord p) {
        return ImportedAnswersSql.takeSlots(inserted, touched, p);
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
