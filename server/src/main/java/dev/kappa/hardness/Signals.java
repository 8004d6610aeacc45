package dev.kappa.hardness;

import dev.kappa.stats.Classification;
import dev.kappa.stats.Estimate;

/**
 * The per-item signals other than model uncertainty ({@link Uncertainty}), each in [0, 1]. {@link #NONE} (NaN) marks
 * a signal that cannot be computed for the item; it never leaves the server as NaN (it is written as null).
 */
public final class Signals {
    public static final double NONE = Double.NaN;

    private Signals() {
    }

    /**
     * Model-human disagreement: 0 when the model agrees with the consensus, else the consensus' support for its own
     * label (its posterior under Dawid-Skene, its vote share under majority), so a confident consensus against the
     * model counts fully and a shaky one counts little. NONE without a prediction or a resolved consensus.
     */
    public static double modelDisagreement(int predicted, int consensus, double support) {
        if (predicted < 0 || consensus < 0) {
            return NONE;
        }
        return predicted == consensus ? 0 : clamp(support);
    }

    /** How people disagree on an item, with m answers over k classes; both measures are 0 for unanimity, 1 at most. */
    public enum Human {
        /** Vote entropy over its largest possible value log2(min(k, m)). */
        ENTROPY("entropy"),
        /** Low agreement: (1 - majority share) over its largest possible value 1 - 1 / min(k, m). */
        AGREEMENT("agreement");

        private final String key;

        Human(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        public static Human of(String key) {
            for (Human h : values()) {
                if (h.key.equals(key)) {
                    return h;
                }
            }
            return null;
        }

        /** NONE with fewer than two answers: one answer cannot disagree with anything. */
        public double of(int answers, int k, double majorityShare, double entropyBits) {
            int most = Math.min(k, answers);
            if (answers < 2 || most < 2) {
                return NONE;
            }
            return clamp(this == ENTROPY ? entropyBits / (Math.log(most) / Math.log(2))
                    : (1 - majorityShare) / (1 - 1.0 / most));
        }
    }

    /**
     * Gold conflict: 1 when the model's label contradicts gold; otherwise the share of answers that contradict it
     * (people find the item confusing). NONE without gold, or without both a prediction and an answer.
     */
    public static double goldConflict(int predicted, int gold, double answersAgainstGold) {
        if (gold < 0) {
            return NONE;
        }
        if (predicted >= 0 && predicted != gold) {
            return 1;
        }
        if (!Double.isNaN(answersAgainstGold)) {
            return clamp(answersAgainstGold);
        }
        return predicted >= 0 ? 0 : NONE;
    }

    /** Weakness per class: 1 - F1 of the model against the reference; NONE where F1 is undefined. */
    public static double[] classWeakness(Classification.Report report) {
        return complement(report.f1());
    }

    /**
     * Per class c, the share of the model's "c" labels that the reference contradicts: 1 - precision(c). This is the
     * part of F1 that says how likely an unlabeled item the model puts in c is wrong, so a class that absorbs another
     * class' errors ranks its items high, while a class whose items the model merely misses (low recall, high
     * precision) does not pull up the items it does predict, which are mostly right.
     */
    public static double[] predictedWeakness(Classification.Report report) {
        return complement(report.precision());
    }

    /** Per class c, the share of reference "c" items the model gets wrong: 1 - recall(c), the miss rate of c. */
    public static double[] labeledWeakness(Classification.Report report) {
        return complement(report.recall());
    }

    private static double[] complement(Estimate[] estimates) {
        double[] w = new double[estimates.length];
        for (int c = 0; c < w.length; c++) {
            w[c] = estimates[c].defined() ? clamp(1 - estimates[c].value()) : NONE;
        }
        return w;
    }

    /**
     * Hysteresis: a class keeps the weakness in use until the fresh estimate has moved by at least {@code step}.
     * Each answer shifts a class' precision and recall a little; without this, every answer would rewrite the score
     * of every item of the class, and so the queue order of all of them, for a change nobody could see.
     */
    public static double[] settle(double[] previous, double[] fresh, double step) {
        double[] out = fresh.clone();
        if (previous == null) {
            return out;
        }
        for (int c = 0; c < out.length && c < previous.length; c++) {
            if (!Double.isNaN(previous[c]) && !Double.isNaN(fresh[c]) && Math.abs(fresh[c] - previous[c]) < step) {
                out[c] = previous[c];
            }
        }
        return out;
    }

    /**
     * An item's class weakness: the larger of the model's error rate on the class it predicts (1 - precision) and its
     * miss rate on the class people gave the item (1 - recall). F1 is the harmonic mean of the two sides; each item
     * takes the side that says something about it.
     */
    public static double itemWeakness(double[] byPredicted, double[] byLabel, int predicted, int labeled) {
        double a = predicted >= 0 ? byPredicted[predicted] : NONE;
        double b = labeled >= 0 ? byLabel[labeled] : NONE;
        if (Double.isNaN(a)) {
            return b;
        }
        return Double.isNaN(b) ? a : Math.max(a, b);
    }

    static double clamp(double x) {
        return Math.min(1, Math.max(0, x));
    }
}
