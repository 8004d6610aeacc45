package dev.kappa.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A human baseline's accuracy and macro-F1, for single annotators and for the per-item majority of their votes, with
 * percentile intervals from a bootstrap that resamples both items and annotators: every answer is weighted by the
 * product of its item's and its annotator's draw counts (the "pigeonhole" bootstrap of A. B. Owen, "The pigeonhole
 * bootstrap", Annals of Applied Statistics 1(2), 2007; C. A. Field and A. H. Welsh, "Bootstrapping clustered data",
 * JRSS B 69(3), 2007). Resampling annotators as well as items keeps one prolific annotator from narrowing the interval:
 * the tier's accuracy is a mean over people as much as over items. With {@code annotators=false} only items are
 * resampled (as {@link Bootstrap} does), for comparison.
 *
 * <p>The single-annotator figures (and model − single) take both weights. The majority-of-V figures (and model −
 * majority) take the item weights only: each item's majority is always of all its V votes, because leaving out the
 * votes of annotators a resample did not draw would make it a majority of fewer votes, a different and weaker
 * statistic (in simulation such intervals covered the truth in a third of studies). Their intervals therefore do not
 * widen for annotator heterogeneity; BENCHMARKS.md records what that costs in coverage.
 *
 * <p>The pigeonhole bootstrap is conservative: the answer-level noise enters through both the item and the annotator
 * draws, so with people of equal skill its intervals cover more than the nominal level (recorded in BENCHMARKS.md).
 *
 * <p>Each model run with a prediction on the same items is compared paired, in the same resamples: its accuracy, and
 * its accuracy minus the majority's and minus the single annotators', on the items it predicted. Scoring follows
 * {@link Classification#ofTable} (macro-F1 as scikit-learn's average="macro") and {@link MajorityVote} (a tied
 * majority is unresolved and counts as wrong). Intervals are quantiles of type 7 as in {@link Bootstrap}.
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

    /** Point estimates and intervals, in the statistic order above; NaN where undefined. */
    public record Result(double[] point, double[] lower, double[] upper, int resamples, double level, boolean annotators, long seed) {
    }

    public static Result run(Data d, int resamples, long seed, double level, boolean annotators) {
        Draws x = draws(d, resamples, seed, true, annotators);
        int stats = x.point().length;
        double[] lower = new double[stats];
        double[] upper = new double[stats];
        for (int s = 0; s < stats; s++) {
            double[] v = Arrays.stream(x.values()[s]).filter(Double::isFinite).sorted().toArray();
            lower[s] = v.length == 0 ? Double.NaN : Bootstrap.quantile(v, (1 - level) / 2);
            upper[s] = v.length == 0 ? Double.NaN : Bootstrap.quantile(v, (1 + level) / 2);
        }
        return new Result(x.point(), lower, upper, resamples, level, annotators, seed);
    }

    /** A single-annotator accuracy interval from variance components, with its parts. */
    public record Components(double point, double lower, double upper, double varItems, double varAnnotators, double varNoise) {
    }

    /**
     * Single-annotator accuracy with a normal interval whose variance adds the items-only and the annotators-only
     * bootstrap variances and subtracts the answer-level noise both of them contain, p(1 − p)/N over N answers:
     * for a mean in a crossed design each one-way variance is noise/N plus its own factor's share, so the sum counts the
     * noise twice (the method-of-moments reading of Owen 2007's pigeonhole analysis; cf. R. L. Brennan,
     * Generalizability Theory, 2001, ch. 3). The pigeonhole percentile interval, which keeps the double count, covered
     * 100% where 95% was asked in simulation with annotators alike; this one is reported instead (BENCHMARKS.md).
     * Using p(1 − p) for the residual noise slightly overstates it (it also holds the item and annotator effects), so
     * the interval errs narrow by (their variance)/N, negligible next to p(1 − p)/N in labeling data. The quantile is
     * Student's t with Satterthwaite's degrees of freedom (below), since a dozen annotators estimate their share poorly.
     */
    public static Components singleAccuracy(Data d, int resamples, long seed, double level) {
        SplittableRandom seeds = new SplittableRandom(seed);
        Draws items = draws(d, resamples, seeds.nextLong(), true, false);
        Draws people = draws(d, resamples, seeds.nextLong(), false, true);
        double p = items.point()[SINGLE_ACCURACY];
        long n = java.util.stream.IntStream.range(0, d.item().length).filter(a -> d.reference()[d.item()[a]] >= 0).count();
        if (!Double.isFinite(p) || n == 0) {
            return new Components(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double vi = variance(items.values()[SINGLE_ACCURACY]);
        double va = variance(people.values()[SINGLE_ACCURACY]);
        double ve = p * (1 - p) / n;
        double v = Math.max(vi, vi + va - ve);
        // Few annotators (or a few doing most of the work) make the annotator variance itself uncertain: a t quantile
        // with Satterthwaite's degrees of freedom (F. E. Satterthwaite, Biometrics Bulletin 2(6), 1946), each one-way
        // variance counting its effective number of clusters minus one (N² / Σ size², as in Cameron and Miller,
        // "A practitioner's guide to cluster-robust inference", J. Human Resources 50(2), 2015, §VI).
        double df = satterthwaite(vi, clusters(d.item(), d.nItems(), d), va, clusters(d.annotator(), d.nAnnotators(), d), v);
        double h = Student.quantile((1 + level) / 2, df) * Math.sqrt(v);
        return new Components(p, Math.max(0, p - h), Math.min(1, p + h), vi, va, ve);
    }

    static double satterthwaite(double vi, double gi, double va, double ga, double v) {
        double den = (gi > 1 ? vi * vi / (gi - 1) : 0) + (ga > 1 && Double.isFinite(va) ? va * va / (ga - 1) : 0);
        return den > 0 ? Math.max(1, v * v / den) : Math.max(1, gi - 1);
    }

    /** Effective number of clusters N² / Σ n_c² over answers with a reference. */
    private static double clusters(int[] key, int size, Data d) {
        double[] count = new double[size];
        double total = 0;
        for (int a = 0; a < key.length; a++) {
            if (d.reference()[d.item()[a]] >= 0) {
                count[key[a]]++;
                total++;
            }
        }
        double sq = 0;
        for (double c : count) {
            sq += c * c;
        }
        return sq == 0 ? 0 : total * total / sq;
    }

    private static double variance(double[] values) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).toArray();
        if (v.length < 2) {
            return Double.NaN;
        }
        double mean = Arrays.stream(v).average().orElse(0);
        return Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / (v.length - 1);
    }

    private record Draws(double[] point, double[][] values) {
    }

    /** Point statistics and their values in each resample, items and/or annotators drawn. */
    private static Draws draws(Data d, int resamples, long seed, boolean resampleItems, boolean annotators) {
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
