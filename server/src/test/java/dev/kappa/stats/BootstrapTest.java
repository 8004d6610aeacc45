package dev.kappa.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kappa.stats.Krippendorff.Metric;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BootstrapTest {
    private static final Function<Ratings, Estimate> ALPHA = r -> Krippendorff.alpha(r, Metric.NOMINAL);

    @Test
    @DisplayName("the same seed gives the identical interval, sequential or parallel; another seed gives another")
    void reproducible() {
        Ratings r = CrossCheckTest.ratings("mixed");
        Bootstrap.Interval a = Bootstrap.percentile(r, ALPHA, 300, 7);
        Bootstrap.Interval b = Bootstrap.percentile(r, ALPHA, 300, 7);
        Bootstrap.Interval par = Bootstrap.percentile(r, ALPHA, 300, 7, 0.95, true);
        assertEquals(a, b);
        assertEquals(a, par);
        assertNotEquals(a.lower(), Bootstrap.percentile(r, ALPHA, 300, 8).lower());
    }

    @Test
    @DisplayName("a 95% interval brackets the point estimate on a normal data set and narrows at 80%")
    void containsPoint() {
        Ratings r = CrossCheckTest.ratings("mixed");
        for (Function<Ratings, Estimate> f : java.util.List.<Function<Ratings, Estimate>>of(ALPHA, Gwet::ac1,
                x -> Fleiss.of(x).kappa(), PercentAgreement::of)) {
            Bootstrap.Interval ci = Bootstrap.percentile(r, f, 400, 11);
            assertTrue(ci.point().defined() && ci.lower().defined() && ci.upper().defined());
            assertTrue(ci.lower().value() < ci.point().value() && ci.point().value() < ci.upper().value(), ci.toString());
            assertEquals(400, ci.definedResamples());
            assertTrue(ci.upper().value() - ci.lower().value() < 0.2, "500 items give a tight interval: " + ci);
            Bootstrap.Interval ci80 = Bootstrap.percentile(r, f, 400, 11, 0.80, false);
            assertTrue(ci80.lower().value() >= ci.lower().value() && ci80.upper().value() <= ci.upper().value());
        }
    }

    @Test
    @DisplayName("resamples where the statistic is undefined are left out and counted; all undefined gives an undefined interval")
    void undefinedResamples() {
        Ratings same = Ratings.fromMatrix(new int[][] {{1, 1}, {1, 1}, {1, 1}}, -1, 2);
        Bootstrap.Interval ci = Bootstrap.percentile(same, ALPHA, 50, 3);
        assertFalse(ci.point().defined());
        assertFalse(ci.lower().defined());
        assertEquals(0, ci.definedResamples());
        // one disagreeing item among three: some resamples miss it and have no variation
        Ratings mostly = Ratings.fromMatrix(new int[][] {{1, 1}, {1, 1}, {0, 1}}, -1, 2);
        Bootstrap.Interval part = Bootstrap.percentile(mostly, ALPHA, 200, 3);
        assertTrue(part.definedResamples() > 0 && part.definedResamples() < 200, "defined " + part.definedResamples());
        assertTrue(part.lower().defined());
    }

    @Test
    @DisplayName("an item drawn twice counts as two units, and the quantile interpolates between order statistics (type 7)")
    void mechanics() {
        Ratings r = Ratings.fromMatrix(new int[][] {{0, 1}, {1, 1}}, -1, 2);
        Ratings twice = r.selectItems(new int[] {1, 1, 0});
        assertEquals(3, twice.nItems());
        assertEquals(6, twice.size());
        assertEquals(2, twice.answersOn(1));
        assertEquals(1.5, Bootstrap.quantile(new double[] {1, 2}, 0.5), 1e-15);
        assertEquals(1.25, Bootstrap.quantile(new double[] {1, 2, 3}, 0.125), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.percentile(r, ALPHA, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.percentile(r, ALPHA, 10, 1, 1.0, false));
    }

    @Test
    @DisplayName("several statistics bootstrapped together give exactly the intervals each gets alone with the same seed")
    void togetherEqualsAlone() {
        Ratings r = CrossCheckTest.ratings("mixed");
        Function<Ratings, Estimate> fleiss = x -> Fleiss.of(x).kappa();
        Bootstrap.Interval[] both = Bootstrap.percentiles(r, x -> new Estimate[] {ALPHA.apply(x), fleiss.apply(x)},
                200, 5, 0.95, false);
        assertEquals(Bootstrap.percentile(r, ALPHA, 200, 5), both[0]);
        assertEquals(Bootstrap.percentile(r, fleiss, 200, 5), both[1]);
        assertEquals(both[0], Bootstrap.percentiles(r, x -> new Estimate[] {ALPHA.apply(x), fleiss.apply(x)},
                200, 5, 0.95, true)[0]);
    }
}
