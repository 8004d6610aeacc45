package dev.kappa.study;

import dev.kappa.auth.Tier;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The SQL that serves study tasks. Plain bound SQL through jOOQ: the NOT EXISTS chains read more clearly as SQL.
 * Every query filters on project_id first, like the rest of Kappa's hot queries.
 */
final class StudyRepository {
    /** A study's next item in one phase for one annotator, in the study's order. */
    private static final String NEXT_ITEM = """
            SELECT si.item_id, si.position FROM study_items si
            WHERE si.project_id = ? AND si.study_id = ? AND si.phase = ?
              AND NOT EXISTS (SELECT 1 FROM study_tasks t WHERE t.project_id = si.project_id AND t.study_id = si.study_id
                              AND t.item_id = si.item_id AND t.annotator_id = ?)
              AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.project_id = si.project_id AND a.item_id = si.item_id AND a.annotator_id = ?)
              AND NOT EXISTS (SELECT 1 FROM skips k WHERE k.project_id = si.project_id AND k.item_id = si.item_id AND k.annotator_id = ?)
              AND NOT EXISTS (SELECT 1 FROM leases l WHERE l.project_id = si.project_id AND l.annotator_id = ? AND l.item_id = si.item_id
                              AND l.closed_at IS NULL AND l.expires_at > now())
              AND (si.phase <> 'measurement' OR (
                    SELECT count(*) FROM study_tasks t JOIN leases l ON l.project_id = t.project_id AND l.id = t.lease_id
                    WHERE t.project_id = si.project_id AND t.study_id = si.study_id AND t.item_id = si.item_id
                      AND (l.outcome = 'answered' OR (l.closed_at IS NULL AND l.expires_at > now()))) < ?)
            ORDER BY si.position
            LIMIT 1
            """;

    private StudyRepository() {
    }

    record Candidate(long itemId, int position) {
    }

    record Served(OffsetDateTime expiresAt, String externalId, String data) {
    }

    /** An annotator's standing in a study. */
    record Standing(Double score, OffsetDateTime qualificationDone, Boolean qualified, OffsetDateTime toldAt) {
    }

    static List<StudyRow> running(DSLContext tx, long projectId, Tier tier) {
        return tx.resultQuery("SELECT * FROM baseline_studies WHERE project_id = ? AND tier = ? AND status = 'running' ORDER BY id",
                projectId, tier.getLiteral()).fetch(StudyRow::of);
    }

    static List<StudyRow> all(DSLContext tx, long projectId) {
        return tx.resultQuery("SELECT * FROM baseline_studies WHERE project_id = ? ORDER BY id", projectId).fetch(StudyRow::of);
    }

    static Optional<StudyRow> one(DSLContext tx, long projectId, long studyId) {
        return tx.resultQuery("SELECT * FROM baseline_studies WHERE project_id = ? AND id = ?", projectId, studyId)
                .fetchOptional().map(StudyRow::of);
    }

    /** Joins the annotator to the study (once) and returns their standing. */
    static Standing join(DSLContext tx, long projectId, long studyId, long annotatorId) {
        tx.execute("INSERT INTO study_annotators (project_id, study_id, annotator_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                projectId, studyId, annotatorId);
        Record r = tx.resultQuery("SELECT qualification_score, qualification_done, qualified, told_at FROM study_annotators "
                + "WHERE project_id = ? AND study_id = ? AND annotator_id = ?", projectId, studyId, annotatorId).fetchOne();
        return new Standing(r.get(0, Double.class), r.get(1, OffsetDateTime.class), r.get(2, Boolean.class), r.get(3, OffsetDateTime.class));
    }

    static Optional<Candidate> nextItem(DSLContext tx, long projectId, long studyId, StudyPhase phase, long annotatorId, int votes) {
        return tx.resultQuery(NEXT_ITEM, projectId, studyId, phase.getLiteral(), annotatorId, annotatorId, annotatorId, annotatorId, votes)
                .fetchOptional(r -> new Candidate(r.get(0, Long.class), r.get(1, Integer.class)));
    }

    /** How many items of the phase this annotator has been served (the one just served included). */
    static int servedInPhase(DSLContext tx, long projectId, long studyId, long annotatorId, StudyPhase phase) {
        return tx.resultQuery("SELECT count(*)::int FROM study_tasks WHERE project_id = ? AND study_id = ? AND annotator_id = ? AND phase = ?",
                projectId, studyId, annotatorId, phase.getLiteral()).fetchOne(0, Integer.class);
    }

    /** Leases the item to the annotator as a study task and reads the item for the task view. */
    static Served lease(DSLContext tx, long projectId, long studyId, StudyPhase phase, long itemId, long annotatorId, Tier tier,
                        UUID lease, int ttlSeconds) {
        OffsetDateTime expires = tx.resultQuery("INSERT INTO leases (project_id, id, item_id, annotator_id, tier, slot_no, expires_at) "
                        + "VALUES (?, ?, ?, ?, ?, NULL, now() + make_interval(secs => ?)) RETURNING expires_at",
                projectId, lease, itemId, annotatorId, tier.getLiteral(), ttlSeconds).fetchOne(0, OffsetDateTime.class);
        tx.execute("INSERT INTO study_tasks (project_id, study_id, lease_id, item_id, annotator_id, phase) VALUES (?, ?, ?, ?, ?, ?)",
                projectId, studyId, lease, itemId, annotatorId, phase.getLiteral());
        Record item = tx.resultQuery("SELECT external_id, data::text FROM items WHERE project_id = ? AND id = ?", projectId, itemId).fetchOne();
        return new Served(expires, item.get(0, String.class), item.get(1, String.class));
    }

    /** Study leases of the annotator in training or qualification that are still open. */
    static int openBeforeMeasurement(DSLContext tx, long projectId, long studyId, long annotatorId) {
        return tx.resultQuery("""
                SELECT count(*)::int FROM study_tasks t JOIN leases l ON l.project_id = t.project_id AND l.id = t.lease_id
                WHERE t.project_id = ? AND t.study_id = ? AND t.annotator_id = ? AND t.phase IN ('training', 'qualification')
                  AND l.closed_at IS NULL AND l.expires_at > now()""", projectId, studyId, annotatorId).fetchOne(0, Integer.class);
    }

    /** Qualification items served to the annotator and how many of them were answered with the gold label. */
    static int[] qualificationTally(DSLContext tx, long projectId, long studyId, long annotatorId) {
        Record r = tx.resultQuery("""
                SELECT count(*)::int, (count(*) FILTER (WHERE a.label = i.gold))::int
                FROM study_tasks t JOIN items i ON i.project_id = t.project_id AND i.id = t.item_id
                LEFT JOIN answers a ON a.project_id = t.project_id AND a.lease_id = t.lease_id
                WHERE t.project_id = ? AND t.study_id = ? AND t.annotator_id = ? AND t.phase = 'qualification'""",
                projectId, studyId, annotatorId).fetchOne();
        return new int[] {r.get(0, Integer.class), r.get(1, Integer.class)};
    }

    static void finishQualification(DSLContext tx, long projectId, long studyId, long annotatorId, double score) {
        tx.execute("UPDATE study_annotators SET qualification_score = ?, qualification_done = now() "
                + "WHERE project_id = ? AND study_id = ? AND annotator_id = ? AND qualification_done IS NULL",
                score, projectId, studyId, annotatorId);
    }

    /** How many have finished qualification, and the median of their scores (null when none). */
    static Record finishedAndMedian(DSLContext tx, long projectId, long studyId) {
        return tx.resultQuery("SELECT count(*)::int, percentile_cont(0.5) WITHIN GROUP (ORDER BY qualification_score) "
                + "FROM study_annotators WHERE project_id = ? AND study_id = ? AND qualification_done IS NOT NULL",
                projectId, studyId).fetchOne();
    }

    static void decide(DSLContext tx, long projectId, long studyId, long annotatorId, boolean qualified) {
        tx.execute("UPDATE study_annotators SET qualified = ?, decided_at = now() "
                + "WHERE project_id = ? AND study_id = ? AND annotator_id = ? AND qualified IS NULL",
                qualified, projectId, studyId, annotatorId);
    }

    static void told(DSLContext tx, long projectId, long studyId, long annotatorId) {
        tx.execute("UPDATE study_annotators SET told_at = now() WHERE project_id = ? AND study_id = ? AND annotator_id = ?",
                projectId, studyId, annotatorId);
    }

    /**
     * Measurement claims of one study run one at a time (a transaction-scoped advisory lock in the two-int key space,
     * which never meets the annotator locks' single-bigint keys), so two annotators never both take an item's last vote.
     */
    static void lockMeasurement(DSLContext tx, long studyId) {
        tx.resultQuery("SELECT pg_advisory_xact_lock(19, ?::int)", (int) studyId).fetch();
    }
}
