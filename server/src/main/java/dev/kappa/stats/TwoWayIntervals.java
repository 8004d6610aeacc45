package dev.kappa.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The report card's intervals for a crossed items × annotators design: every statistic of {@link ClusteredBootstrap}
 * (single and majority accuracy and macro-F1, per model run its accuracy and the paired differences), with an
 * interval whose variance adds what the items and the annotators each contribute, so that one prolific annotator
 * cannot narrow it, and a t quantile with Satterthwaite's degrees of freedom. See BENCHMARKS.md for coverage.
 *
 * <p><b>Single annotators</b> (accuracy, macro-F1, model − single): the two-way cluster-robust variance of A. C.
 * Cameron, J. B. Gelbach and D. L. Miller ("Robust inference with multiway clustering", J. Business and Economic
 * Statistics 29(2), 2011), V_items + V_annotators − V_answers: each one-way variance (here an items-only and
 * an annotators-only bootstrap) also holds the answer-level noise, which the intersection clusters (single answers)
 * measure and which must be counted once (Owen 2007's plain pigeonhole bootstrap keeps the double count and covered
 * 98-100%). V_answers is the delta-method variance Σ_x d_x² over answers, d_x the statistic's derivative with respect
 * to answer x's cell ({@link TableGradient}); for accuracy it is p(1 − p)/N. The annotators' part is taken without
 * the centring bias a few prolific annotators cause ({@link Workload}): V_items + σ² Σ_a w_a².
 *
 * <p><b>The majority of V</b> (accuracy, macro-F1, model − majority): V_items + σ² Σ_a (H_a² − Σ h²), the items-only
 * bootstrap of the per-item majorities (each always of all V votes) plus the covariance items get from sharing
 * voters ({@link MajorityInfluence}), with σ² the tier's between-annotator variance of accuracy from single accuracy.
 *
 * <p>Model accuracy and the items-only comparison intervals are percentile intervals of the items-only bootstrap.
 */
public final class TwoWayIntervals {
    private TwoWayIntervals() {
    }

    /** A figure: point, interval, its variance's parts (items; the annotators' share, NaN if none) and t's df. */
    public record Interval(double point, double lower, double upper, double varItems, double varAnnotators, double df) {
    }

    public record Result(Interval[] clustered, Interval[] itemsOnly, int resamples, double level, long seed) {
    }

    public static Result of(ClusteredBootstrap.Data d, int resamples, long seed, double level) {
        SplittableRandom seeds = new SplittableRandom(seed);
        ClusteredBootstrap.Draws items = ClusteredBootstrap.draws(d, resamples, seeds.nextLong(), true, false);
        ClusteredBootstrap.Draws people = ClusteredBootstrap.draws(d, resamples, seeds.nextLong(), false, true);
        int stats = items.point().length;
        Interval[] clustered = new Interval[stats];
        Interval[] itemsOnly = new Interval[stats];
        for (int s = 0; s < stats; s++) {
            itemsOnly[s] = percentile(items.point()[s], items.values()[s], level);
        }
        boolean[] all = null;
        double[][] singleTable = singleTable(d, all);
        double[][] singleGradient = TableGradient.accuracy(singleTable);
        clustered[ClusteredBootstrap.SINGLE_ACCURACY] = single(d, items, people, ClusteredBootstrap.SINGLE_ACCURACY, singleGradient, all, level, 1);
        clustered[ClusteredBootstrap.SINGLE_F1] = single(d, items, people, ClusteredBootstrap.SINGLE_F1,
                TableGradient.macroF1(singleTable), all, level, 1);
        double[][] majTable = MajorityInfluence.table(d, all);
        clustered[ClusteredBootstrap.MAJORITY_ACCURACY] = majority(d, items, people, ClusteredBootstrap.MAJORITY_ACCURACY,
                TableGradient.accuracy(majTable), all, singleGradient, level, 1);
        clustered[ClusteredBootstrap.MAJORITY_F1] = majority(d, items, people, ClusteredBootstrap.MAJORITY_F1,
                TableGradient.macroF1(majTable), all, singleGradient, level, 1);
        for (int r = 0; r < d.model().length; r++) {
            boolean[] paired = new boolean[d.nItems()];
            for (int i = 0; i < paired.length; i++) {
                paired[i] = d.model()[r][i] >= 0;
            }
            clustered[ClusteredBootstrap.modelAccuracy(r)] = itemsOnly[ClusteredBootstrap.modelAccuracy(r)];
            clustered[ClusteredBootstrap.modelMinusSingle(r)] = single(d, items, people, ClusteredBootstrap.modelMinusSingle(r),
                    TableGradient.accuracy(singleTable(d, paired)), paired, level, 2);
            clustered[ClusteredBootstrap.modelMinusMajority(r)] = majority(d, items, people, ClusteredBootstrap.modelMinusMajority(r),
                    TableGradient.accuracy(MajorityInfluence.table(d, paired)), paired, singleGradient, level, 2);
        }
        return new Result(clustered, itemsOnly, resamples, level, seed);
    }

    /** V_items + σ² Σ_a w_a² (the annotators' share); {@code range} 1 clips to [0, 1], 2 to [−1, 1] (a difference). */
    private static Interval single(ClusteredBootstrap.Data d, ClusteredBootstrap.Draws items, ClusteredBootstrap.Draws people,
                                   int s, double[][] gradient, boolean[] include, double level, int range) {
        double p = items.point()[s];
        double vi = variance(items.values()[s]);
        double va = variance(people.values()[s]);
        if (!Double.isFinite(p) || !Double.isFinite(vi)) {
            return undefined(p);
        }
        Workload w = Workload.of(d, include);
        double share = Double.isFinite(va) ? w.sigma2(va, answerNoise(d, gradient, include)) * w.s2() : 0;
        double v = vi + share;
        // Few annotators (or a few doing most of the work) estimate their share poorly: Satterthwaite's df (F. E.
        // Satterthwaite, Biometrics Bulletin 2(6), 1946) for vi + (Σ w² / B) V_annotators − const, each one-way
        // variance counting its effective number of clusters minus one (N² / Σ size²; Cameron and Miller,
        // J. Human Resources 50(2), 2015, §VI).
        double df = satterthwaite(vi, clusters(d, d.item(), d.nItems(), include), Double.isFinite(va) ? w.s2() / w.b() * va : Double.NaN,
                1 / w.s2(), v);
        return normal(p, v, vi, share, df, level, range);
    }

    /** V_items + σ² Σ_a (H_a² − Σ h²): the majorities' items-only variance and the covariance shared voters add. */
    private static Interval majority(ClusteredBootstrap.Data d, ClusteredBootstrap.Draws items, ClusteredBootstrap.Draws people,
                                     int s, double[][] gradient, boolean[] include, double[][] singleGradient, double level, int range) {
        double p = items.point()[s];
        double vi = variance(items.values()[s]);
        if (!Double.isFinite(p) || !Double.isFinite(vi)) {
            return undefined(p);
        }
        // σ² from single accuracy over all answers: the tier's skill variance does not depend on which items a model had.
        double va = variance(people.values()[ClusteredBootstrap.SINGLE_ACCURACY]);
        Workload w = Workload.of(d, null);
        double pairs = MajorityInfluence.pairTerm(d, gradient, include);
        double share = Double.isFinite(va) ? w.sigma2(va, answerNoise(d, singleGradient, null)) * pairs : 0;
        double v = Math.max(vi, vi + share);
        // The share is (pairs / B) (V_annotators − const): Satterthwaite's df with the annotators' clusters.
        double df = satterthwaite(vi, itemCount(d, include), Double.isFinite(va) ? Math.abs(pairs) / w.b() * va : Double.NaN, 1 / w.s2(), v);
        return normal(p, v, vi, share, df, level, range);
    }

    /**
     * Workload shares w_a = n_a / N of the answers (on included items with a reference). An annotators-only
     * bootstrap of a mean over answers has variance Σ_a w_a² (x̄_a − x̄)²; if annotator a's mean is its own effect
     * (variance σ²) plus answer noise of variance s² / n_a, that sum's expectation is σ² B + (s² / N)(1 − Σ w²), with
     * B = Σ w² − 2 Σ w³ + (Σ w²)²: the centred sum's bias, the kind W. R. Bell and D. F. McCaffrey's CR2 correction
     * removes (Survey Methodology 28(2), 2002); B = (G − 1) / G² for G equal clusters, the familiar G / (G − 1).
     * So σ² = (V_annotators − V_answers (1 − Σ w²)) / B, floored at 0, with V_answers = s² / N.
     */
    private record Workload(double s2, double b) {
        static Workload of(ClusteredBootstrap.Data d, boolean[] include) {
            double[] n = new double[d.nAnnotators()];
            double total = 0;
            for (int x = 0; x < d.item().length; x++) {
                int i = d.item()[x];
                if (d.reference()[i] >= 0 && (include == null || include[i])) {
                    n[d.annotator()[x]]++;
                    total++;
                }
            }
            double s2 = 0;
            double s3 = 0;
            for (double c : n) {
                double w = total > 0 ? c / total : 0;
                s2 += w * w;
                s3 += w * w * w;
            }
            return new Workload(s2, s2 - 2 * s3 + s2 * s2);
        }

        double sigma2(double varAnnotators, double varAnswers) {
            return b > 0 ? Math.max(0, varAnnotators - varAnswers * (1 - s2)) / b : 0;
        }
    }

    /** Σ_x (d_x − mean d)² over answers on included items with a reference: the variance if answers were independent. */
    static double answerNoise(ClusteredBootstrap.Data d, double[][] gradient, boolean[] include) {
        double sum = 0;
        double sq = 0;
        int n = 0;
        for (int x = 0; x < d.item().length; x++) {
            int i = d.item()[x];
            int ref = d.reference()[i];
            if (ref >= 0 && (include == null || include[i])) {
                double g = gradient[ref][d.label()[x]];
                sum += g;
                sq += g * g;
                n++;
            }
        }
        return n == 0 ? 0 : sq - sum * sum / n;
    }

    /** The single-annotator table [ref][label] (plus an empty unresolved column) over included items. */
    static double[][] singleTable(ClusteredBootstrap.Data d, boolean[] include) {
        double[][] t = new double[d.k()][d.k() + 1];
        for (int x = 0; x < d.item().length; x++) {
            int i = d.item()[x];
            if (d.reference()[i] >= 0 && (include == null || include[i])) {
                t[d.reference()[i]][d.label()[x]]++;
            }
        }
        return t;
    }

    static double satterthwaite(double vi, double gi, double va, double ga, double v) {
        double den = (gi > 1 ? vi * vi / (gi - 1) : 0) + (ga > 1 && Double.isFinite(va) ? va * va / (ga - 1) : 0);
        return den > 0 ? Math.max(1, v * v / den) : Math.max(1, gi - 1);
    }

    /** Effective number of clusters N² / Σ n_c² over answers on included items with a reference. */
    private static double clusters(ClusteredBootstrap.Data d, int[] key, int size, boolean[] include) {
        double[] count = new double[size];
        double total = 0;
        for (int x = 0; x < key.length; x++) {
            int i = d.item()[x];
            if (d.reference()[i] >= 0 && (include == null || include[i])) {
                count[key[x]]++;
                total++;
            }
        }
        double sq = Arrays.stream(count).map(c -> c * c).sum();
        return sq == 0 ? 0 : total * total / sq;
    }

    private static double itemCount(ClusteredBootstrap.Data d, boolean[] include) {
        boolean[] voted = new boolean[d.nItems()];
        for (int i : d.item()) {
            voted[i] = true;
        }
        int n = 0;
        for (int i = 0; i < d.nItems(); i++) {
            n += voted[i] && d.reference()[i] >= 0 && (include == null || include[i]) ? 1 : 0;
        }
        return n;
    }

    private static Interval normal(double p, double v, double vi, double va, double df, double level, int range) {
        double h = Student.quantile((1 + level) / 2, df) * Math.sqrt(v);
        double lo = range == 1 ? 0 : -1;
        return new Interval(p, Math.max(lo, p - h), Math.min(1, p + h), vi, va, df);
    }

    private static Interval percentile(double p, double[] values, double level) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (v.length == 0) {
            return undefined(p);
        }
        return new Interval(p, Bootstrap.quantile(v, (1 - level) / 2), Bootstrap.quantile(v, (1 + level) / 2), variance(values),
                Double.NaN, Double.NaN);
    }

    private static Interval undefined(double p) {
        return new Interval(p, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    static double variance(double[] values) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).toArray();
        if (v.length < 2) {
            return Double.NaN;
        }
        double mean = Arrays.stream(v).average().orElse(0);
        return Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / (v.length - 1);
    }
}
