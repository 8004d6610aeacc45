package dev.kappa.stats;

/**
 * Two-rater agreement from a contingency table (rows rater 1, columns rater 2):
 * Cohen's kappa (J. Cohen, Educational and Psychological Measurement 20, 1960, p. 37-46: kappa =
 * (po - pe) / (1 - pe), pe = sum p_i. p_.i, and kappa_max with po_max = sum min(p_i., p_.i)), weighted
 * kappa (Cohen 1968, Psychological Bulletin 70) with agreement weights w_ij = 1 - |i - j| / (k - 1)
 * (LINEAR, irr "equal") or 1 - (i - j)^2 / (k - 1)^2 (QUADRATIC, irr "squared"), Scott's pi (chance from the
 * pooled marginals) and Bennett's S (chance 1/k), as laid out by Artstein and Poesio, Computational
 * Linguistics 34(4), 2008, section 2. Weights use class index distance, so for ordinal data the classes
 * must be the scale's observed levels in order (as R irr::kappa2 does with factor levels).
 */
public final class Cohen {
    private Cohen() {
    }

    public enum Weights { NONE, LINEAR, QUADRATIC }

    /** All coefficients of one table; observed and chance agreements are weighted when weights are given. */
    public record Result(double observed, double expected, Estimate kappa, Estimate kappaMax,
                         Estimate scottPi, Estimate bennettS, double n) {
    }

    public static Estimate kappa(double[][] table) {
        return of(table, Weights.NONE).kappa();
    }

    public static Estimate kappa(double[][] table, Weights w) {
        return of(table, w).kappa();
    }

    /** Kappa of paired labels a[i], b[i] in 0..k-1. */
    public static Estimate kappa(int[] a, int[] b, int k, Weights w) {
        return of(table(a, b, k), w).kappa();
    }

    /** Contingency table of paired labels: table[a[i]][b[i]]++. */
    public static double[][] table(int[] a, int[] b, int k) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired arrays differ in length");
        }
        double[][] t = new double[k][k];
        for (int i = 0; i < a.length; i++) {
            t[a[i]][b[i]]++;
        }
        return t;
    }

    static double weight(int i, int j, int k, Weights w) {
        if (k < 2) {
            return 1;
        }
        double d = Math.abs(i - j) / (double) (k - 1);
        return switch (w) {
            case NONE -> i == j ? 1 : 0;
            case LINEAR -> 1 - d;
            case QUADRATIC -> 1 - d * d;
        };
    }

    public static Result of(double[][] table, Weights w) {
        int k = table.length;
        double n = 0;
        for (double[] row : table) {
            if (row.length != k) {
                throw new IllegalArgumentException("table must be square");
            }
            for (double v : row) {
                n += v;
            }
        }
        if (n <= 0) {
            Estimate u = Estimate.undefined(Estimate.NO_DATA);
            return new Result(0, 0, u, u, u, u, 0);
        }
        double[] row = new double[k];
        double[] col = new double[k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                row[i] += table[i][j] / n;
                col[j] += table[i][j] / n;
            }
        }
        double po = 0;
        double pe = 0;
        double pePi = 0;
        double peS = 0;
        double poMax = 0;
        for (int i = 0; i < k; i++) {
            poMax += Math.min(row[i], col[i]);
            for (int j = 0; j < k; j++) {
                double wij = weight(i, j, k, w);
                po += wij * table[i][j] / n;
                pe += wij * row[i] * col[j];
                pePi += wij * (row[i] + col[i]) * (row[j] + col[j]) / 4;
                peS += wij / ((double) k * k);
            }
        }
        Estimate kappaMax = w != Weights.NONE ? Estimate.undefined("kappa_max is defined for unweighted kappa")
                : chanceCorrected(poMax, pe);
        return new Result(po, pe, chanceCorrected(po, pe), kappaMax, chanceCorrected(po, pePi),
                chanceCorrected(po, peS), n);
    }

    private static Estimate chanceCorrected(double po, double pe) {
        // pe can exceed 1 by rounding only; a chance agreement of 1 leaves nothing to correct for.
        return pe >= 1 - 1e-15 ? Estimate.undefined(Estimate.NO_EXPECTED_DISAGREEMENT)
                : Estimate.of((po - pe) / (1 - pe));
    }
}
