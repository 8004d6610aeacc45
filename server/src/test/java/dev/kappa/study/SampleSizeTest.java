package dev.kappa.study;

import dev.kappa.stats.Normal;
import dev.kappa.stats.SampleSize;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The planner against the Wilson formula, a published example, statsmodels, and simulation. */
class SampleSizeTest {
    @Test
    void normalMatchesPythonsNormalDist() {
        double[] xs = {-8, -3.1, -1.959963984540054, -0.5, 0, 0.25, 1.2, 2.5758, 6};
        double[] ps = {1e-9, 0.001, 0.02, 0.025, 0.2, 0.5, 0.8, 0.975, 0.995, 0.999999};
        StringBuilder in = new StringBuilder();
        for (double x : xs) {
            in.append("c ").append(x).append('\n');
        }
        for (double p : ps) {
            in.append("q ").append(p).append('\n');
        }
        String out = Python.run("""
                import sys
                from statistics import NormalDist
                N = NormalDist()
                for line in sys.stdin:
                    k, v = line.split()
                    print(repr(N.cdf(float(v)) if k == 'c' else N.inv_cdf(float(v))))
                """, in.toString());
        String[] lines = out.trim().split("\n");
        for (int i = 0; i < xs.length; i++) {
            double expected = Double.parseDouble(lines[i]);
            assertEquals(expected, Normal.cdf(xs[i]), 1e-14 + 1e-12 * expected, "cdf(" + xs[i] + ")");
        }
        for (int i = 0; i < ps.length; i++) {
            assertEquals(Double.parseDouble(lines[xs.length + i]), Normal.quantile(ps[i]), 1e-9, "quantile(" + ps[i] + ")");
        }
    }

    /** R. G. Newcombe, Statistics in Medicine 17 (1998), Table II, example (i): 81/263, Wilson score 0.2553 to 0.3662. */
    @Test
    void wilsonReproducesNewcombesWorkedExample() {
        double[] ci = SampleSize.wilson(81.0 / 263, 263, 0.95);
        assertEquals(0.2553, ci[0], 5e-5);
        assertEquals(0.3662, ci[1], 5e-5);
    }

    @Test
    void widthPlannerIsTheSmallestNByTheWilsonFormulaAndByStatsmodels() {
        double[][] cases = {{0.8, 0.03, 0.95}, {0.5, 0.05, 0.95}, {0.95, 0.01, 0.95}, {0.7, 0.02, 0.9}, {0.99, 0.005, 0.99}, {0.3, 0.1, 0.8}};
        StringBuilder in = new StringBuilder();
        List<SampleSize.Width> plans = new ArrayList<>();
        for (double[] c : cases) {
            SampleSize.Width w = SampleSize.forWidth(c[0], c[1], c[2]);
            plans.add(w);
            // The formula itself: n meets the width, n - 1 does not.
            assertTrue(SampleSize.wilsonHalfWidth(c[0], w.n(), c[2]) <= c[1]);
            assertTrue(w.n() == 1 || SampleSize.wilsonHalfWidth(c[0], w.n() - 1, c[2]) > c[1]);
            in.append(String.format(Locale.ROOT, "%.17g %.17g %.17g %d%n", c[0], c[1], c[2], w.n()));
        }
        String out = Python.run("""
                import sys
                from statsmodels.stats.proportion import proportion_confint
                for line in sys.stdin:
                    p, h, level, n = line.split(); p = float(p); h = float(h); level = float(level); n = int(n)
                    lo, hi = proportion_confint(p * n, n, alpha=1 - level, method='wilson')
                    lo1, hi1 = proportion_confint(p * (n - 1), n - 1, alpha=1 - level, method='wilson') if n > 1 else (0, 1)
                    print(repr(lo), repr(hi), repr((hi1 - lo1) / 2))
                """, in.toString());
        String[] lines = out.trim().split("\n");
        for (int i = 0; i < cases.length; i++) {
            String[] f = lines[i].trim().split(" ");
            SampleSize.Width w = plans.get(i);
            assertEquals(Double.parseDouble(f[0]), w.lower(), 1e-9, "lower at case " + i);
            assertEquals(Double.parseDouble(f[1]), w.upper(), 1e-9, "upper at case " + i);
            assertTrue((w.upper() - w.lower()) / 2 <= cases[i][1] + 1e-12, "statsmodels' width at n, case " + i);
            assertTrue(Double.parseDouble(f[2]) > cases[i][1], "statsmodels' width at n - 1 exceeds the asked one, case " + i);
        }
    }

    @Test
    void pairedPlannerMatchesStatsmodelsNormalPower() {
        double[][] cases = {{0.8, 0.05, -1, 0.95, 0.8}, {0.8, -0.05, -1, 0.95, 0.8}, {0.7, 0.1, 0.25, 0.95, 0.8},
                {0.9, 0.03, 0.1, 0.99, 0.9}, {0.6, 0.2, -1, 0.9, 0.8}};
        StringBuilder in = new StringBuilder();
        List<SampleSize.Power> plans = new ArrayList<>();
        for (double[] c : cases) {
            SampleSize.Power p = SampleSize.forPairedDifference(c[0], c[1], c[2] < 0 ? null : c[2], c[3], c[4]);
            plans.add(p);
            in.append(String.format(Locale.ROOT, "%.17g %.17g %.17g %.17g %.17g%n", c[0], c[1], c[2], c[3], c[4]));
        }
        // The effect size is recomputed here from the inputs, not taken from Java.
        String out = Python.run("""
                import sys, math
                from statsmodels.stats.power import NormalIndPower
                for line in sys.stdin:
                    ph, d, psi, level, power = map(float, line.split())
                    pm = ph + d
                    if psi < 0:
                        psi = ph * (1 - pm) + pm * (1 - ph)
                    es = abs(d) / math.sqrt(psi - d * d)
                    n = NormalIndPower().solve_power(effect_size=es, nobs1=None, alpha=1 - level, power=power, ratio=0, alternative='two-sided')
                    print(repr(n), repr(psi))
                """, in.toString());
        String[] lines = out.trim().split("\n");
        for (int i = 0; i < cases.length; i++) {
            String[] f = lines[i].trim().split(" ");
            double n = Double.parseDouble(f[0]);
            assertEquals((int) Math.ceil(n - 1e-9), plans.get(i).n(), "case " + i + ": statsmodels n = " + n);
            assertEquals(Double.parseDouble(f[1]), plans.get(i).discordance(), 1e-12);
            assertTrue(plans.get(i).power() >= cases[i][4]);
        }
    }

    /** Simulated truth: intervals at the planned n come out as wide as asked (on average, within 3%). */
    @Test
    void plannedNGivesIntervalsOfTheAskedWidth() {
        SplittableRandom rng = new SplittableRandom(19);
        for (double[] c : new double[][] {{0.8, 0.03}, {0.6, 0.05}, {0.9, 0.02}}) {
            int n = SampleSize.forWidth(c[0], c[1], 0.95).n();
            double sum = 0;
            int studies = 400;
            for (int s = 0; s < studies; s++) {
                int right = 0;
                for (int i = 0; i < n; i++) {
                    right += rng.nextDouble() < c[0] ? 1 : 0;
                }
                double[] ci = SampleSize.wilson((double) right / n, n, 0.95);
                sum += (ci[1] - ci[0]) / 2;
            }
            double mean = sum / studies;
            assertEquals(c[1], mean, 0.03 * c[1], "mean half-width at n = " + n + " for expected " + c[0]);
        }
    }

    @Test
    void studentQuantilesMatchScipy() {
        double[][] cases = {{0.975, 1}, {0.975, 2.5}, {0.975, 5}, {0.975, 11.3}, {0.95, 30}, {0.995, 4}, {0.975, 1000}, {0.6, 3}};
        StringBuilder in = new StringBuilder();
        for (double[] c : cases) {
            in.append(c[0]).append(' ').append(c[1]).append('\n');
        }
        String out = Python.run("""
                import sys
                from scipy.stats import t
                for line in sys.stdin:
                    p, df = map(float, line.split())
                    print(repr(t.ppf(p, df)))
                """, in.toString());
        String[] lines = out.trim().split("\n");
        for (int i = 0; i < cases.length; i++) {
            double expected = Double.parseDouble(lines[i]);
            assertEquals(expected, dev.kappa.stats.Student.quantile(cases[i][0], cases[i][1]), 1e-8 * Math.max(1, expected),
                    "t quantile " + cases[i][0] + " df " + cases[i][1]);
        }
    }
}
