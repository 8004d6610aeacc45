package dev.kappa.study;

import org.jooq.DSLContext;
import org.jooq.Record;

import java.util.Optional;

/** The SQL of managing studies: create, progress, stop and resume, and a training answer's feedback. */
final class StudyAdminRepository {
    private StudyAdminRepository() {
    }

    /** The project's reference items (gold set), ids in id order with their canonical gold as JSON text. */
    static org.jooq.Result<Record> referenceItems(DSLContext tx, long projectId) {
        return tx.resultQuery("SELECT id, gold::text FROM items WHERE project_id = ? AND gold IS NOT NULL ORDER BY id", projectId).fetch();
    }

    static long insert(DSLContext tx, long projectId, StudyRequest r, long createdBy) {
        return tx.resultQuery("""
                INSERT INTO baseline_studies (project_id, name, tier, training_n, qualification_m, measurement_k, votes_v,
                  pass_rule, pass_accuracy, qualification_quorum, sampling, seed, pay_unit, pay_amount, currency, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
                projectId, r.name(), r.tier().getLiteral(), r.trainingN(), r.qualificationM(), r.measurementK(), r.votesV(), r.passRule(),
                r.passAccuracy(), r.qualificationQuorum(), r.sampling(), r.seed(), r.payUnit(), r.payAmount(), r.currency(),
                createdBy).fetchOne(0, Long.class);
    }

    static void insertItems(DSLContext tx, long projectId, long studyId, StudyPhase phase, long[] items) {
        Long[] boxed = java.util.Arrays.stream(items).boxed().toArray(Long[]::new);
        tx.execute("INSERT INTO study_items (project_id, study_id, phase, position, item_id) "
                + "SELECT ?, ?, ?, u.ord, u.item FROM unnest(?::bigint[]) WITH ORDINALITY AS u(item, ord)",
                projectId, studyId, phase.getLiteral(), boxed);
    }

    static void setStatus(DSLContext tx, long projectId, long studyId, StudyStatus status) {
        tx.execute("UPDATE baseline_studies SET status = ?, stopped_at = CASE WHEN ? = 'stopped' THEN now() END "
                + "WHERE project_id = ? AND id = ?", status.getLiteral(), status.getLiteral(), projectId, studyId);
    }

    static void rename(DSLContext tx, long projectId, long studyId, String name) {
        tx.execute("UPDATE baseline_studies SET name = ? WHERE project_id = ? AND id = ?", name, projectId, studyId);
    }

    static StudyProgress progress(DSLContext tx, long projectId, long studyId, int votes, int k) {
        Record a = tx.resultQuery("""
                SELECT count(*)::int,
                  (count(*) FILTER (WHERE qualified IS NOT NULL OR EXISTS (SELECT 1 FROM study_tasks t WHERE t.project_id = s.project_id
                     AND t.study_id = s.study_id AND t.annotator_id = s.annotator_id AND t.phase <> 'training')))::int,
                  (count(*) FILTER (WHERE qualification_done IS NOT NULL))::int,
                  (count(*) FILTER (WHERE qualification_done IS NOT NULL AND qualified IS NULL))::int,
                  (count(*) FILTER (WHERE qualified))::int,
                  (count(*) FILTER (WHERE NOT qualified))::int
                FROM study_annotators s WHERE project_id = ? AND study_id = ?""", projectId, studyId).fetchOne();
        Record m = tx.resultQuery("""
                WITH v AS (
                  SELECT t.item_id, t.annotator_id FROM study_tasks t JOIN answers x ON x.project_id = t.project_id AND x.lease_id = t.lease_id
                  WHERE t.project_id = ? AND t.study_id = ? AND t.phase = 'measurement')
                SELECT (SELECT count(DISTINCT annotator_id) FROM v)::int, (SELECT count(*) FROM v)::int,
                       (SELECT count(*) FROM (SELECT item_id FROM v GROUP BY item_id HAVING count(*) >= ?) c)::int""",
                projectId, studyId, votes).fetchOne();
        return new StudyProgress(a.get(0, Integer.class), a.get(1, Integer.class), a.get(2, Integer.class), a.get(3, Integer.class),
                a.get(4, Integer.class), a.get(5, Integer.class), m.get(0, Integer.class), m.get(1, Integer.class), votes * k,
                m.get(2, Integer.class));
    }

    /** The study task behind a lease, with its answer and the item's gold and explanation (meta.explanation). */
    static Optional<Record> leaseTask(DSLContext tx, long projectId, java.util.UUID lease) {
        return tx.resultQuery("""
                SELECT t.study_id, t.item_id, t.annotator_id, t.phase, a.label::text AS answer, i.gold::text AS gold,
                       i.meta ->> 'explanation' AS explanation
                FROM study_tasks t JOIN items i ON i.project_id = t.project_id AND i.id = t.item_id
                LEFT JOIN answers a ON a.project_id = t.project_id AND a.lease_id = t.lease_id
                WHERE t.project_id = ? AND t.lease_id = ?""", projectId, lease).fetchOptional();
    }
}
