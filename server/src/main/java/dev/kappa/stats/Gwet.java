package dev.kappa.stats;

/**
 * Gwet's AC1 for several raters with missing ratings: K. L. Gwet, "Computing inter-rater reliability and
 * its variance in the presence of high agreement", British Journal of Mathematical and Statistical
 * Psychology 61, 2008, in the missing-data form of Gwet's Handbook of Inter-Rater Reliability:
 * <pre>  pa = mean over items with m_i >= 2 of sum_k n_ik (n_ik - 1) / (m_i (m_i - 1))
 *   pi_k = mean over items with m_i >= 1 of n_ik / m_i,   pe = sum_k pi_k (1 - pi_k) / (q - 1)
 *   AC1 = (pa - pe) / (1 - pe)</pre>
 * q is the number of classes of the Ratings (so declared but unused classes count, as in Gwet).
 * Unlike kappa, AC1 is defined (= 1) when every answer has the same label.
 */
public final class Gwet {
    private Gwet() {
    }

    public static Estimate ac1(Ratings r) {
        int q = r.nClasses;
        int[] counts = r.itemClassCounts();
        double[] pi = new double[q];
        double pa = 0;
        int paItems = 0;
        int piItems = 0;
        for (int i = 0; i < r.nItems; i++) {
            int m = r.answersOn(i);
            if (m == 0) {
                continue;
            }
            piItems++;
            double s = 0;
            for (int c = 0; c < q; c++) {
                double x = counts[i * q + c];
                pi[c] += x / m;
                s += x * (x - 1);
            }
            if (m >= 2) {
                pa += s / ((double) m * (m - 1));
                paItems++;
            }
        }
        if (paItems == 0) {
            return Estimate.undefined(r.noPairsReason());
        }
        if (q < 2) {
            return Estimate.undefined("one class"); // pe has q - 1 = 0 in its denominator
        }
        pa /= paItems;
        double pe = 0;
        for (int c = 0; c < q; c++) {
            double p = pi[c] / piItems;
            pe += p * (1 - p);
        }
        pe /= q - 1;
        return Estimate.of((pa - pe) / (1 - pe));
    }
}
