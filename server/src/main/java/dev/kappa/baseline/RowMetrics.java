package dev.kappa.baseline;

import dev.kappa.stats.Classification;
import dev.kappa.stats.Cohen;
import dev.kappa.stats.Estimate;

/**
 * The metrics of one row read from its confusion table, as a flat array in a fixed order so that one bootstrap serves
 * every row: accuracy, macro-F1, Cohen's kappa, then precision, recall and F1 of each class. Kappa treats "no label"
 * as one more category that the reference never has, so a missing prediction can only lower it.
 */
final class RowMetrics {
    static final int ACCURACY = 0;
    static final int MACRO_F1 = 1;
    static final int KAPPA = 2;

    private RowMetrics() {
    }

    static int length(int k) {
        return 3 + 3 * k;
    }

    static int precision(int c) {
        return 3 + 3 * c;
    }

    static int recall(int c) {
        return 4 + 3 * c;
    }

    static int f1(int c) {
        return 5 + 3 * c;
    }

    /** The table of a row whose cells start at {@code offset} of {@code sum} (see {@link RowEntries}). */
    static Table table(double[] sum, int offset, int k) {
        double[][] conf = new double[k][k];
        double[] unresolved = new double[k];
        boolean anyUnresolved = false;
        for (int r = 0; r < k; r++) {
            int base = offset + r * (k + 1);
            unresolved[r] = sum[base];
            anyUnresolved |= sum[base] > 0;
            System.arraycopy(sum, base + 1, conf[r], 0, k);
        }
        return new Table(conf, unresolved, anyUnresolved);
    }

    record Table(double[][] confusion, double[] unresolved, boolean anyUnresolved) {
        Classification.Table classification() {
            return Classification.ofTable(confusion, unresolved);
        }

        Estimate kappa() {
            if (!anyUnresolved) {
                return Cohen.kappa(confusion);
            }
            int k = confusion.length;
            double[][] t = new double[k + 1][k + 1];
            for (int r = 0; r < k; r++) {
                System.arraycopy(confusion[r], 0, t[r], 0, k);
                t[r][k] = unresolved[r];
            }
            return Cohen.kappa(t);
        }
    }

    /** Writes the row's metrics into out[at ..]. */
    static void write(double[] sum, int offset, int k, Estimate[] out, int at) {
        Table t = table(sum, offset, k);
        Classification.Table c = t.classification();
        out[at + ACCURACY] = c.accuracy();
        out[at + MACRO_F1] = c.macroF1();
        out[at + KAPPA] = c.n() > 0 ? t.kappa() : Estimate.undefined(Estimate.NO_DATA);
        for (int x = 0; x < k; x++) {
            out[at + precision(x)] = c.precision()[x];
            out[at + recall(x)] = c.recall()[x];
            out[at + f1(x)] = c.f1()[x];
        }
    }

    /** a - b, undefined when either is. */
    static Estimate minus(Estimate a, Estimate b) {
        if (!a.defined()) {
            return a;
        }
        if (!b.defined()) {
            return b;
        }
        return Estimate.of(a.value() - b.value());
    }
}
