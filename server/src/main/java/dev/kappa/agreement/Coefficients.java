package dev.kappa.agreement;

import dev.kappa.stats.Cohen;
import dev.kappa.stats.Estimate;
import dev.kappa.stats.Fleiss;
import dev.kappa.stats.Gwet;
import dev.kappa.stats.Krippendorff;
import dev.kappa.stats.PairwiseCohen;
import dev.kappa.stats.PerLabel;
import dev.kappa.stats.PercentAgreement;
import dev.kappa.stats.Ratings;

/**
 * The agreement coefficients of one data set as a flat array in a fixed order, so that one bootstrap resampling
 * serves them all: percent agreement, mean pairwise Cohen's kappa, Fleiss' kappa, nominal alpha, Gwet's AC1,
 * then ordinal and interval alpha for a rating scale, then per label (one against the rest) alpha, Fleiss'
 * kappa and specific agreement. {@code originalPairs} are the pairwise kappas of {@code original}, already computed.
 */
record Coefficients(boolean scale, int perLabel, int minShared, Ratings original, PairwiseCohen.Result originalPairs) {
    static final int PERCENT = 0;
    static final int COHEN = 1;
    static final int FLEISS = 2;
    static final int ALPHA_NOMINAL = 3;
    static final int AC1 = 4;
    static final int ALPHA_ORDINAL = 5;
    static final int ALPHA_INTERVAL = 6;

    /** Where label {@code c}'s three per-label statistics start. */
    int labelAt(int c) {
        return (scale ? 7 : 5) + 3 * c;
    }

    int length() {
        return labelAt(perLabel);
    }

    Estimate[] compute(Ratings r) {
        Estimate[] out = new Estimate[length()];
        out[PERCENT] = PercentAgreement.of(r);
        // the pairs of the original data are listed anyway; the point estimate reuses them
        out[COHEN] = (r == original ? originalPairs : PairwiseCohen.of(r, minShared, Cohen.Weights.NONE)).mean();
        out[FLEISS] = Fleiss.of(r).kappa();
        out[ALPHA_NOMINAL] = Krippendorff.alpha(r, Krippendorff.Metric.NOMINAL);
        out[AC1] = Gwet.ac1(r);
        if (scale) {
            // a rating's class c is the value c + 1, so class distances are the scale's distances
            out[ALPHA_ORDINAL] = Krippendorff.alpha(r, Krippendorff.Metric.ORDINAL);
            out[ALPHA_INTERVAL] = Krippendorff.alpha(r, Krippendorff.Metric.INTERVAL);
        }
        if (perLabel > 0) {
            PerLabel.LabelAgreement[] labels = PerLabel.of(r);
            for (int c = 0; c < perLabel; c++) {
                out[labelAt(c)] = labels[c].alpha();
                out[labelAt(c) + 1] = labels[c].kappa();
                out[labelAt(c) + 2] = labels[c].specificAgreement();
            }
        }
        return out;
    }
}
