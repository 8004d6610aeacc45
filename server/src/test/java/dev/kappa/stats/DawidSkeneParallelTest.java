package dev.kappa.stats;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DawidSkeneParallelTest {
    @Test
    @DisplayName("Dawid-Skene on every core gives the single-threaded fit to the last bit (30,000 items, above the parallel threshold)")
    void parallelIsExact() {
        SplittableRandom rng = new SplittableRandom(7);
        int items = 30_000;
        int k = 4;
        int annotators = 300;
        int per = 3;
        int[] item = new int[items * per];
        int[] user = new int[items * per];
        int[] label = new int[items * per];
        for (int i = 0, a = 0; i < items; i++) {
            int truth = rng.nextInt(k);
            int first = rng.nextInt(annotators);
            for (int j = 0; j < per; j++, a++) {
                item[a] = i;
                user[a] = (first + j * 97) % annotators;
                // Annotators differ in skill: user u is right with probability 0.5 + 0.4 * u / annotators.
                label[a] = rng.nextDouble() < 0.5 + 0.4 * user[a] / annotators ? truth : rng.nextInt(k);
            }
        }
        Ratings r = Ratings.of(item, user, label, items, annotators, k);
        DawidSkene.Result one = DawidSkene.fit(r, 1e-7, 500, false);
        DawidSkene.Result all = DawidSkene.fit(r, 1e-7, 500, true);
        assertTrue(one.iterations() > 2, "the fit ran more than the trivial iterations: " + one.iterations());
        assertEquals(one.iterations(), all.iterations());
        assertEquals(Double.doubleToLongBits(one.logLikelihood()), Double.doubleToLongBits(all.logLikelihood()));
        assertArrayEquals(one.priors(), all.priors(), 0.0);
        assertArrayEquals(one.confusion(), all.confusion(), 0.0);
        assertArrayEquals(one.consensus().label(), all.consensus().label());
        // The public entry point takes the parallel path at this size and agrees too.
        assertArrayEquals(one.confusion(), DawidSkene.fit(r, 1e-7, 500).confusion(), 0.0);
    }
}
