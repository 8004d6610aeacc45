package dev.kappa.hardness;

import dev.kappa.stats.Classification;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each signal on cases small enough to work out by hand; the expected values are written as their formulas. */
class SignalsTest {
    private static final double EPS = 1e-12;

    @Test
    @DisplayName("uncertainty: a sure prediction is 0 and an even spread is 1 under all three measures")
    void uncertaintyBounds() {
        for (Uncertainty u : Uncertainty.values()) {
            assertEquals(0, u.of(new double[] {1, 0, 0}), EPS, u.key());
            assertEquals(1, u.of(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}), EPS, u.key());
        }
    }

    @Test
    @DisplayName("uncertainty of (0.5, 0.3, 0.2): least confidence, margin and entropy by their formulas")
    void uncertaintyMeasures() {
        double[] p = {0.5, 0.3, 0.2};
        assertEquals((1 - 0.5) * 3 / 2, Uncertainty.LEAST_CONFIDENCE.of(p), EPS);
        assertEquals(1 - (0.5 - 0.3), Uncertainty.MARGIN.of(p), EPS);
        double h = -(0.5 * Math.log(0.5) + 0.3 * Math.log(0.3) + 0.2 * Math.log(0.2));
        assertEquals(h / Math.log(3), Uncertainty.ENTROPY.of(p), EPS);
        assertEquals(0.9372305632161295, Uncertainty.ENTROPY.of(p), 1e-12);
    }

    @Test
    @DisplayName("probabilities are renormalised, missing classes are 0, and all-zero probabilities give no signal")
    void distribution() {
        assertArrayEquals(new double[] {0.75, 0.25, 0}, Uncertainty.distribution(new double[] {0.6, 0.2, 0}), EPS);
        assertNull(Uncertainty.distribution(new double[] {0, 0}));
    }

    @Test
    @DisplayName("a score alone is the model's probability for its label, the rest spread evenly; out of [0,1] gives none")
    void scoreOnly() {
        double[] p = Uncertainty.fromScore(0.8, 1, 3);
        assertArrayEquals(new double[] {0.1, 0.8, 0.1}, p, EPS);
        assertEquals((1 - 0.8) * 3 / 2, Uncertainty.LEAST_CONFIDENCE.of(p), EPS);
        assertEquals(1 - (0.8 - 0.1), Uncertainty.MARGIN.of(p), EPS);
        assertNull(Uncertainty.fromScore(2.5, 1, 3));
        assertNull(Uncertainty.fromScore(0.5, -1, 3));
    }

    @Test
    @DisplayName("model-human disagreement is the consensus support when they differ, 0 when they agree, none when unresolved")
    void modelDisagreement() {
        assertEquals(0.9, Signals.modelDisagreement(0, 1, 0.9), EPS);
        assertEquals(0, Signals.modelDisagreement(1, 1, 0.9), EPS);
        assertTrue(Double.isNaN(Signals.modelDisagreement(1, -1, 0)));
        assertTrue(Double.isNaN(Signals.modelDisagreement(-1, 1, 1)));
    }

    @Test
    @DisplayName("human disagreement: a 2-1 split of three answers over two classes, unanimity, and a single answer")
    void humanDisagreement() {
        double h = -(2 / 3.0 * Math.log(2 / 3.0) + 1 / 3.0 * Math.log(1 / 3.0)) / Math.log(2);
        assertEquals(h, Signals.Human.ENTROPY.of(3, 2, 2 / 3.0, h), EPS);
        assertEquals((1 - 2 / 3.0) / (1 - 1 / 2.0), Signals.Human.AGREEMENT.of(3, 2, 2 / 3.0, h), EPS);
        // Ten classes, three answers all different: the most disagreement three answers can show.
        double h3 = Math.log(3) / Math.log(2);
        assertEquals(1, Signals.Human.ENTROPY.of(3, 10, 1 / 3.0, h3), EPS);
        assertEquals(1, Signals.Human.AGREEMENT.of(3, 10, 1 / 3.0, h3), EPS);
        assertEquals(0, Signals.Human.ENTROPY.of(4, 3, 1, 0), EPS);
        assertTrue(Double.isNaN(Signals.Human.AGREEMENT.of(1, 3, 1, 0)));
    }

    @Test
    @DisplayName("gold conflict: 1 when the model contradicts gold, else the share of answers that do; none without gold")
    void goldConflict() {
        assertEquals(1, Signals.goldConflict(0, 1, 0), EPS);
        assertEquals(0.25, Signals.goldConflict(1, 1, 0.25), EPS);
        assertEquals(0, Signals.goldConflict(1, 1, Double.NaN), EPS);
        assertEquals(0.5, Signals.goldConflict(-1, 1, 0.5), EPS);
        assertTrue(Double.isNaN(Signals.goldConflict(0, -1, 0.5)));
    }

    @Test
    @DisplayName("class weakness: 1 - F1 per class for the report; an item takes 1 - precision of its predicted class or 1 - recall of its labeled class, the larger")
    void classWeakness() {
        // Reference a a a a b b c c; the model gets every a right, confuses b with c both ways, and calls one c "a".
        int[] reference = {0, 0, 0, 0, 1, 1, 2, 2};
        int[] predicted = {0, 0, 0, 0, 1, 2, 1, 0};
        Classification.Report report = Classification.of(predicted, reference, 3);
        double[] w = Signals.classWeakness(report);
        assertEquals(1 - 2.0 * 4 / (2 * 4 + 1), w[0], EPS);       // a: tp 4, fp 1, fn 0
        assertEquals(1 - 2.0 * 1 / (2 * 1 + 1 + 1), w[1], EPS);   // b: tp 1, fp 1, fn 1
        assertEquals(1 - 0.0, w[2], EPS);                         // c: tp 0, fp 1, fn 2
        double[] byPredicted = Signals.predictedWeakness(report);
        double[] byLabel = Signals.labeledWeakness(report);
        assertEquals(1 - 4 / 5.0, byPredicted[0], EPS);           // a: 4 of the model's 5 "a" are right
        assertEquals(1 - 1 / 2.0, byPredicted[1], EPS);
        assertEquals(1 - 0.0, byPredicted[2], EPS);
        assertEquals(0, byLabel[0], EPS);                         // a: every reference a found
        assertEquals(1 - 1 / 2.0, byLabel[1], EPS);
        assertEquals(1 - 0.0, byLabel[2], EPS);                   // c: both reference c missed
        assertEquals(1.0, Signals.itemWeakness(byPredicted, byLabel, 0, 2), EPS);   // predicted a, labeled c
        assertEquals(0.2, Signals.itemWeakness(byPredicted, byLabel, 0, 0), EPS);   // predicted a, labeled a
        assertEquals(0.5, Signals.itemWeakness(byPredicted, byLabel, 1, -1), EPS);  // unlabeled "b"
        assertEquals(0.0, Signals.itemWeakness(byPredicted, byLabel, -1, 0), EPS);  // no prediction, labeled a
        assertTrue(Double.isNaN(Signals.itemWeakness(new double[] {Double.NaN}, new double[] {Double.NaN}, 0, -1)));
    }

    @Test
    @DisplayName("class weakness keeps its value until the fresh estimate moves by the step")
    void weaknessHysteresis() {
        double[] settled = Signals.settle(new double[] {0.30, 0.30, Double.NaN}, new double[] {0.31, 0.35, 0.2}, 0.02);
        assertArrayEquals(new double[] {0.30, 0.35, 0.2}, settled, EPS);
    }
}
