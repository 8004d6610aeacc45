package dev.kappa.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The statistics of a human baseline and their bootstrap resamples, for {@link TwoWayIntervals}: accuracy and macro-F1
 * of single annotators and of the per-item majority of their votes, and per model run its accuracy and its paired
 * differences to both, on the items it predicted. A resample weights every answer by its item's draw count (items
 * resampled) and/or its annotator's (annotators resampled); with both it is the "pigeonhole" bootstrap of A. B. Owen
 * ("The pigeonhole bootstrap", Annals of Applied Statistics 1(2), 2007).
 *
 * <p>The majority-of-V figures take the item weights only: each item's majority is always of all its V votes, because
 * leaving out the votes of annotators a resample did not draw would make it a majority of fewer votes, a different
 * and weaker statistic (in simulation such intervals covered the truth in a third of studies). What the annotators
 * add to the majority's variance comes from {@link MajorityInfluence} instead.
 *
 * <p>Scoring follows {@link Classification#ofTable} (macro-F1 as scikit-learn's average="macro") and
 * {@link MajorityVote} (a tied majority is unresolved and counts as wrong).
 */
public final class ClusteredBootstrap {
    private ClusteredBootstrap() {
    }

    /**
     * Answers as parallel arrays (item index, annotator index, class), the reference class per item (-1: none), and
     * model[r][item] (-1: no prediction).
     */
    public record Data(int nItems, int nAnnotators, int k, int[] item, int[] annotator, int[] label, int[] reference,
                       int[][] model) {
    }

    /** Statistic order: single accuracy, single macro-F1, majority accuracy, majority macro-F1, then per model three. */
    public static final int SINGLE_ACCURACY = 0;
    public static final int SINGLE_F1 = 1;
    public static final int MAJORITY_ACCURACY = 2;
    public static final int MAJORITY_F1 = 3;

    public static int modelAccuracy(int run) {
        return 4 + 3 * run;
    }

    public static int modelMinusMajority(int run) {
        return 5 + 3 * run;
    }

    public static int modelMinusSingle(int run) {
        return 6 + 3 * run;
    }

    /** Point statistics, and values[statistic][resample]. */
    record Draws(double[] point, double[][] values) {
    }

    /** Point statistics and their values in each resample, items and/or annotators drawn. */
    static Draws draws(Data d, int resamples, long seed, boolean resampleItems, boolean annotators) {
        int[] start = new int[d.nItems() + 1];
        for (int i : d.item()) {
            start[i + 1]++;
        }
        for (int i = 0; i < d.nItems(); i++) {
            start[i + 1] += start[i];
        }
        int[] order = new int[d.item().length];
        int[] fill = Arrays.copyOf(start, d.nItems());
        for (int a = 0; a < order.length; a++) {
            order[fill[d.item()[a]]++] = a;
        }
        int[] itemUnits = java.util.stream.IntStream.range(0, d.nItems())
                .filter(i -> start[i + 1] > start[i] && d.reference()[i] >= 0).toArray();
        boolean[] seen = new boolean[d.nAnnotators()];
        for (int a : d.annotator()) {
            seen[a] = true;
        }
        int[] annotatorUnits = java.util.stream.IntStream.range(0, d.nAnnotators()).filter(a -> seen[a]).toArray();
        double[] wi = new double[d.nItems()];
        double[] wa = new double[d.nAnnotators()];
        for (int i : itemUnits) {
            wi[i] = 1;
        }
        Arrays.fill(wa, 1);
        double[] point = statistics(d, start, order, wi, wa);
        int stats = point.length;
        double[][] values = new double[stats][resamples];
        SplittableRandom master = new SplittableRandom(seed);
        for (int b = 0; b < resamples; b++) {
            SplittableRandom rng = new SplittableRandom(master.nextLong());
            if (resampleItems) {
                Arrays.fill(wi, 0);
                for (int j = 0; j < itemUnits.length; j++) {
                    wi[itemUnits[rng.nextInt(itemUnits.length)]]++;
                }
            }
            if (annotators) {
                Arrays.fill(wa, 0);
                for (int j = 0; j < annotatorUnits.length; j++) {
                    wa[annotatorUnits[rng.nextInt(annotatorUnits.length)]]++;
                }
            }
            double[] s = statistics(d, start, order, wi, wa);
            for (int x = 0; x < stats; x++) {
                values[x][b] = s[x];
            }
        }
        return new Draws(point, values);
    }

    /** Every statistic under item weights wi and annotator weights wa. */
    static double[] statistics(Data d, int[] start, int[] order, double[] wi, double[] wa) {
        int k = d.k();
        int runs = d.model().length;
        double[][] single = new double[k][k];
        double[][] majority = new double[k][k];
        double[] unresolved = new double[k];
        double[] votes = new double[k];
        double[] modelRight = new double[runs];
        double[] majRight = new double[runs];
        double[] pairedWeight = new double[runs];
        double[] singleRight = new double[runs];
        double[] singleTotal = new double[runs];
        for (int i = 0; i < d.nItems(); i++) {
            int ref = d.reference()[i];
            if (wi[i] == 0 || ref < 0) {
                continue;
            }
            Arrays.fill(votes, 0);
            double total = 0;
            double right = 0;
            int cast = 0;
            for (int q = start[i]; q < start[i + 1]; q++) {
                int a = order[q];
                // The majority always counts all V votes of the item: dropping the votes of annotators a resample left
                // out would turn a majority of V into one of fewer votes, a weaker statistic (biased low).
                votes[d.label()[a]]++;
                cast++;
                double w = wa[d.annotator()[a]];
                single[ref][d.label()[a]] += wi[i] * w;
                total += w;
                right += d.label()[a] == ref ? w : 0;
            }
            if (cast == 0) {
                continue;
            }
            int top = majority(votes);
            if (top < 0) {
                unresolved[ref] += wi[i];
            } else {
                majority[ref][top] += wi[i];
            }
            for (int r = 0; r < runs; r++) {
                int pred = d.model()[r][i];
                if (pred < 0) {
                    continue;
                }
                modelRight[r] += pred == ref ? wi[i] : 0;
                majRight[r] += top == ref ? wi[i] : 0;
                pairedWeight[r] += wi[i];
                if (total > 0) {
                    singleRight[r] += wi[i] * right;
                    singleTotal[r] += wi[i] * total;
                }
            }
        }
        Classification.Table s = Classification.ofTable(single, null);
        Classification.Table m = Classification.ofTable(majority, unresolved);
        double[] out = new double[4 + 3 * runs];
        out[SINGLE_ACCURACY] = value(s.accuracy());
        out[SINGLE_F1] = value(s.macroF1());
        out[MAJORITY_ACCURACY] = value(m.accuracy());
        out[MAJORITY_F1] = value(m.macroF1());
        for (int r = 0; r < runs; r++) {
            double acc = pairedWeight[r] > 0 ? modelRight[r] / pairedWeight[r] : Double.NaN;
            out[modelAccuracy(r)] = acc;
            out[modelMinusMajority(r)] = pairedWeight[r] > 0 ? acc - majRight[r] / pairedWeight[r] : Double.NaN;
            out[modelMinusSingle(r)] = singleTotal[r] > 0 ? acc - singleRight[r] / singleTotal[r] : Double.NaN;
        }
        return out;
    }

    /** The unique top class, or -1 on a tie (MajorityVote's rule without experts). */
    static int majority(double[] votes) {
        double max = 0;
        for (double v : votes) {
            max = Math.max(max, v);
        }
        double eps = max * MajorityVote.TIE_TOLERANCE;
        int top = -1;
        int tied = 0;
        for (int c = 0; c < votes.length; c++) {
            if (votes[c] >= max - eps) {
                top = c;
                tied++;
            }
        }
        return tied == 1 ? top : -1;
    }

    private static double value(Estimate e) {
        return e.defined() ? e.value() : Double.NaN;
    }
}
