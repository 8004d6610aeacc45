package dev.kappa.hardness;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The combined score on hand-made items, each hard for exactly one reason. */
class HardnessTest {
    private static final double NAN = Double.NaN;

    /**
     * Two classes, a and b. Item 6 is uncertain; item 7 is a confident "b"; item 8 is one the model gets wrong by a
     * confident consensus; item 9 has split answers; item 10 contradicts gold. Against the consensus (items 0-5, 8,
     * 9) the model's class a has tp 4, fp 2, fn 0 (F1 8/10) and class b tp 2, fp 0, fn 2 (F1 4/6): b is the weak
     * class, below the macro-F1.
     */
    private static Hardness.Inputs inputs() {
        int[] predicted = {0, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0};
        double[] uncertainty = {0, 0, 0, 0, 0, 0, 0.9, 0.1, 0.1, 0.1, 0.1};
        int[] consensus = {0, 0, 0, 1, 1, 1, -1, -1, 1, 0, -1};
        double[] support = {1, 1, 1, 1, 1, 1, 0, 0, 0.8, 0.5, 0};
        int[] answers = {3, 3, 3, 3, 3, 3, 0, 0, 3, 4, 0};
        double[] share = {1, 1, 1, 1, 1, 1, 0, 0, 1, 0.5, 0};
        double[] entropy = {0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0};
        int[] gold = {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 1};
        double[] against = {NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN};
        return new Hardness.Inputs(2, predicted, uncertainty, consensus, support, answers, share, entropy, gold, against,
                consensus);
    }

    private static List<Integer> ranking(Hardness.Result r, int from) {
        return IntStream.range(from, r.score().length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -r.score()[i]).thenComparingInt(i -> i)).toList();
    }

    @Test
    @DisplayName("every signal lands on its item, and the score is their weighted mean")
    void signalsAndScore() {
        Weights w = new Weights(1, 2, 0.5, 1, 3);
        Hardness.Result r = Hardness.compute(inputs(), w, Signals.Human.ENTROPY, null);
        assertEquals(1 - 8 / 10.0, r.weakness().f1()[0], 1e-12);
        assertEquals(1 - 4 / 6.0, r.weakness().f1()[1], 1e-12);
        assertEquals(1 - 4 / 6.0, r.weakness().predicted()[0], 1e-12);  // a: precision 4/6
        assertEquals(0, r.weakness().predicted()[1], 1e-12);            // b: precision 2/2
        assertEquals(0, r.weakness().labeled()[0], 1e-12);              // a: recall 4/4
        assertEquals(0.5, r.weakness().labeled()[1], 1e-12);            // b: recall 2/4
        assertEquals(0.8, r.modelDisagreement()[8], 1e-12);
        assertEquals(1, r.humanDisagreement()[9], 1e-12);
        assertEquals(1, r.goldConflict()[10], 1e-12);
        assertTrue(Double.isNaN(r.modelDisagreement()[6]));
        // Item 8: predicted a (1 - precision 1/3), labeled b (1 - recall 1/2): the larger counts.
        assertEquals(0.5, r.classWeakness()[8], 1e-12);
        double expected8 = (1 * 0.1 + 2 * 0.8 + 0.5 * 0 + 1 * 0.5 + 3 * 0) / w.sum();
        assertEquals(expected8, r.score()[8], 1e-12);
        assertEquals(List.of("uncertain"), Reason.keys(r.reasons()[6]));
        assertEquals(List.of("model_wrong", "weak_class"), Reason.keys(r.reasons()[8]));
        assertEquals(List.of("annotators_disagree"), Reason.keys(r.reasons()[9]));
        assertEquals(List.of("weak_class", "model_contradicts_gold"), Reason.keys(r.reasons()[10]));
        assertTrue(r.modelWrong()[8]);
        assertFalse(r.modelWrong()[9]);
    }

    @Test
    @DisplayName("the order follows the weights: whichever signal weighs most puts its item first")
    void orderFollowsWeights() {
        Hardness.Inputs in = inputs();
        assertEquals(6, ranking(Hardness.compute(in, new Weights(10, 1, 1, 1, 1), Signals.Human.ENTROPY, null), 6).get(0));
        assertEquals(8, ranking(Hardness.compute(in, new Weights(1, 10, 1, 1, 1), Signals.Human.ENTROPY, null), 6).get(0));
        assertEquals(9, ranking(Hardness.compute(in, new Weights(1, 1, 10, 1, 1), Signals.Human.ENTROPY, null), 6).get(0));
        assertEquals(10, ranking(Hardness.compute(in, new Weights(1, 1, 1, 1, 10), Signals.Human.ENTROPY, null), 6).get(0));
        // Class weakness alone: the items labeled as b, the class the model misses (recall 1/2), come first; then the
        // items it predicts as a, the class that absorbs b's errors (precision 4/6); last the confident "b" (item 7),
        // since every "b" the model gave was right.
        List<Integer> byClass = ranking(Hardness.compute(in, new Weights(0, 0, 0, 1, 0), Signals.Human.ENTROPY, null), 6);
        assertEquals(List.of(8, 10, 6, 9, 7), byClass);
    }

    @Test
    @DisplayName("strategies: fifo is flat, random is a fixed draw per item and seed, the others copy the run's numbers")
    void strategies() {
        Hardness.Result r = Hardness.compute(inputs(), Weights.DEFAULT, Signals.Human.ENTROPY, null);
        long[] ids = LongStreamIds.of(11);
        assertTrue(Arrays.stream(Strategy.FIFO.priorities(ids, 0, null)).allMatch(p -> p == 0));
        double[] a = Strategy.RANDOM.priorities(ids, 7, null);
        assertEquals(Arrays.toString(a), Arrays.toString(Strategy.RANDOM.priorities(ids, 7, null)));
        assertFalse(Arrays.equals(a, Strategy.RANDOM.priorities(ids, 8, null)));
        assertTrue(Arrays.stream(a).allMatch(p -> p >= 0 && p < 1));
        assertEquals(0.9, Strategy.UNCERTAINTY.priorities(ids, 0, r)[6], 0);
        assertEquals(r.score()[8], Strategy.HARDNESS.priorities(ids, 0, r)[8], 0);
    }

    /** Item ids 1..n. */
    private static final class LongStreamIds {
        static long[] of(int n) {
            return java.util.stream.LongStream.rangeClosed(1, n).toArray();
        }
    }
}
