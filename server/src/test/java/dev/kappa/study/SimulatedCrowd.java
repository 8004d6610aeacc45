package dev.kappa.study;

import dev.kappa.stats.ClusteredBootstrap;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A crowd with known truth, for coverage runs. Each study recruits {@code annotators} people from a population whose
 * accuracies are uniform on mean ± spread; item i shifts everyone's chance of being right by a uniform ±itemSpread
 * (hard and easy items); a wrong answer picks one of the other classes at random. Each of {@code items} reference
 * items gets {@code votes} answers from distinct annotators, chosen uniformly or, with {@code prolific}, with weights
 * 1/(rank+1) so that a few people give most answers (independently of how good they are). The true tier accuracy of a
 * single annotator is then exactly {@code mean}; the majority's is found by {@link #trueMajority}.
 */
public final class SimulatedCrowd {
    public record Scenario(String name, double mean, double spread, double itemSpread, int annotators, int items, int votes,
                           int classes, boolean prolific) {
    }

    private SimulatedCrowd() {
    }

    public static ClusteredBootstrap.Data study(Scenario s, SplittableRandom rng) {
        double[] acc = new double[s.annotators()];
        double[] weight = new double[s.annotators()];
        for (int a = 0; a < acc.length; a++) {
            acc[a] = s.mean() + (2 * rng.nextDouble() - 1) * s.spread();
            weight[a] = s.prolific() ? 1.0 / (a + 1) : 1.0;
        }
        int n = s.items() * s.votes();
        int[] item = new int[n];
        int[] annotator = new int[n];
        int[] label = new int[n];
        int[] reference = new int[s.items()];
        int x = 0;
        for (int i = 0; i < s.items(); i++) {
            reference[i] = rng.nextInt(s.classes());
            double shift = (2 * rng.nextDouble() - 1) * s.itemSpread();
            boolean[] used = new boolean[s.annotators()];
            for (int v = 0; v < s.votes(); v++) {
                int a = pick(weight, used, rng);
                used[a] = true;
                item[x] = i;
                annotator[x] = a;
                label[x] = answer(reference[i], acc[a] + shift, s.classes(), rng);
                x++;
            }
        }
        return new ClusteredBootstrap.Data(s.items(), s.annotators(), s.classes(), item, annotator, label, reference, new int[0][]);
    }

    /** The majority-of-V accuracy over the population (Monte Carlo; ties count as wrong, as in the report). */
    public static double trueMajority(Scenario s, int draws, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] votes = new int[s.classes()];
        long right = 0;
        for (int d = 0; d < draws; d++) {
            double shift = (2 * rng.nextDouble() - 1) * s.itemSpread();
            Arrays.fill(votes, 0);
            for (int v = 0; v < s.votes(); v++) {
                double p = s.mean() + (2 * rng.nextDouble() - 1) * s.spread() + shift;
                votes[answer(0, p, s.classes(), rng)]++;
            }
            int max = Arrays.stream(votes).max().orElse(0);
            long top = Arrays.stream(votes).filter(c -> c == max).count();
            right += top == 1 && votes[0] == max ? 1 : 0;
        }
        return (double) right / draws;
    }

    private static int answer(int truth, double pRight, int classes, SplittableRandom rng) {
        if (rng.nextDouble() < pRight) {
            return truth;
        }
        int other = rng.nextInt(classes - 1);
        return other >= truth ? other + 1 : other;
    }

    private static int pick(double[] weight, boolean[] used, SplittableRandom rng) {
        double total = 0;
        for (int a = 0; a < weight.length; a++) {
            total += used[a] ? 0 : weight[a];
        }
        double u = rng.nextDouble() * total;
        for (int a = 0; a < weight.length; a++) {
            if (!used[a]) {
                u -= weight[a];
                if (u < 0) {
                    return a;
                }
            }
        }
        for (int a = weight.length - 1; a >= 0; a--) {
            if (!used[a]) {
                return a;
            }
        }
        throw new IllegalStateException("more votes than annotators");
    }

    /** Coverage of one interval method over repeated studies: share covering the truth, and mean width. */
    public record Coverage(double single, double majority, double singleWidth, double majorityWidth) {
    }

    /** Interval methods: "components" (the report's single accuracy), "pigeonhole" (two-way percentile), "items". */
    public static Coverage coverage(Scenario s, int studies, int resamples, String method, double trueMajority, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int coverSingle = 0;
        int coverMajority = 0;
        double widthSingle = 0;
        double widthMajority = 0;
        for (int r = 0; r < studies; r++) {
            ClusteredBootstrap.Data d = study(s, rng);
            long bootSeed = rng.nextLong();
            ClusteredBootstrap.Result res = ClusteredBootstrap.run(d, resamples, bootSeed, 0.95, !"items".equals(method));
            int si = ClusteredBootstrap.SINGLE_ACCURACY;
            int mi = ClusteredBootstrap.MAJORITY_ACCURACY;
            double lo = res.lower()[si];
            double hi = res.upper()[si];
            if ("components".equals(method)) {
                ClusteredBootstrap.Components c = ClusteredBootstrap.singleAccuracy(d, resamples, bootSeed, 0.95);
                lo = c.lower();
                hi = c.upper();
            }
            coverSingle += lo <= s.mean() && s.mean() <= hi ? 1 : 0;
            coverMajority += res.lower()[mi] <= trueMajority && trueMajority <= res.upper()[mi] ? 1 : 0;
            widthSingle += hi - lo;
            widthMajority += res.upper()[mi] - res.lower()[mi];
        }
        return new Coverage((double) coverSingle / studies, (double) coverMajority / studies, widthSingle / studies, widthMajority / studies);
    }

    /** Share of weak and of strong annotators admitted by a pass rule on m qualification items. */
    public static double[] admitted(int takers, double weakShare, double weakAcc, double strongAcc, int m, String rule, double bar,
                                    int rounds, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        long weak = 0;
        long weakIn = 0;
        long strong = 0;
        long strongIn = 0;
        for (int r = 0; r < rounds; r++) {
            double[] score = new double[takers];
            boolean[] isWeak = new boolean[takers];
            for (int t = 0; t < takers; t++) {
                isWeak[t] = rng.nextDouble() < weakShare;
                int right = 0;
                for (int q = 0; q < m; q++) {
                    right += rng.nextDouble() < (isWeak[t] ? weakAcc : strongAcc) ? 1 : 0;
                }
                score[t] = (double) right / m;
            }
            double median = dev.kappa.study.PassRule.medianOf(score);
            for (int t = 0; t < takers; t++) {
                boolean in = "fixed".equals(rule) ? PassRule.fixed(score[t], m, bar) : PassRule.median(score[t], m, median);
                if (isWeak[t]) {
                    weak++;
                    weakIn += in ? 1 : 0;
                } else {
                    strong++;
                    strongIn += in ? 1 : 0;
                }
            }
        }
        return new double[] {(double) weakIn / Math.max(1, weak), (double) strongIn / Math.max(1, strong)};
    }
}
