package dev.kappa.stats;

/**
 * Observed (percent) agreement: the share of agreeing pairs of answers within items.
 */
public final class PercentAgreement {
    private PercentAgreement() {
    }

    /**
     * Krippendorff's convention (2004 p. 230, 2011): sum_c o_cc / n over the coincidence matrix, i.e. each
     * item's share of agreeing ordered pairs weighted by its number of answers m_u. Gives his published
     * .800 (example C), .740 (1980 p. 139), .600, .833. Items with fewer than two answers are skipped.
     */
    public static Estimate of(Ratings r) {
        double[] o = Krippendorff.coincidences(r);
        int k = r.nClasses;
        double agree = 0;
        double n = 0;
        for (int c = 0; c < k; c++) {
            agree += o[c * k + c];
            for (int d = 0; d < k; d++) {
                n += o[c * k + d];
            }
        }
        return n <= 0 ? Estimate.undefined(r.noPairsReason()) : Estimate.of(agree / n);
    }

    /**
     * Unweighted mean over items (with two or more answers) of each item's share of agreeing pairs,
     * sum_c n_ic (n_ic - 1) / (m_i (m_i - 1)): Fleiss' (1971) P-bar.
     */
    public static Estimate itemMean(Ratings r) {
        int[] counts = r.itemClassCounts();
        int k = r.nClasses;
        double sum = 0;
        int used = 0;
        for (int i = 0; i < r.nItems; i++) {
            int m = r.answersOn(i);
            if (m < 2) {
                continue;
            }
            double s = 0;
            for (int c = 0; c < k; c++) {
                double x = counts[i * k + c];
                s += x * (x - 1);
            }
            sum += s / ((double) m * (m - 1));
            used++;
        }
        return used == 0 ? Estimate.undefined(r.noPairsReason()) : Estimate.of(sum / used);
    }
}
