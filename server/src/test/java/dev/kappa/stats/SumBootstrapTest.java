package dev.kappa.stats;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The bootstrap of summed per-item contributions, and the metrics of fractional confusion tables. */
class SumBootstrapTest {

    /** Share of answers with label 0: a ratio of two per-item sums, so both bootstraps can compute it. */
    private static final Function<Ratings, Estimate> SHARE_OF_ZERO = r -> {
        int zero = 0;
        for (int a = 0; a < r.size(); a++) {
            zero += r.label(a) == 0 ? 1 : 0;
        }
        return r.size() == 0 ? Estimate.undefined(Estimate.NO_DATA) : Estimate.of((double) zero / r.size());
    };

    private static SumBootstrap.Contributions shareContributions(Ratings r) {
        int[] counts = r.itemClassCounts();
        int[] start = new int[r.nItems() + 1];
        int[] cell = new int[2 * r.nItems()];
        double[] weight = new double[2 * r.nItems()];
        for (int i = 0; i < r.nItems(); i++) {
            start[i + 1] = 2 * (i + 1);
            cell[2 * i] = 0;
            weight[2 * i] = counts[i * r.nClasses()];
            cell[2 * i + 1] = 1;
            weight[2 * i + 1] = r.answersOn(i);
        }
        return new SumBootstrap.Contributions(2, start, cell, weight);
    }

    private static Estimate[] share(double[] sum) {
        return new Estimate[] {sum[1] == 0 ? Estimate.undefined(Estimate.NO_DATA) : Estimate.of(sum[0] / sum[1])};
    }

    @Test
    @DisplayName("the same seed draws the same items as Bootstrap.percentiles, so a summed statistic gets the identical interval")
    void sameResamplesAsTheItemBootstrap() {
        Ratings r = CrossCheckTest.ratings("mixed");
        Bootstrap.Interval items = Bootstrap.percentile(r, SHARE_OF_ZERO, 203, 42);
        Bootstrap.Interval sums = SumBootstrap.percentiles(shareContributions(r), SumBootstrapTest::share, 203, 42, 0.95, false)[0];
        assertEquals(items, sums);
    }

    @Test
    @DisplayName("the division-free draws are exactly SplittableRandom.nextInt(bound), rejections included")
    void drawsMatchTheJdk() {
        SplittableRandom bounds = new SplittableRandom(9);
        int[] fixed = {1, 2, 3, 7, 10, 1000, 200_000, 1 << 20, (1 << 30) + 1, Integer.MAX_VALUE - 1, Integer.MAX_VALUE};
        for (int t = 0; t < fixed.length + 50; t++) {
            int bound = t < fixed.length ? fixed[t] : 1 + bounds.nextInt(Integer.MAX_VALUE);
            UniformDraws draws = new UniformDraws(bound);
            SplittableRandom a = new SplittableRandom(t);
            SplittableRandom b = new SplittableRandom(t);
            for (int j = 0; j < 20_000; j++) {
                assertEquals(a.nextInt(bound), draws.next(b), "bound " + bound + ", draw " + j);
            }
            for (int u : new int[] {0, 1, bound - 1, Integer.MAX_VALUE, Integer.MAX_VALUE - 1, 123_456_789}) {
                assertEquals(u % bound, draws.mod(u));
            }
        }
    }

    @Test
    @DisplayName("parallel blocks give exactly the sequential intervals; another seed gives others")
    void parallelIsReproducible() {
        Ratings r = CrossCheckTest.ratings("mixed");
        SumBootstrap.Contributions c = shareContributions(r);
        Bootstrap.Interval seq = SumBootstrap.percentiles(c, SumBootstrapTest::share, 500, 7, 0.95, false)[0];
        Bootstrap.Interval par = SumBootstrap.percentiles(c, SumBootstrapTest::share, 500, 7, 0.95, true)[0];
        assertEquals(seq, par);
        assertFalse(seq.lower().equals(SumBootstrap.percentiles(c, SumBootstrapTest::share, 500, 8, 0.95, true)[0].lower()));
    }

    @Test
    @DisplayName("no units: the point is what the statistic says of zeros and the interval is undefined, never NaN")
    void empty() {
        SumBootstrap.Contributions none = new SumBootstrap.Contributions(2, new int[] {0}, new int[0], new double[0]);
        Bootstrap.Interval ci = SumBootstrap.percentiles(none, SumBootstrapTest::share, 100, 1, 0.95, true)[0];
        assertFalse(ci.point().defined());
        assertFalse(ci.lower().defined());
        assertThrows(IllegalArgumentException.class, () -> new SumBootstrap.Contributions(2, new int[] {0, 1}, new int[] {2}, new double[] {1}));
    }

    @Test
    @DisplayName("a fractional confusion table: accuracy, precision, recall, F1 and macro-F1 by hand; unresolved mass is wrong")
    void fractionalTable() {
        // reference 0: 1.5 right, 0.5 called 1; reference 1: 0.25 called 0, 0.75 right; 1 unresolved item of class 1
        double[][] t = {{1.5, 0.5}, {0.25, 0.75}};
        Classification.Table r = Classification.ofTable(t, new double[] {0, 1});
        assertEquals(4.0, r.n(), 1e-15);
        assertEquals(2.25 / 4, r.accuracy().value(), 1e-15);
        assertEquals(1.5 / 1.75, r.precision()[0].value(), 1e-15);
        assertEquals(1.5 / 2, r.recall()[0].value(), 1e-15);
        assertEquals(3.0 / 3.75, r.f1()[0].value(), 1e-15);
        assertEquals(0.75 / 1.25, r.precision()[1].value(), 1e-15);
        assertEquals(0.75 / 2, r.recall()[1].value(), 1e-15, "the unresolved item is a miss of class 1");
        assertEquals(1.5 / (1.5 + 0.5 + 1.25), r.f1()[1].value(), 1e-15);
        assertEquals((3.0 / 3.75 + 1.5 / 3.25) / 2, r.macroF1().value(), 1e-15);
        assertArrayEquals(new double[] {2, 2}, r.support(), 1e-15);
        assertFalse(Classification.ofTable(new double[2][2], null).accuracy().defined());
    }
}
