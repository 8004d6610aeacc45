package dev.kappa.stats;

/**
 * Partial derivatives of accuracy and macro-F1 with respect to the cells of a confusion table
 * {@code table[reference][outcome]}, where outcome k (the last column) is "unresolved" (wrong, in no class), as in
 * {@link Classification#ofTable}. The interval code needs them for the delta method: a statistic f of a table summed
 * over answers (or items) varies, to first order, as Σ ∂f/∂cell × the change in that cell (linearisation, as in
 * A. C. Davison and D. V. Hinkley, Bootstrap Methods and their Application, 1997, §2.7.2).
 *
 * <p>Both statistics are ratios of cell sums, so they are unchanged when every cell is scaled; the derivatives include
 * the denominators' share, so that Σ cell × derivative is 0 (Euler's theorem), as a linearisation must be.
 * Macro-F1 keeps the classes it averages fixed (those with 2tp + fp + fn > 0): the derivative is one-sided where a
 * class would newly appear, which first-order variance cannot see anyway.
 */
public final class TableGradient {
    private TableGradient() {
    }

    /** ∂ accuracy / ∂ table[r][o]: (1{o = r} − accuracy) / n. */
    public static double[][] accuracy(double[][] table) {
        int k = table.length;
        double n = 0;
        double right = 0;
        for (int r = 0; r < k; r++) {
            for (int o = 0; o <= k; o++) {
                n += table[r][o];
            }
            right += table[r][r];
        }
        double[][] g = new double[k][k + 1];
        if (n <= 0) {
            return g;
        }
        double acc = right / n;
        for (int r = 0; r < k; r++) {
            for (int o = 0; o <= k; o++) {
                g[r][o] = ((o == r ? 1 : 0) - acc) / n;
            }
        }
        return g;
    }

    /**
     * ∂ macro-F1 / ∂ table[r][o]. Per class c, F1 = 2 T[c][c] / D with D = (row c's sum, unresolved included) +
     * (column c's sum); ∂F1/∂T[r][o] = 2·1{r = o = c}/D − 2 T[c][c] (1{r = c} + 1{o = c}) / D².
     */
    public static double[][] macroF1(double[][] table) {
        int k = table.length;
        double[] d = new double[k];
        for (int r = 0; r < k; r++) {
            for (int o = 0; o <= k; o++) {
                d[r] += table[r][o];
                if (o < k) {
                    d[o] += table[r][o];
                }
            }
        }
        int classes = 0;
        for (int c = 0; c < k; c++) {
            classes += d[c] > 0 ? 1 : 0;
        }
        double[][] g = new double[k][k + 1];
        if (classes == 0) {
            return g;
        }
        for (int c = 0; c < k; c++) {
            if (d[c] <= 0) {
                continue;
            }
            double tp = table[c][c];
            double share = 2 * tp / (d[c] * d[c]) / classes;
            for (int o = 0; o <= k; o++) {
                g[c][o] -= share;
            }
            for (int r = 0; r < k; r++) {
                g[r][c] -= share;
            }
            g[c][c] += 2 / d[c] / classes;
        }
        return g;
    }

    /** A square table (no unresolved column) widened by an empty unresolved column. */
    public static double[][] withUnresolved(double[][] square, double[] unresolved) {
        int k = square.length;
        double[][] t = new double[k][k + 1];
        for (int r = 0; r < k; r++) {
            System.arraycopy(square[r], 0, t[r], 0, k);
            t[r][k] = unresolved == null ? 0 : unresolved[r];
        }
        return t;
    }
}
