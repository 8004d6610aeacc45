package dev.kappa.stats;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pieces of the report card's two-way intervals, against hand computations and finite differences. */
class TwoWayIntervalsTest {
    @Test
    @DisplayName("table derivatives of accuracy and macro-F1 equal finite differences of Classification.ofTable")
    void gradientsMatchFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(4);
        double[][] t = new double[3][4];
        for (double[] row : t) {
            for (int o = 0; o < row.length; o++) {
                row[o] = 1 + rng.nextInt(20);
            }
        }
        check(t, TableGradient.accuracy(t), x -> Classification.ofTable(square(x), unresolved(x)).accuracy().value());
        check(t, TableGradient.macroF1(t), x -> Classification.ofTable(square(x), unresolved(x)).macroF1().value());
    }

    private static void check(double[][] t, double[][] g, Function<double[][], Double> f) {
        double eps = 1e-6;
        for (int r = 0; r < t.length; r++) {
            for (int o = 0; o < t[r].length; o++) {
                double[][] up = copy(t);
                double[][] down = copy(t);
                up[r][o] += eps;
                down[r][o] -= eps;
                assertEquals((f.apply(up) - f.apply(down)) / (2 * eps), g[r][o], 1e-7, "cell " + r + "," + o);
            }
        }
    }

    @Test
    @DisplayName("the majority's shared-voter term on a worked example: only a voter pivotal on two items counts")
    void pairTermWorkedExample() {
        // Two items with reference 0. Item 0: a0 says 0, a1 says 0, a2 says 1 (right). Item 1: a0 0, a1 1, a3 1
        // (wrong). A vote is pivotal where the other two split: a0 and a1 on item 0, a1 and a3 on item 1; with the
        // accuracy's derivative ±1/4 per outcome each pivotal vote has h = 1/2, and a1 is pivotal twice:
        // Σ_a H_a² − Σ h² = (1/4 + 1 + 1/4) − 4/4 = 1/2.
        ClusteredBootstrap.Data d = new ClusteredBootstrap.Data(2, 4, 2, new int[] {0, 0, 0, 1, 1, 1}, new int[] {0, 1, 2, 0, 1, 3},
                new int[] {0, 0, 1, 0, 1, 1}, new int[] {0, 0}, new int[0][]);
        double[][] table = MajorityInfluence.table(d, null);
        assertEquals(1.0, table[0][0]);
        assertEquals(1.0, table[0][1]);
        assertEquals(0.5, MajorityInfluence.pairTerm(d, TableGradient.accuracy(table), null), 1e-12);
        assertEquals(0.0, MajorityInfluence.pairTerm(d, TableGradient.accuracy(table), new boolean[] {true, false}), 1e-12,
                "one item: no two items share a voter");
    }

    @Test
    @DisplayName("the answer-level variance of accuracy is p(1 - p)/N")
    void answerNoiseOfAccuracy() {
        ClusteredBootstrap.Data d = new ClusteredBootstrap.Data(3, 2, 2, new int[] {0, 0, 1, 1, 2}, new int[] {0, 1, 0, 1, 0},
                new int[] {0, 1, 1, 1, 0}, new int[] {0, 1, 0}, new int[0][]);
        double[][] t = TwoWayIntervals.singleTable(d, null);
        double p = 4.0 / 5;
        assertEquals(p * (1 - p) / 5, TwoWayIntervals.answerNoise(d, TableGradient.accuracy(t), null), 1e-15);
    }

    @Test
    @DisplayName("one seed, one answer; intervals hold their points and widen when the annotators differ")
    void intervalsAreReproducibleAndHoldTheirPoints() {
        ClusteredBootstrap.Data d = new ClusteredBootstrap.Data(4, 3, 2, new int[] {0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3},
                new int[] {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2}, new int[] {0, 0, 1, 1, 1, 0, 0, 1, 1, 1, 0, 0},
                new int[] {0, 1, 0, 1}, new int[][] {{0, 1, 1, 1}});
        TwoWayIntervals.Result a = TwoWayIntervals.of(d, 300, 9, 0.95);
        TwoWayIntervals.Result b = TwoWayIntervals.of(d, 300, 9, 0.95);
        for (int s = 0; s < a.clustered().length; s++) {
            TwoWayIntervals.Interval x = a.clustered()[s];
            assertEquals(x, b.clustered()[s]);
            assertTrue(x.lower() <= x.point() + 1e-12 && x.point() <= x.upper() + 1e-12, s + ": " + x);
        }
    }

    private static double[][] copy(double[][] t) {
        double[][] c = new double[t.length][];
        for (int r = 0; r < t.length; r++) {
            c[r] = t[r].clone();
        }
        return c;
    }

    private static double[][] square(double[][] t) {
        double[][] s = new double[t.length][t.length];
        for (int r = 0; r < t.length; r++) {
            System.arraycopy(t[r], 0, s[r], 0, t.length);
        }
        return s;
    }

    private static double[] unresolved(double[][] t) {
        double[] u = new double[t.length];
        for (int r = 0; r < t.length; r++) {
            u[r] = t[r][t.length];
        }
        return u;
    }
}
