package dev.kappa.hardness;

import dev.kappa.db.tables.records.HardnessClassesRecord;
import dev.kappa.db.tables.records.HardnessStateRecord;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jooq.DSLContext;

import java.time.Instant;
import java.util.ArrayList;
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

    /** The ranking of one run's classes, and when it was computed against which reference. */
    record Classes(Long runId, String reference, Instant computedAt, boolean pending, List<ClassRow> classes) {
    }

    /** One class: its rank, F1 with the counts behind it, and how weak it looks. */
    record ClassRow(int rank, @JsonProperty("class") String classKey, Double f1, Double precision, Double recall,
                    Integer support, Integer predicted, Integer truePos, Integer falsePos, Integer falseNeg,
                    Integer unlabeledPredicted, Double weakness, Double weaknessWhenPredicted, Double weaknessWhenLabeled) {
    }

    static Classes of(DSLContext tx, long projectId, Long runId) {
        HardnessStateRecord state = tx.selectFrom(HARDNESS_STATE).where(HARDNESS_STATE.PROJECT_ID.eq(projectId)).fetchOne();
        List<ClassRow> classes = new ArrayList<>();
        Classes out = new Classes(runId, state == null ? null : state.getReference(),
                state == null ? null : state.getComputedAt().toInstant(), SettingsRepository.dirty(tx, projectId), classes);
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
            classes.add(new ClassRow(++rank, r.getClassKey(), r.getF1Score(), r.getPrecisionScore(), r.getRecallScore(),
                    r.getSupport(), r.getPredicted(), r.getTruePos(), r.getFalsePos(), r.getFalseNeg(), r.getUnlabeled(),
                    r.getWeakness(), r.getWeaknessPredicted(), r.getWeaknessLabeled()));
        }
        return out;
    }
}
