package dev.kappa.hardness;

import dev.kappa.stats.Classification;

/**
 * Hardness of every item of a project for one model run: the signals, their weighted mean and the reasons. Pure:
 * arrays in (one entry per item), arrays out. Class weakness compares the run's labels with the reference on the
 * items that have both.
 */
public final class Hardness {
    /** A signal at or above this raises its reason code. */
    public static final double FLAG = 0.5;

    private Hardness() {
    }

    /**
     * Everything known about the items. {@code predicted}: the run's class, -1 without a prediction;
     * {@code uncertainty}: NaN where not computable; {@code consensus}: -1 unresolved or unanswered, with
     * {@code support} of that label; {@code gold}: -1 without; {@code againstGold}: share of answers that differ
     * from gold, NaN without gold or answers; {@code reference}: the class F1 is measured against, -1 without.
     */
    public record Inputs(int k, int[] predicted, double[] uncertainty, int[] consensus, double[] support,
                         int[] answers, double[] majorityShare, double[] entropyBits, int[] gold,
                         double[] againstGold, int[] reference) {
        public int size() {
            return predicted.length;
        }
    }

    /** Per item signals (NaN: not computable), score, reason mask; per class the run's report and weakness. */
    public record Result(double[] score, double[] uncertainty, double[] modelDisagreement, double[] humanDisagreement,
                         double[] classWeakness, double[] goldConflict, int[] reasons, boolean[] modelWrong,
                         Classification.Report classes, ClassWeakness weakness) {
    }

    /**
     * Per class, as in use (after {@link Signals#settle}): 1 - F1 for the report and the weak-class reason,
     * 1 - precision for items the model puts in the class, 1 - recall for items people put in it. NaN where undefined.
     */
    public record ClassWeakness(double[] f1, double[] predicted, double[] labeled) {
        static ClassWeakness of(Classification.Report report, ClassWeakness previous) {
            return new ClassWeakness(
                    Signals.settle(previous == null ? null : previous.f1(), Signals.classWeakness(report), WEAKNESS_STEP),
                    Signals.settle(previous == null ? null : previous.predicted(), Signals.predictedWeakness(report), WEAKNESS_STEP),
                    Signals.settle(previous == null ? null : previous.labeled(), Signals.labeledWeakness(report), WEAKNESS_STEP));
        }
    }

    /** Class weakness moves only in steps at least this large (see {@link Signals#settle}). */
    public static final double WEAKNESS_STEP = 0.02;

    /** {@code previousWeakness}: the per-class weakness in use so far (null, or NaN entries, where none). */
    public static Result compute(Inputs in, Weights w, Signals.Human human, ClassWeakness previousWeakness) {
        int n = in.size();
        int[] scoredReference = new int[n];
        for (int i = 0; i < n; i++) {
            scoredReference[i] = in.predicted()[i] >= 0 ? in.reference()[i] : -1;
        }
        Classification.Report report = Classification.of(in.predicted(), scoredReference, in.k());
        ClassWeakness weakness = ClassWeakness.of(report, previousWeakness);
        double macro = report.macroF1().defined() ? report.macroF1().value() : Double.NaN;
        double[] score = new double[n];
        double[] md = new double[n];
        double[] hd = new double[n];
        double[] cw = new double[n];
        double[] gc = new double[n];
        int[] reasons = new int[n];
        boolean[] wrong = new boolean[n];
        for (int i = 0; i < n; i++) {
            int pred = in.predicted()[i];
            int cons = in.consensus()[i];
            int labeled = cons >= 0 ? cons : in.gold()[i];
            double u = in.uncertainty()[i];
            md[i] = Signals.modelDisagreement(pred, cons, in.support()[i]);
            hd[i] = human.of(in.answers()[i], in.k(), in.majorityShare()[i], in.entropyBits()[i]);
            cw[i] = Signals.itemWeakness(weakness.predicted(), weakness.labeled(), pred, labeled);
            gc[i] = Signals.goldConflict(pred, in.gold()[i], in.againstGold()[i]);
            score[i] = w.score(u, md[i], hd[i], cw[i], gc[i]);
            wrong[i] = pred >= 0 && cons >= 0 && pred != cons;
            int r = 0;
            r |= u >= FLAG ? Reason.UNCERTAIN.bit() : 0;
            r |= wrong[i] ? Reason.MODEL_WRONG.bit() : 0;
            r |= hd[i] >= FLAG ? Reason.ANNOTATORS_DISAGREE.bit() : 0;
            r |= weak(weakness.f1(), macro, pred) || weak(weakness.f1(), macro, labeled) ? Reason.WEAK_CLASS.bit() : 0;
            r |= pred >= 0 && in.gold()[i] >= 0 && pred != in.gold()[i] ? Reason.MODEL_CONTRADICTS_GOLD.bit() : 0;
            r |= in.againstGold()[i] > 0 ? Reason.ANSWERS_CONTRADICT_GOLD.bit() : 0;
            reasons[i] = r;
        }
        return new Result(score, in.uncertainty().clone(), md, hd, cw, gc, reasons, wrong, report, weakness);
    }

    /** A class is weak when its F1 is below the run's macro-F1: worse than the model's average class. */
    private static boolean weak(double[] weakness, double macroF1, int c) {
        return c >= 0 && !Double.isNaN(weakness[c]) && !Double.isNaN(macroF1) && 1 - weakness[c] < macroF1 - 1e-12;
    }
}
