package dev.kappa.study;

import dev.kappa.stats.Classification;
import dev.kappa.stats.ClusteredBootstrap;
import dev.kappa.stats.TwoWayIntervals;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A crowd with known truth, for coverage runs. Each study recruits {@code annotators} people from a population whose
 * accuracies are uniform on mean ± spread; item i shifts everyone's chance of being right by a uniform ±itemSpread
 * (hard and easy items); a wrong answer picks one of the other classes at random. Each of {@code items} reference
 * items gets {@code votes} answers from distinct annotators, chosen uniformly or, with {@code prolific}, with weights
 * 1/(rank+1) so that a few people give most answers (independently of how good they are). The true tier accuracy of a
 * single annotator is then exactly {@code mean}; the rest are found by {@link #truth}.
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

    /** The tier's true figures: single and majority-of-V accuracy and macro-F1 over the population (Monte Carlo). */
    public record Truth(double singleAccuracy, double singleF1, double majorityAccuracy, double majorityF1) {
    }

    /**
     * The population's expected confusion tables, by Monte Carlo (ties unresolved, as in the report), scored like the
     * report: the figures a study estimates when K and the crowd grow without bound.
     */
    public static Truth truth(Scenario s, int draws, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int k = s.classes();
        double[][] single = new double[k][k];
        double[][] majority = new double[k][k];
        double[] unresolved = new double[k];
        int[] votes = new int[k];
        for (int d = 0; d < draws; d++) {
            int ref = rng.nextInt(k);
            double shift = (2 * rng.nextDouble() - 1) * s.itemSpread();
            Arrays.fill(votes, 0);
            for (int v = 0; v < s.votes(); v++) {
                double p = s.mean() + (2 * rng.nextDouble() - 1) * s.spread() + shift;
                int label = answer(ref, p, k, rng);
                votes[label]++;
                single[ref][label]++;
            }
            int max = Arrays.stream(votes).max().orElse(0);
            int top = -1;
            int tied = 0;
            for (int c = 0; c < k; c++) {
                if (votes[c] == max) {
                    top = c;
                    tied++;
                }
            }
            if (tied == 1) {
                majority[ref][top]++;
            } else {
                unresolved[ref]++;
            }
        }
        Classification.Table st = Classification.ofTable(single, null);
        Classification.Table mt = Classification.ofTable(majority, unresolved);
        // A single annotator's expected accuracy is exactly the population mean (the item shift averages out).
        return new Truth(s.mean(), st.macroF1().value(), mt.accuracy().value(), mt.macroF1().value());
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

    /** Share of studies whose interval covers the truth, and the mean width, for one statistic and one method. */
    public record Cover(double share, double width) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%.3f (width %.3f)", share, width);
        }
    }

    /** Coverage of the report's (clustered) and the items-only intervals of the four statistics, over repeated studies. */
    public record Coverage(Cover[] clustered, Cover[] itemsOnly) {
        public Cover clustered(int statistic) {
            return clustered[statistic];
        }

        public Cover itemsOnly(int statistic) {
            return itemsOnly[statistic];
        }

        @Override
        public String toString() {
            return "clustered " + Arrays.toString(clustered) + ", items only " + Arrays.toString(itemsOnly);
        }
    }

    public static Coverage coverage(Scenario s, int studies, int resamples, Truth truth, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] target = {truth.singleAccuracy(), truth.singleF1(), truth.majorityAccuracy(), truth.majorityF1()};
        int[][] cover = new int[2][4];
        double[][] width = new double[2][4];
        for (int r = 0; r < studies; r++) {
            ClusteredBootstrap.Data d = study(s, rng);
            TwoWayIntervals.Result res = TwoWayIntervals.of(d, resamples, rng.nextLong(), 0.95);
            for (int m = 0; m < 2; m++) {
                TwoWayIntervals.Interval[] x = m == 0 ? res.clustered() : res.itemsOnly();
                for (int st = 0; st < 4; st++) {
                    cover[m][st] += x[st].lower() <= target[st] && target[st] <= x[st].upper() ? 1 : 0;
                    width[m][st] += x[st].upper() - x[st].lower();
                }
            }
        }
        Cover[][] out = new Cover[2][4];
        for (int m = 0; m < 2; m++) {
            for (int st = 0; st < 4; st++) {
                out[m][st] = new Cover((double) cover[m][st] / studies, width[m][st] / studies);
            }
        }
        return new Coverage(out[0], out[1]);
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
