package dev.kappa.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kappa.stats.Cohen.Weights;
import dev.kappa.stats.Krippendorff.Metric;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Degenerate data give defined results or an undefined Estimate with a reason, and never NaN. */
class EdgeCaseTest {

    /** Every statistic at once; asserts no NaN/infinity anywhere and returns alpha for further checks. */
    static void assertAllFinite(Ratings r) {
        for (Metric m : Metric.values()) {
            finite(Krippendorff.alpha(r, m));
        }
        for (Estimate e : Krippendorff.perCategory(r)) {
            finite(e);
        }
        Fleiss.Result f = Fleiss.of(r);
        finite(f.kappa());
        assertTrue(Double.isFinite(f.observed()) && Double.isFinite(f.expected()));
        for (Estimate e : f.perCategory()) {
            finite(e);
        }
        finite(Gwet.ac1(r));
        finite(PercentAgreement.of(r));
        finite(PercentAgreement.itemMean(r));
        for (PerLabel.LabelAgreement l : PerLabel.of(r)) {
            finite(l.alpha());
            finite(l.kappa());
            finite(l.specificAgreement());
        }
        PerItem.Spread s = PerItem.of(r);
        finite(s.majorityShare());
        finite(s.entropyBits());
        finite(MajorityVote.of(r).support());
        DawidSkene.Result ds = DawidSkene.fit(r);
        finite(ds.consensus().support());
        finite(ds.priors());
        finite(ds.confusion());
        assertTrue(Double.isFinite(ds.logLikelihood()));
        PairwiseCohen.Result pw = PairwiseCohen.of(r, 1, Weights.LINEAR);
        finite(pw.mean());
        pw.pairs().forEach(p -> finite(p.kappa()));
    }

    static void finite(Estimate e) {
        assertTrue(Double.isFinite(e.value()), e.toString());
        if (!e.defined()) {
            assertFalse(e.reason().isEmpty(), "an undefined estimate says why");
            assertEquals(0.0, e.value());
        }
    }

    static void finite(double[] values) {
        for (double v : values) {
            assertTrue(Double.isFinite(v), "non-finite value " + v);
        }
    }

    @Test
    @DisplayName("empty data: every coefficient is undefined with reason 'no answers', consensus and metrics are empty")
    void empty() {
        Ratings r = Ratings.of(new int[0], new int[0], new int[0], 0, 0, 3);
        assertAllFinite(r);
        assertEquals(Estimate.NO_DATA, Krippendorff.alpha(r, Metric.NOMINAL).reason());
        assertEquals(Estimate.NO_DATA, Fleiss.of(r).kappa().reason());
        assertEquals(Estimate.NO_DATA, Gwet.ac1(r).reason());
        assertEquals(Estimate.NO_DATA, PercentAgreement.of(r).reason());
        assertEquals(Estimate.NO_DATA, PairwiseCohen.of(r, 1, Weights.NONE).mean().reason());
        assertEquals(0, MajorityVote.of(r).label().length);
        DawidSkene.Result ds = DawidSkene.fit(r);
        assertEquals(0, ds.iterations());
        assertTrue(ds.converged());
        assertEquals(Estimate.NO_DATA, Cohen.kappa(new double[3][3]).reason());
        assertFalse(Classification.of(new int[0], new int[0], 3).accuracy().defined());
        assertFalse(Classification.of(new int[0], new int[0], 3).macroF1().defined());
        assertEquals(Estimate.NO_DATA, AnnotatorQuality.median(new double[0]).reason());
        assertFalse(Bootstrap.percentile(r, Gwet::ac1, 10, 1).lower().defined());
        assertEquals(Estimate.NO_DATA, Ratings.of(new int[0], new int[0], new int[0]).noPairsReason());
    }

    @Test
    @DisplayName("one annotator with one answer per item: pair statistics are undefined ('one annotator'); majority and Dawid-Skene still label")
    void oneAnnotator() {
        Ratings r = Ratings.of(new int[] {0, 1, 2}, new int[] {0, 0, 0}, new int[] {0, 1, 1}, 3, 1, 2);
        assertAllFinite(r);
        for (Estimate e : new Estimate[] {Krippendorff.alpha(r, Metric.NOMINAL), Fleiss.of(r).kappa(), Gwet.ac1(r),
                PercentAgreement.of(r), PairwiseCohen.of(r, 1, Weights.NONE).mean()}) {
            assertFalse(e.defined());
            assertEquals(Estimate.ONE_ANNOTATOR, e.reason());
        }
        assertArrayEquals(new int[] {0, 1, 1}, MajorityVote.of(r).label());
        assertArrayEquals(new int[] {0, 1, 1}, DawidSkene.fit(r).consensus().label());
    }

    @Test
    @DisplayName("several annotators but never two answers on one item: undefined with reason 'no item has two or more answers'")
    void noPairs() {
        Ratings r = Ratings.of(new int[] {0, 1, 2}, new int[] {0, 1, 2}, new int[] {0, 1, 1}, 3, 3, 2);
        assertAllFinite(r);
        assertEquals(Estimate.NO_PAIRS, Krippendorff.alpha(r, Metric.INTERVAL).reason());
        assertEquals(Estimate.NO_PAIRS, Fleiss.of(r).kappa().reason());
    }

    @Test
    @DisplayName("every answer the same label: kappa and alpha undefined ('no expected disagreement'), agreement 1, AC1 1")
    void allSameLabel() {
        int[][] m = {{2, 2, 2}, {2, 2, -1}, {2, 2, 2}};
        Ratings r = Ratings.fromMatrix(m, -1, 4);
        assertAllFinite(r);
        for (Metric metric : Metric.values()) {
            assertEquals(Estimate.NO_EXPECTED_DISAGREEMENT, Krippendorff.alpha(r, metric).reason(), metric.name());
        }
        assertEquals(Estimate.NO_EXPECTED_DISAGREEMENT, Fleiss.of(r).kappa().reason());
        assertEquals(1.0, PercentAgreement.of(r).value());
        assertEquals(1.0, Gwet.ac1(r).value(), 1e-15);
        assertEquals(Estimate.NO_EXPECTED_DISAGREEMENT, Cohen.kappa(new int[] {1, 1}, new int[] {1, 1}, 2, Weights.NONE).reason());
        assertEquals(Estimate.NO_EXPECTED_DISAGREEMENT, PairwiseCohen.of(r, 1, Weights.NONE).mean().reason());
        assertArrayEquals(new int[] {2, 2, 2}, MajorityVote.of(r).label());
        assertArrayEquals(new int[] {2, 2, 2}, DawidSkene.fit(r).consensus().label());
    }

    @Test
    @DisplayName("an item with a single answer does not change alpha, percent agreement or Fleiss' kappa")
    void singleAnswerItemIgnored() {
        int[][] base = {{0, 0, 1}, {1, 1, 1}, {0, 2, 2}, {2, 2, 2}};
        int[][] plus = {{0, 0, 1}, {1, 1, 1}, {0, 2, 2}, {2, 2, 2}, {-1, 1, -1}};
        Ratings a = Ratings.fromMatrix(base, -1, 3);
        Ratings b = Ratings.fromMatrix(plus, -1, 3);
        assertAllFinite(b);
        for (Metric m : Metric.values()) {
            assertEquals(Krippendorff.alpha(a, m).value(), Krippendorff.alpha(b, m).value(), 1e-15, m.name());
        }
        assertEquals(PercentAgreement.of(a).value(), PercentAgreement.of(b).value(), 1e-15);
        assertEquals(Fleiss.of(a).kappa().value(), Fleiss.of(b).kappa().value(), 1e-15);
        assertEquals(1, MajorityVote.of(b).label()[4], "a lone answer is still that item's majority");
        assertEquals(1.0, PerItem.of(b).majorityShare()[4]);
    }

    @Test
    @DisplayName("items without answers are unresolved with zero support and do not affect any coefficient")
    void unansweredItems() {
        Ratings a = Ratings.fromMatrix(new int[][] {{0, 1}, {1, 1}, {0, 0}}, -1, 2);
        Ratings b = Ratings.of(new int[] {0, 0, 1, 1, 3, 3}, new int[] {0, 1, 0, 1, 0, 1},
                new int[] {0, 1, 1, 1, 0, 0}, 5, 2, 2);
        assertEquals(Krippendorff.alpha(a, Metric.NOMINAL).value(), Krippendorff.alpha(b, Metric.NOMINAL).value(), 1e-15);
        assertEquals(Gwet.ac1(a).value(), Gwet.ac1(b).value(), 1e-15);
        for (Consensus c : new Consensus[] {MajorityVote.of(b), DawidSkene.fit(b).consensus()}) {
            assertEquals(Consensus.UNRESOLVED, c.label()[2]);
            assertEquals(0.0, c.support(2, 0) + c.support(2, 1));
            assertEquals(0.0, c.confidence(2));
        }
    }

    @Test
    @DisplayName("Estimate never holds NaN: non-finite inputs become undefined, undefined values read as 0")
    void estimateContract() {
        assertFalse(Estimate.of(Double.NaN).defined());
        assertFalse(Estimate.of(Double.POSITIVE_INFINITY).defined());
        assertEquals(0.0, Estimate.undefined("x").value());
        assertEquals(0.5, Estimate.undefined("x").orElse(0.5));
        assertEquals("undefined (x)", Estimate.undefined("x").toString());
    }
}
