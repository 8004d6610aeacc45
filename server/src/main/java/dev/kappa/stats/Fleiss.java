package dev.kappa.stats;

/**
 * Fleiss' kappa, J. L. Fleiss, "Measuring nominal scale agreement among many raters", Psychological
 * Bulletin 76(5), 1971, with the per-category kappa_j of the same paper (category j against the rest):
 * <pre>  P_i = sum_j n_ij (n_ij - 1) / (m_i (m_i - 1)),  Pbar = mean_i P_i,  Pe = sum_j p_j^2,
 *   kappa = (Pbar - Pe) / (1 - Pe),  kappa_j = 1 - sum_i n_ij (m_i - n_ij) / (m_i (m_i - 1)) / (N p_j q_j)</pre>
 * Fleiss assumes the same number m of ratings per subject. We allow m_i to vary (each item normalised by its
 * own m_i, as statsmodels and irr do row-wise) and skip items with fewer than two ratings; with constant m
 * this is exactly Fleiss 1971. p_j is the share of all ratings (on used items) in category j.
 */
public final class Fleiss {
    private Fleiss() {
    }

    /** kappa, per-category kappas (category j against the rest), observed Pbar and chance Pe. */
    public record Result(Estimate kappa, Estimate[] perCategory, double observed, double expected, int items) {
    }

    public static Result of(Ratings r) {
        Result res = of(r.itemClassCounts(), r.nItems, r.nClasses);
        if (res.items == 0) {
            return empty(r.nClasses, r.noPairsReason());
        }
        return res;
    }

    /** From an items x categories count table (Fleiss' n_ij). */
    public static Result of(int[][] counts) {
        int k = counts.length == 0 ? 1 : counts[0].length;
        int[] flat = new int[counts.length * k];
        for (int i = 0; i < counts.length; i++) {
            if (counts[i].length != k) {
                throw new IllegalArgumentException("ragged count table at row " + i);
            }
            System.arraycopy(counts[i], 0, flat, i * k, k);
        }
        Result res = of(flat, counts.length, k);
        return res.items == 0 ? empty(k, counts.length == 0 ? Estimate.NO_DATA : Estimate.NO_PAIRS) : res;
    }

    static Result of(int[] counts, int nItems, int k) {
        double[] perCat = new double[k];
        double[] disagreeCat = new double[k];
        double total = 0;
        double sumP = 0;
        int used = 0;
        for (int i = 0; i < nItems; i++) {
            long m = 0;
            for (int c = 0; c < k; c++) {
                m += counts[i * k + c];
            }
            if (m < 2) {
                continue;
            }
            double norm = (double) m * (m - 1);
            double s = 0;
            for (int c = 0; c < k; c++) {
                double x = counts[i * k + c];
                s += x * (x - 1);
                perCat[c] += x;
                disagreeCat[c] += x * (m - x) / norm;
            }
            sumP += s / norm;
            total += m;
            used++;
        }
        if (used == 0) {
            return empty(k, Estimate.NO_PAIRS);
        }
        double pbar = sumP / used;
        double pe = 0;
        Estimate[] cats = new Estimate[k];
        for (int c = 0; c < k; c++) {
            double p = perCat[c] / total;
            pe += p * p;
            double pq = p * (1 - p);
            cats[c] = pq <= 0 ? Estimate.undefined(Estimate.NO_EXPECTED_DISAGREEMENT)
                    : Estimate.of(1.0 - disagreeCat[c] / (used * pq));
        }
        Estimate kappa = pe >= 1 ? Estimate.undefined(Estimate.NO_EXPECTED_DISAGREEMENT)
                : Estimate.of((pbar - pe) / (1 - pe));
        return new Result(kappa, cats, pbar, pe, used);
    }

    private static Result empty(int k, String reason) {
        Estimate[] cats = new Estimate[k];
        java.util.Arrays.fill(cats, Estimate.undefined(reason));
        return new Result(Estimate.undefined(reason), cats, 0, 0, 0);
    }
}
