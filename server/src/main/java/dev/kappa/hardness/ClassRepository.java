package dev.kappa.hardness;

import dev.kappa.analysis.LabelSpace;
import dev.kappa.db.tables.records.HardnessClassesRecord;
import dev.kappa.stats.Classification;
import dev.kappa.stats.Estimate;
import org.jooq.DSLContext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.kappa.db.Tables.HARDNESS_CLASSES;

/** Per-class model quality of each run (V050 hardness_classes): written by the recompute, read by the report. */
final class ClassRepository {
    private ClassRepository() {
    }

    /** The weakness each class of the run was scored with last time; NaN where none. */
    static Hardness.ClassWeakness weaknessInUse(DSLContext tx, long projectId, long runId, LabelSpace space) {
        double[] f1 = nan(space.size());
        double[] predicted = nan(space.size());
        double[] labeled = nan(space.size());
        for (HardnessClassesRecord r : tx.selectFrom(HARDNESS_CLASSES)
                .where(HARDNESS_CLASSES.PROJECT_ID.eq(projectId), HARDNESS_CLASSES.RUN_ID.eq(runId)).fetch()) {
            int c = space.classOf(r.getClassKey());
            if (c >= 0) {
                f1[c] = orNaN(r.getWeakness());
                predicted[c] = orNaN(r.getWeaknessPredicted());
                labeled[c] = orNaN(r.getWeaknessLabeled());
            }
        }
        return new Hardness.ClassWeakness(f1, predicted, labeled);
    }

    private static double[] nan(int k) {
        double[] a = new double[k];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    private static double orNaN(Double d) {
        return d == null ? Double.NaN : d;
    }

    private static Double orNull(double d) {
        return Double.isFinite(d) ? d : null;
    }

    /** Replaces the run's rows. {@code predicted}: the run's class per item; {@code reference}: -1 where none. */
    static void replace(DSLContext tx, long projectId, long runId, LabelSpace space, Hardness.Result r,
                        int[] predicted, int[] reference) {
        Classification.Report report = r.classes();
        int k = space.size();
        int[] unlabeled = new int[k];
        int[] predictedWithReference = new int[k];
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] >= 0 && reference[i] < 0) {
                unlabeled[predicted[i]]++;
            }
        }
        for (int[] row : report.confusion()) {
            for (int c = 0; c < k; c++) {
                predictedWithReference[c] += row[c];
            }
        }
        tx.deleteFrom(HARDNESS_CLASSES).where(HARDNESS_CLASSES.PROJECT_ID.eq(projectId), HARDNESS_CLASSES.RUN_ID.eq(runId)).execute();
        List<HardnessClassesRecord> rows = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            HardnessClassesRecord row = tx.newRecord(HARDNESS_CLASSES);
            int tp = report.confusion()[c][c];
            row.setProjectId(projectId);
            row.setRunId(runId);
            row.setClassKey(space.keys().get(c));
            row.setF1Score(value(report.f1()[c]));
            row.setPrecisionScore(value(report.precision()[c]));
            row.setRecallScore(value(report.recall()[c]));
            row.setSupport(report.support()[c]);
            row.setPredicted(predictedWithReference[c]);
            row.setTruePos(tp);
            row.setFalsePos(predictedWithReference[c] - tp);
            row.setFalseNeg(report.support()[c] - tp);
            row.setUnlabeled(unlabeled[c]);
            row.setWeakness(orNull(r.weakness().f1()[c]));
            row.setWeaknessPredicted(orNull(r.weakness().predicted()[c]));
            row.setWeaknessLabeled(orNull(r.weakness().labeled()[c]));
            rows.add(row);
        }
        tx.batchInsert(rows).execute();
    }

    private static Double value(Estimate e) {
        return e.defined() ? e.value() : null;
    }
}
