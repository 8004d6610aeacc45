package dev.kappa.stats;

import java.util.Arrays;

/**
 * An annotator's answers against reference labels per item (gold, or a consensus; -1 = no reference).
 * Every answer of the annotator on a referenced item counts, replicates included. Kappa is Cohen's on the
 * confusion table (rows reference, columns the annotator). Note that a consensus which includes the
 * annotator's own answers flatters them; leaving them out is the caller's choice.
 */
public final class AnnotatorQuality {
    private AnnotatorQuality() {
    }

    /** {@code confusion[reference][answered]} counts. */
    public record Quality(int annotator, int compared, Estimate accuracy, Estimate kappa, double[][] confusion) {
    }

    public static Quality of(Ratings r, int annotator, int[] reference) {
        return all(r, reference)[annotator];
    }

    /** One entry per annotator id 0..nAnnotators-1. */
    public static Quality[] all(Ratings r, int[] reference) {
        if (reference.length != r.nItems) {
            throw new IllegalArgumentException("need one reference label per item: " + r.nItems);
        }
        int k = r.nClasses;
        double[][][] tables = new double[r.nAnnotators][k][k];
        int[] compared = new int[r.nAnnotators];
        int[] correct = new int[r.nAnnotators];
        for (int a = 0; a < r.size(); a++) {
            int ref = reference[r.item[a]];
            if (ref < 0) {
                continue;
            }
            if (ref >= k) {
                throw new IllegalArgumentException("reference label " + ref + " outside 0.." + (k - 1));
            }
            int ann = r.annotator[a];
            tables[ann][ref][r.label[a]]++;
            compared[ann]++;
            if (ref == r.label[a]) {
                correct[ann]++;
            }
        }
        Quality[] out = new Quality[r.nAnnotators];
        for (int ann = 0; ann < out.length; ann++) {
            Estimate acc = compared[ann] == 0 ? Estimate.undefined("no answers on referenced items")
                    : Estimate.of((double) correct[ann] / compared[ann]);
            Estimate kappa = compared[ann] == 0 ? acc : Cohen.kappa(tables[ann]);
            out[ann] = new Quality(ann, compared[ann], acc, kappa, tables[ann]);
        }
        return out;
    }

    /** Median of durations (NaN entries ignored); mean of the two middle values for an even count. */
    public static Estimate median(double[] durations) {
        double[] v = Arrays.stream(durations).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return Estimate.undefined(Estimate.NO_DATA);
        }
        int h = v.length / 2;
        return Estimate.of(v.length % 2 == 1 ? v[h] : v[h - 1] / 2 + v[h] / 2);
    }

    public static Estimate median(long[] durations) {
        return median(Arrays.stream(durations).asDoubleStream().toArray());
    }
}
