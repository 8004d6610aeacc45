package dev.kappa.bench;

import dev.kappa.stats.ClusteredBootstrap;
import dev.kappa.stats.SampleSize;
import dev.kappa.study.SimulatedCrowd;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Issue 19's simulated truth at full size: coverage of the report card's 95% intervals (accuracy and macro-F1, single
 * and majority) over repeated studies, with the annotator clustering ({@code TwoWayIntervals}) and without (items
 * only), in four crowds; how often qualification
 * admits weak and strong annotators; and the width the sample-size planner's n delivers. Pure computation, no
 * database. Run by bench/study/run.sh; figures go in BENCHMARKS.md.
 */
public final class StudyCoverageBench {
    private StudyCoverageBench() {
    }

    public static void main(String[] args) {
        int studies = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int resamples = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        SimulatedCrowd.Scenario[] scenarios = {
            new SimulatedCrowd.Scenario("alike (all 0.75), items +-0.10", 0.75, 0.0, 0.1, 12, 100, 3, 2, false),
            new SimulatedCrowd.Scenario("mixed (0.60-0.90), items +-0.10", 0.75, 0.15, 0.1, 12, 100, 3, 2, false),
            new SimulatedCrowd.Scenario("mixed and prolific (1/rank workload)", 0.75, 0.15, 0.1, 12, 100, 3, 2, true),
            new SimulatedCrowd.Scenario("mixed, 5 votes, 3 classes, prolific", 0.7, 0.15, 0.1, 15, 100, 5, 3, true),
        };
        System.out.printf(Locale.ROOT, "%d studies per scenario, %d resamples each, K = 100 items; coverage of the report's "
                + "(clustered) / the items-only 95%% interval%n", studies, resamples);
        System.out.println("| crowd | V | truth: single acc, F1; majority acc, F1 | single accuracy | single macro-F1 | majority accuracy | majority macro-F1 | mean width, clustered / items: single acc; majority acc; single F1; majority F1 |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        long t0 = System.nanoTime();
        for (int s = 0; s < scenarios.length; s++) {
            SimulatedCrowd.Scenario sc = scenarios[s];
            SimulatedCrowd.Truth truth = SimulatedCrowd.truth(sc, 2_000_000, 100 + s);
            SimulatedCrowd.Coverage c = SimulatedCrowd.coverage(sc, studies, resamples, truth, 200 + s);
            int[] order = {ClusteredBootstrap.SINGLE_ACCURACY, ClusteredBootstrap.SINGLE_F1, ClusteredBootstrap.MAJORITY_ACCURACY,
                ClusteredBootstrap.MAJORITY_F1};
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %d | %.3f, %.3f; %.3f, %.3f |", sc.name(), sc.votes(),
                    truth.singleAccuracy(), truth.singleF1(), truth.majorityAccuracy(), truth.majorityF1()));
            for (int st : order) {
                row.append(String.format(Locale.ROOT, " %.3f / %.3f |", c.clustered(st).share(), c.itemsOnly(st).share()));
            }
            int[] widths = {ClusteredBootstrap.SINGLE_ACCURACY, ClusteredBootstrap.MAJORITY_ACCURACY, ClusteredBootstrap.SINGLE_F1,
                ClusteredBootstrap.MAJORITY_F1};
            for (int w = 0; w < widths.length; w++) {
                row.append(String.format(Locale.ROOT, " %.3f / %.3f%s", c.clustered(widths[w]).width(), c.itemsOnly(widths[w]).width(),
                        w < widths.length - 1 ? ";" : " |"));
            }
            System.out.println(row);
        }
        System.out.println();
        System.out.println("| qualification (20 takers, 30% weak at 0.45, strong at 0.85) | M | weak admitted | strong admitted |");
        System.out.println("|---|---|---|---|");
        for (int m : new int[] {10, 20, 30}) {
            double[] fixed = SimulatedCrowd.admitted(20, 0.3, 0.45, 0.85, m, "fixed", 0.7, 5000, m);
            double[] median = SimulatedCrowd.admitted(20, 0.3, 0.45, 0.85, m, "median", 0, 5000, 1000 + m);
            System.out.printf(Locale.ROOT, "| fixed bar 0.70 | %d | %.4f | %.4f |%n", m, fixed[0], fixed[1]);
            System.out.printf(Locale.ROOT, "| median (SuperGLUE) | %d | %.4f | %.4f |%n", m, median[0], median[1]);
        }
        System.out.println();
        System.out.println("| planner: expected, asked half-width | n | mean Wilson half-width over 10,000 simulated studies | coverage |");
        System.out.println("|---|---|---|---|");
        SplittableRandom rng = new SplittableRandom(19);
        for (double[] c : new double[][] {{0.8, 0.03}, {0.9, 0.02}, {0.6, 0.05}, {0.95, 0.01}}) {
            int n = SampleSize.forWidth(c[0], c[1], 0.95).n();
            double sum = 0;
            int covered = 0;
            for (int r = 0; r < 10_000; r++) {
                int right = 0;
                for (int i = 0; i < n; i++) {
                    right += rng.nextDouble() < c[0] ? 1 : 0;
                }
                double[] ci = SampleSize.wilson((double) right / n, n, 0.95);
                sum += (ci[1] - ci[0]) / 2;
                covered += ci[0] <= c[0] && c[0] <= ci[1] ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "| %.2f, %.3f | %d | %.4f | %.4f |%n", c[0], c[1], n, sum / 10_000, covered / 10_000.0);
        }
        System.out.printf(Locale.ROOT, "%nran in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }
}
