package dev.kappa.baseline;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Do the 95% intervals cover the truth 95% of the time? Data are simulated with known accuracies: a pool of crowd
 * annotators of accuracies .55 to .95 (three distinct ones per item, so one drawn at random is right with the pool's
 * mean accuracy), experts right 90% of the time, and a model right 80% of the time; a wrong answer is another class
 * at random. Over 200 simulated projects of 200 items, the share of intervals containing the true accuracy must be
 * within [.90, .99] (the binomial standard error at .95 and 200 trials is .015).
 */
class CoverageTest {
    static final int TRIALS = 200;
    static final int ITEMS = 200;
    static final int K = 3;
    static final double[] CROWD = {0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.75};
    static final double EXPERT = 0.9;
    static final double MODEL = 0.8;

    @Test
    @DisplayName("95% intervals of crowd, expert and model accuracy cover the simulated truth at the nominal rate")
    void nominalCoverage() {
        double crowdTruth = Arrays.stream(CROWD).average().orElseThrow();
        int[] covered = new int[3];
        SplittableRandom rng = new SplittableRandom(2026);
        for (int t = 0; t < TRIALS; t++) {
            BaselineData d = simulate(rng);
            BaselineOptions o = new BaselineOptions(400, t, 0.95, 30, 3, null, null, true);
            BaselineReport rep = BaselineMath.compute(d, BaselineMath.reference("gold", d), o);
            covered[0] += contains(rep.crowd().scores(), crowdTruth);
            covered[1] += contains(rep.expert().scores(), EXPERT);
            covered[2] += contains(rep.runs().get(0).scores(), MODEL);
        }
        for (int x = 0; x < 3; x++) {
            double rate = (double) covered[x] / TRIALS;
            String what = new String[] {"crowd", "expert", "model"}[x];
            assertTrue(rate >= 0.90 && rate <= 0.99, what + " coverage " + rate);
        }
    }

    private static int contains(BaselineReport.Scores s, double truth) {
        var ci = s.interval(RowMetrics.ACCURACY);
        return ci.lower().value() <= truth && truth <= ci.upper().value() ? 1 : 0;
    }

    private static int answer(SplittableRandom rng, int truth, double accuracy) {
        if (rng.nextDouble() < accuracy) {
            return truth;
        }
        int other = rng.nextInt(K - 1);
        return other >= truth ? other + 1 : other;
    }

    static BaselineData simulate(SplittableRandom rng) {
        int n = ITEMS * 4;
        int[] item = new int[n];
        int[] user = new int[n];
        boolean[] expert = new boolean[n];
        int[] label = new int[n];
        int[] gold = new int[ITEMS];
        int[] run = new int[ITEMS];
        int a = 0;
        for (int i = 0; i < ITEMS; i++) {
            gold[i] = rng.nextInt(K);
            run[i] = answer(rng, gold[i], MODEL);
            int[] pool = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
            for (int j = 0; j < 3; j++) {
                int r = j + rng.nextInt(pool.length - j);
                int u = pool[r];
                pool[r] = pool[j];
                pool[j] = u;
                item[a] = i;
                user[a] = u;
                label[a++] = answer(rng, gold[i], CROWD[u]);
            }
            item[a] = i;
            user[a] = 10 + rng.nextInt(3);
            expert[a] = true;
            label[a++] = answer(rng, gold[i], EXPERT);
        }
        int[] ms = new int[n];
        Arrays.fill(ms, -1);
        return new BaselineData(ITEMS, 13, K, item, user, expert, label, ms, gold, new int[][] {run});
    }
}
