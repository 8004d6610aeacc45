package dev.kappa.study;

import org.jooq.DSLContext;
import org.jooq.Record;

import java.util.List;

/** The reads behind a study's report card, all of one study of one project (project_id first, as everywhere). */
final class ReportRepository {
    private ReportRepository() {
    }

    /** A measurement item in serving order, with its gold as JSON text (null without one). */
    record MeasurementItem(long itemId, String gold) {
    }

    /** A measurement answer as JSON text, with its time in ms (the client's, else the server's; null if neither). */
    record MeasurementAnswer(long itemId, long annotatorId, String label, Integer ms) {
    }

    /** All the study's answers (every phase) and their time, and the time of the measurement answers alone. */
    record Time(int answers, double allSeconds, double measurementSeconds) {
    }

    /** A model run's prediction on a measurement item, as JSON text. */
    record Prediction(long runId, String model, String version, long itemId, String label) {
    }

    static List<MeasurementItem> measurementItems(DSLContext tx, long projectId, long studyId) {
        // The gold is read now, so a corrected gold label counts.
        return tx.resultQuery("""
                SELECT si.item_id, i.gold::text FROM study_items si JOIN items i ON i.project_id = si.project_id AND i.id = si.item_id
                WHERE si.project_id = ? AND si.study_id = ? AND si.phase = 'measurement' ORDER BY si.position""", projectId, studyId)
                .fetch(r -> new MeasurementItem(r.get(0, Long.class), r.get(1, String.class)));
    }

    static List<MeasurementAnswer> measurementAnswers(DSLContext tx, long projectId, long studyId) {
        return tx.resultQuery("""
                SELECT t.item_id, t.annotator_id, a.label::text, coalesce(a.duration_ms, a.server_ms)
                FROM study_tasks t JOIN answers a ON a.project_id = t.project_id AND a.lease_id = t.lease_id
                WHERE t.project_id = ? AND t.study_id = ? AND t.phase = 'measurement' ORDER BY a.id""", projectId, studyId)
                .fetch(r -> new MeasurementAnswer(r.get(0, Long.class), r.get(1, Long.class), r.get(2, String.class), r.get(3, Integer.class)));
    }

    static Time time(DSLContext tx, long projectId, long studyId) {
        Record time = tx.resultQuery("""
                SELECT count(*)::int, coalesce(sum(coalesce(a.duration_ms, a.server_ms, 0)), 0)::float8 / 1000,
                       coalesce(sum(coalesce(a.duration_ms, a.server_ms, 0)) FILTER (WHERE t.phase = 'measurement'), 0)::float8 / 1000
                FROM study_tasks t JOIN answers a ON a.project_id = t.project_id AND a.lease_id = t.lease_id
                WHERE t.project_id = ? AND t.study_id = ?""", projectId, studyId).fetchOne();
        return new Time(time.get(0, Integer.class), time.get(1, Double.class), time.get(2, Double.class));
    }

    /** The qualification scores of those who finished qualification, in annotator order. */
    static double[] qualificationScores(DSLContext tx, long projectId, long studyId) {
        return tx.resultQuery("SELECT qualification_score FROM study_annotators WHERE project_id = ? AND study_id = ? "
                + "AND qualification_done IS NOT NULL ORDER BY annotator_id", projectId, studyId).fetch(0, Double.class).stream()
                .mapToDouble(Double::doubleValue).toArray();
    }

    /** Their median, null when no one has finished. */
    static Double medianQualificationScore(DSLContext tx, long projectId, long studyId) {
        return tx.resultQuery("SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY qualification_score) FROM study_annotators "
                + "WHERE project_id = ? AND study_id = ? AND qualification_done IS NOT NULL", projectId, studyId).fetchOne(0, Double.class);
    }

    /** In run order. */
    static List<Prediction> measurementPredictions(DSLContext tx, long projectId, long studyId) {
        return tx.resultQuery("""
                SELECT r.id, r.model, r.version, p.item_id, p.label::text
                FROM model_runs r JOIN predictions p ON p.project_id = r.project_id AND p.run_id = r.id
                JOIN study_items si ON si.project_id = p.project_id AND si.item_id = p.item_id
                WHERE r.project_id = ? AND si.study_id = ? AND si.phase = 'measurement' ORDER BY r.id""", projectId, studyId)
                .fetch(r -> new Prediction(r.get(0, Long.class), r.get(1, String.class), r.get(2, String.class),
                        r.get(3, Long.class), r.get(4, String.class)));
    }
}
