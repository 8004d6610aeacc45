package dev.kappa.hardness;

import dev.kappa.db.tables.records.HardnessClassesRecord;
import dev.kappa.db.tables.records.HardnessStateRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.jooq.DSLContext;

import java.util.Comparator;
import java.util.List;

import static dev.kappa.db.Tables.HARDNESS_CLASSES;
import static dev.kappa.db.Tables.HARDNESS_STATE;

/**
 * Where to send more labels: the run's classes ranked by model F1 against the reference, weakest first (classes
 * without an F1 last), with the counts behind each F1 and how many unlabeled items the model puts in the class.
 */
final class ClassReport {
    private ClassReport() {
    }

    static JsonObject of(DSLContext tx, long projectId, Long runId) {
        HardnessStateRecord state = tx.selectFrom(HARDNESS_STATE).where(HARDNESS_STATE.PROJECT_ID.eq(projectId)).fetchOne();
        JsonArray classes = new JsonArray();
        JsonObject out = new JsonObject().put("run_id", runId)
                .put("reference", state == null ? null : state.getReference())
                .put("computed_at", state == null ? null : state.getComputedAt().toInstant())
                .put("pending", SettingsRepository.dirty(tx, projectId)).put("classes", classes);
        if (runId == null) {
            return out;
        }
        List<HardnessClassesRecord> rows = tx.selectFrom(HARDNESS_CLASSES)
                .where(HARDNESS_CLASSES.PROJECT_ID.eq(projectId), HARDNESS_CLASSES.RUN_ID.eq(runId)).fetch();
        rows.sort(Comparator.comparing(HardnessClassesRecord::getF1Score, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(HardnessClassesRecord::getSupport, Comparator.reverseOrder())
                .thenComparing(HardnessClassesRecord::getClassKey));
        int rank = 0;
        for (HardnessClassesRecord r : rows) {
            classes.add(new JsonObject().put("rank", ++rank).put("class", r.getClassKey()).put("f1", r.getF1Score())
                    .put("precision", r.getPrecisionScore()).put("recall", r.getRecallScore())
                    .put("support", r.getSupport()).put("predicted", r.getPredicted()).put("true_pos", r.getTruePos())
                    .put("false_pos", r.getFalsePos()).put("false_neg", r.getFalseNeg())
                    .put("unlabeled_predicted", r.getUnlabeled()).put("weakness", r.getWeakness())
                    .put("weakness_when_predicted", r.getWeaknessPredicted())
                    .put("weakness_when_labeled", r.getWeaknessLabeled()));
        }
        return out;
    }
}
