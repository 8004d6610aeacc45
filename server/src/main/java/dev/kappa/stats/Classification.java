package dev.kappa.stats;

/**
 * Classification metrics of predicted against reference labels (for baselines). Reference entries -1
 * (no reference) are skipped; a prediction of -1 (unresolved) counts as wrong and belongs to no class.
 * Per class c: precision tp / (tp + fp), recall tp / (tp + fn), F1 = 2 tp / (2 tp + fp + fn) (undefined
 * with a reason when the denominator is 0). Macro-F1 averages F1 over the classes that occur in the
 * reference or the predictions, like scikit-learn's f1_score(average="macro").
 */
public final class Classification {
    private Classification() {
    }

    /** {@code confusion[reference][predicted]}; support = reference count per class. */
    public record Report(int n, Estimate accuracy, Estimate[] precision, Estimate[] recall, Estimate[] f1,
                         int[] support, Estimate macroF1, int[][] confusion) {
    }

    /**
     * The same metrics from a confusion table that may hold fractional counts (an expectation over random draws, or
     * a bootstrap resample's item counts): {@code confusion[reference][predicted]}, and {@code unresolved[reference]}
     * for reference items without a prediction (wrong, in no column; null means none).
     */
    public record Table(double n, Estimate accuracy, Estimate[] precision, Estimate[] recall, Estimate[] f1,
                        double[] support, Estimate macroF1) {
    }

    public static Report of(int[] predicted, int[] reference, int k) {
        if (predicted.length != reference.length) {
            throw new IllegalArgumentException("predicted and reference differ in length");
        }
        int[][] conf = new int[k][k];
        double[][] table = new double[k][k];
        double[] unresolved = new double[k];
        for (int i = 0; i < predicted.length; i++) {
            int ref = reference[i];
            int pred = predicted[i];
            if (ref < 0) {
                continue;
            }
            if (ref >= k || pred >= k || pred < -1) {
                throw new IllegalArgumentException("label outside -1..k-1 at " + i);
            }
            if (pred < 0) {
                unresolved[ref]++;
            } else {
                conf[ref][pred]++;
                table[ref][pred]++;
            }
        }
        Table t = ofTable(table, unresolved);
        int[] support = new int[k];
        for (int c = 0; c < k; c++) {
            support[c] = (int) t.support()[c];
        }
        return new Report((int) t.n(), t.accuracy(), t.precision(), t.recall(), t.f1(), support, t.macroF1(), conf);
    }

    public static Table ofTable(double[][] confusion, double[] unresolved) {
        int k = confusion.length;
        double[] tp = new double[k];
        double[] fp = new double[k];
        double[] fn = new double[k];
        double n = 0;
        double correct = 0;
        for (int ref = 0; ref < k; ref++) {
            if (confusion[ref].length != k) {
                throw new IllegalArgumentException("confusion table must be square");
            }
            double missed = unresolved == null ? 0 : unresolved[ref];
            fn[ref] += missed;
            n += missed;
            for (int pred = 0; pred < k; pred++) {
                double x = confusion[ref][pred];
                n += x;
                if (pred == ref) {
                    tp[ref] += x;
                    correct += x;
                } else {
                    fn[ref] += x;
                    fp[pred] += x;
                }
            }
        }
        Estimate[] precision = new Estimate[k];
        Estimate[] recall = new Estimate[k];
        Estimate[] f1 = new Estimate[k];
        double[] support = new double[k];
        double f1Sum = 0;
        int classes = 0;
        for (int c = 0; c < k; c++) {
            support[c] = tp[c] + fn[c];
            precision[c] = ratio(tp[c], tp[c] + fp[c]);
            recall[c] = ratio(tp[c], tp[c] + fn[c]);
            f1[c] = ratio(2.0 * tp[c], 2.0 * tp[c] + fp[c] + fn[c]);
            if (f1[c].defined()) {
                f1Sum += f1[c].value();
                classes++;
            }
        }
        Estimate accuracy = n <= 0 ? Estimate.undefined(Estimate.NO_DATA) : Estimate.of(correct / n);
        Estimate macro = classes == 0 ? Estimate.undefined(Estimate.NO_DATA) : Estimate.of(f1Sum / classes);
        return new Table(n, accuracy, precision, recall, f1, support, macro);
    }

    private static Estimate ratio(double num, double den) {
        return den > 0 ? Estimate.of(num / den) : Estimate.undefined(Estimate.EMPTY_DENOMINATOR);
    }
}
