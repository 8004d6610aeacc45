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

    public static Report of(int[] predicted, int[] reference, int k) {
        if (predicted.length != reference.length) {
            throw new IllegalArgumentException("predicted and reference differ in length");
        }
        int[][] conf = new int[k][k];
        int[] tp = new int[k];
        int[] fp = new int[k];
        int[] fn = new int[k];
        int n = 0;
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            int ref = reference[i];
            int pred = predicted[i];
            if (ref < 0) {
                continue;
            }
            if (ref >= k || pred >= k || pred < -1) {
                throw new IllegalArgumentException("label outside -1..k-1 at " + i);
            }
            n++;
            if (pred == ref) {
                correct++;
                tp[ref]++;
                conf[ref][pred]++;
            } else {
                fn[ref]++;
                if (pred >= 0) {
                    fp[pred]++;
                    conf[ref][pred]++;
                }
            }
        }
        Estimate[] precision = new Estimate[k];
        Estimate[] recall = new Estimate[k];
        Estimate[] f1 = new Estimate[k];
        int[] support = new int[k];
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
        Estimate accuracy = n == 0 ? Estimate.undefined(Estimate.NO_DATA) : Estimate.of((double) correct / n);
        Estimate macro = classes == 0 ? Estimate.undefined(Estimate.NO_DATA) : Estimate.of(f1Sum / classes);
        return new Report(n, accuracy, precision, recall, f1, support, macro, conf);
    }

    private static Estimate ratio(double num, double den) {
        return den > 0 ? Estimate.of(num / den) : Estimate.undefined(Estimate.EMPTY_DENOMINATOR);
    }
}
