package dev.kappa.study;

import dev.kappa.stats.Classification;
import dev.kappa.stats.ClusteredBootstrap;
import dev.kappa.stats.Consensus;
import dev.kappa.stats.MajorityVote;
import dev.kappa.stats.Ratings;
import dev.kappa.stats.TwoWayIntervals;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Simulated truth, small enough for the suite (about a second); bench/study/run.sh runs 500 studies per scenario and
 * BENCHMARKS.md records the figures.
 */
class CoverageSimulationTest {
    static final SimulatedCrowd.Scenario SAME = new SimulatedCrowd.Scenario("homogeneous", 0.75, 0.0, 0.1, 12, 100, 3, 2, false);
    static final SimulatedCrowd.Scenario MIXED = new SimulatedCrowd.Scenario("heterogeneous, prolific", 0.75, 0.15, 0.1, 12, 100, 3, 2, true);

    @Test
    @DisplayName("point estimates equal MajorityVote and Classification on the same answers")
    void pointEstimatesMatchTheExistingStatistics() {
        SimulatedCrowd.Scenario three = new SimulatedCrowd.Scenario("3 classes", 0.7, 0.1, 0.1, 8, 60, 4, 3, false);
        ClusteredBootstrap.Data d = SimulatedCrowd.study(three, new SplittableRandom(3));
        Ratings r = Ratings.of(d.item(), d.annotator(), d.label(), d.nItems(), d.nAnnotators(), d.k());
        Consensus maj = MajorityVote.of(r);
        int[] predicted = new int[d.nItems()];
        for (int i = 0; i < d.nItems(); i++) {
            predicted[i] = maj.label()[i];
        }
        Classification.Report expected = Classification.of(predicted, d.reference(), d.k());
        int[] answerRefs = new int[d.item().length];
        for (int x = 0; x < answerRefs.length; x++) {
            answerRefs[x] = d.reference()[d.item()[x]];
        }
        Classification.Report single = Classification.of(d.label(), answerRefs, d.k());
        // The point estimates do not depend on the resamples: a handful suffices.
        TwoWayIntervals.Interval[] res = TwoWayIntervals.of(d, 20, 1, 0.95).clustered();
        assertEquals(expected.accuracy().value(), res[ClusteredBootstrap.MAJORITY_ACCURACY].point(), 1e-12);
        assertEquals(expected.macroF1().value(), res[ClusteredBootstrap.MAJORITY_F1].point(), 1e-12);
        assertEquals(single.accuracy().value(), res[ClusteredBootstrap.SINGLE_ACCURACY].point(), 1e-12);
        assertEquals(single.macroF1().value(), res[ClusteredBootstrap.SINGLE_F1].point(), 1e-12);
    }

    @Test
    @DisplayName("intervals cover the tier's true accuracy and macro-F1 near 95%; items-only ones miss when annotators differ")
    void coverage() {
        SimulatedCrowd.Coverage same = SimulatedCrowd.coverage(SAME, 120, 200, SimulatedCrowd.truth(SAME, 400_000, 11), 21);
        SimulatedCrowd.Coverage mixed = SimulatedCrowd.coverage(MIXED, 120, 200, SimulatedCrowd.truth(MIXED, 400_000, 12), 22);
        String all = "same: " + same + "; mixed: " + mixed;
        // 120 studies: a true 95% shows as 0.95 +- 0.02 (one standard error); the bounds allow three.
        for (int st = 0; st < 4; st++) {
            assertTrue(same.clustered(st).share() >= 0.88 && same.clustered(st).share() <= 0.995, st + ": " + all);
            assertTrue(mixed.clustered(st).share() >= 0.88 && mixed.clustered(st).share() <= 0.995, st + ": " + all);
            // Items-only percentile intervals from 200 resamples run a little narrow even then (0.90-0.95 in 600-study runs).
            assertTrue(same.itemsOnly(st).share() >= 0.85, st + ": " + all);
        }
        // With people of different skill and a few prolific ones, resampling items alone is too narrow and misses more.
        for (int st : new int[] {ClusteredBootstrap.SINGLE_ACCURACY, ClusteredBootstrap.MAJORITY_ACCURACY}) {
            assertTrue(mixed.itemsOnly(st).share() < mixed.clustered(st).share() - 0.05, st + ": " + all);
            assertTrue(mixed.itemsOnly(st).width() < mixed.clustered(st).width(), st + ": " + all);
        }
        // When annotators are alike the clustering costs little width: the majority's interval is at most 15% wider.
        int maj = ClusteredBootstrap.MAJORITY_ACCURACY;
        assertTrue(same.clustered(maj).width() < 1.15 * same.itemsOnly(maj).width(), all);
    }

    @Test
    @DisplayName("qualification keeps out the weak: 20 items, bar 0.7 or the median")
    void qualificationKeepsOutTheWeak() {
        double[] fixed = SimulatedCrowd.admitted(20, 0.3, 0.45, 0.85, 20, "fixed", 0.7, 300, 5);
        double[] median = SimulatedCrowd.admitted(20, 0.3, 0.45, 0.85, 20, "median", 0, 300, 6);
        assertTrue(fixed[0] < 0.04 && fixed[1] > 0.95, "fixed: weak " + fixed[0] + ", strong " + fixed[1]);
        assertTrue(median[0] < 0.03 && median[1] > 0.5, "median: weak " + median[0] + ", strong " + median[1]);
    }
}
