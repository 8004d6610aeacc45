package dev.kappa.stats;

/**
 * Krippendorff's alpha by the coincidence-matrix method of K. Krippendorff, "Computing Krippendorff's
 * Alpha-Reliability" (2011), also Content Analysis (2004) ch. 11:
 * <pre>  alpha = 1 - (n - 1) * sum_ck o_ck delta2_ck / sum_ck n_c n_k delta2_ck</pre>
 * where o_ck are the coincidences of values c and k within units, n_c their marginals and n the number of
 * pairable values. Any number of answers per item, missing answers allowed; a unit with a single value
 * cannot be paired and contributes nothing. Replicate answers by one annotator count as separate values.
 */
public final class Krippendorff {
    private Krippendorff() {
    }

    /** Difference functions delta2 (metrics) of Krippendorff 2011. */
    public enum Metric { NOMINAL, ORDINAL, INTERVAL, RATIO }

    /**
     * Coincidence matrix, flat {@code o[c * k + d]}: every unit u with m_u >= 2 values adds
     * n_uc * n_ud / (m_u - 1) for c != d and n_uc (n_uc - 1) / (m_u - 1) on the diagonal.
     */
    public static double[] coincidences(Ratings r) {
        int k = r.nClasses;
        double[] o = new double[k * k];
        int[] tally = new int[k];
        int[] present = new int[k];
        for (int i = 0; i < r.nItems; i++) {
            int m = r.answersOn(i);
            if (m < 2) {
                continue;
            }
            int distinct = 0;
            for (int q = r.start[i]; q < r.start[i + 1]; q++) {
                int c = r.label[r.order[q]];
                if (tally[c]++ == 0) {
                    present[distinct++] = c;
                }
            }
            double w = 1.0 / (m - 1);
            for (int x = 0; x < distinct; x++) {
                int c = present[x];
                for (int y = 0; y < distinct; y++) {
                    int d = present[y];
                    double pairs = c == d ? (double) tally[c] * (tally[c] - 1) : (double) tally[c] * tally[d];
                    o[c * k + d] += pairs * w;
                }
            }
            for (int x = 0; x < distinct; x++) {
                tally[present[x]] = 0;
            }
        }
        return o;
    }

    public static Estimate alpha(Ratings r, Metric metric) {
        return alpha(r, metric, null);
    }

    /**
     * @param classValues numeric value of each class for INTERVAL and RATIO (null: the class index);
     *                    ORDINAL uses only the class index order and the value frequencies.
     */
    public static Estimate alpha(Ratings r, Metric metric, double[] classValues) {
        double[] o = coincidences(r);
        Estimate a = alpha(o, r.nClasses, metric, classValues);
        return !a.defined() && a.reason().equals(Estimate.NO_PAIRS) ? Estimate.undefined(r.noPairsReason()) : a;
    }

    /** Alpha from a coincidence matrix ({@link #coincidences}). */
    public static Estimate alpha(double[] o, int k, Metric metric, double[] classValues) {
        double[] nc = marginals(o, k);
        double n = 0;
        for (double v : nc) {
            n += v;
        }
        if (n <= 0) {
            return Estimate.undefined(Estimate.NO_PAIRS);
        }
        double[][] d2 = delta2(nc, metric, classValues);
        double observed = 0;
        double expected = 0;
        for (int c = 0; c < k; c++) {
            for (int d = 0; d < k; d++) {
                observed += o[c * k + d] * d2[c][d];
                expected += nc[c] * nc[d] * d2[c][d];
            }
        }
        if (expected <= 0) {
            return Estimate.undefined(Estimate.NO_EXPECTED_DISAGREEMENT);
        }
        return Estimate.of(1.0 - (n - 1) * observed / expected);
    }

    static double[] marginals(double[] o, int k) {
        double[] nc = new double[k];
        for (int c = 0; c < k; c++) {
            for (int d = 0; d < k; d++) {
                nc[c] += o[c * k + d];
            }
        }
        return nc;
    }

    /** Squared differences of Krippendorff 2011 (the ordinal one uses the value frequencies n_g). */
    static double[][] delta2(double[] nc, Metric metric, double[] values) {
        int k = nc.length;
        if (values != null && values.length != k) {
            throw new IllegalArgumentException("need one value per class: " + k);
        }
        double[] cum = new double[k + 1];
        for (int g = 0; g < k; g++) {
            cum[g + 1] = cum[g] + nc[g];
        }
        double[][] d2 = new double[k][k];
        for (int c = 0; c < k; c++) {
            for (int d = 0; d < k; d++) {
                double vc = values == null ? c : values[c];
                double vd = values == null ? d : values[d];
                double x;
                switch (metric) {
                    case NOMINAL -> x = c == d ? 0 : 1;
                    case ORDINAL -> {
                        // (sum_{g=c..d} n_g - (n_c + n_d) / 2)^2 for c <= d
                        int lo = Math.min(c, d);
                        int hi = Math.max(c, d);
                        double s = cum[hi + 1] - cum[lo] - (nc[c] + nc[d]) / 2.0;
                        x = c == d ? 0 : s * s;
                    }
                    case INTERVAL -> x = (vc - vd) * (vc - vd);
                    case RATIO -> {
                        // ((c - k) / (c + k))^2, taken as 0 when both values are 0
                        double sum = vc + vd;
                        x = sum == 0 ? 0 : ((vc - vd) / sum) * ((vc - vd) / sum);
                    }
                    default -> throw new IllegalStateException();
                }
                d2[c][d] = x;
            }
        }
        return d2;
    }

    /**
     * Alpha for each class against all others (the class-specific alpha of Krippendorff 1980,
     * e.g. .381 .711 .717 .764 for his p. 139 data): nominal alpha of the binarised coincidence matrix,
     * alpha_c = 1 - (n - 1) (n_c - o_cc) / (n_c (n - n_c)).
     */
    public static Estimate[] perCategory(Ratings r) {
        int k = r.nClasses;
        double[] o = coincidences(r);
        double[] nc = marginals(o, k);
        double n = 0;
        for (double v : nc) {
            n += v;
        }
        Estimate[] out = new Estimate[k];
        for (int c = 0; c < k; c++) {
            if (n <= 0) {
                out[c] = Estimate.undefined(r.noPairsReason());
            } else if (nc[c] <= 0 || nc[c] >= n) {
                out[c] = Estimate.undefined(Estimate.NO_EXPECTED_DISAGREEMENT);
            } else {
                out[c] = Estimate.of(1.0 - (n - 1) * (nc[c] - o[c * k + c]) / (nc[c] * (n - nc[c])));
            }
        }
        return out;
    }
}
