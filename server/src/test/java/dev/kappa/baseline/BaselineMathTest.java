package dev.kappa.baseline;

import dev.kappa.stats.Estimate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every baseline metric on small cases computed by hand (point estimates; min_items 1 so nothing is thin). */
class BaselineMathTest {
    static final double EPS = 1e-12;

    /** Answers as (item, user, expert, label, duration ms) rows. */
    static final class Data {
        final List<int[]> rows = new ArrayList<>();
        int nItems;
        int nUsers;
        int[] gold;
        int[][] runs = new int[0][];

        Data answer(int item, int user, boolean expert, int label, int ms) {
            rows.add(new int[] {item, user, expert ? 1 : 0, label, ms});
            nItems = Math.max(nItems, item + 1);
            nUsers = Math.max(nUsers, user + 1);
            return this;
        }

        BaselineData build(int k) {
            int n = rows.size();
            int[] item = new int[n];
            int[] user = new int[n];
            boolean[] expert = new boolean[n];
            int[] label = new int[n];
            int[] ms = new int[n];
            for (int a = 0; a < n; a++) {
                int[] r = rows.get(a);
                item[a] = r[0];
                user[a] = r[1];
                expert[a] = r[2] == 1;
                label[a] = r[3];
                ms[a] = r[4];
            }
            int[] g = gold != null ? gold : new int[nItems];
            if (gold == null) {
                java.util.Arrays.fill(g, -1);
            }
            return new BaselineData(nItems, nUsers, k, item, user, expert, label, ms, g, runs);
        }
    }

    static BaselineOptions points(Double crowdRate) {
        return new BaselineOptions(0, 1, 0.95, 1, BaselineOptions.MAX_K, crowdRate, null, false);
    }

    static double v(BaselineReport.Scores s, int metric) {
        Estimate e = s.metric(metric);
        assertTrue(e.defined(), "undefined: " + e);
        return e.value();
    }

    /**
     * Gold 0,0,1,1. Crowd (users 0-2): item 0 -> 0 and 1, item 1 -> 0, item 2 -> 1 and 1, item 3 -> 0. Expert (user 3):
     * item 0 -> 0, item 2 -> 1, item 3 -> 1. One run predicts 0, 1, 1 and nothing for item 3.
     */
    static BaselineData small() {
        Data d = new Data()
                .answer(0, 0, false, 0, 1000).answer(0, 1, false, 1, 3000)
                .answer(1, 0, false, 0, 2000)
                .answer(2, 1, false, 1, 4000).answer(2, 2, false, 1, 6000)
                .answer(3, 0, false, 0, -1)
                .answer(0, 3, true, 0, 10000).answer(2, 3, true, 1, 20000).answer(3, 3, true, 1, 30000);
        d.gold = new int[] {0, 0, 1, 1};
        d.runs = new int[][] {{0, 1, 1, -1}};
        return d.build(2);
    }

    @Test
    @DisplayName("a random crowd annotator against gold: the expected confusion table [[1.5, .5], [1, 1]] gives every metric")
    void crowdAgainstGold() {
        BaselineReport rep = BaselineMath.compute(small(), BaselineMath.reference("gold", small()), points(18.0));
        BaselineReport.Tier crowd = rep.crowd();
        assertEquals(4, crowd.nItems());
        assertEquals(6, crowd.nAnswers());
        assertEquals(3, crowd.nAnnotators());
        assertFalse(crowd.leaveOneOut());
        BaselineReport.Scores s = crowd.scores();
        assertEquals(2.5 / 4, v(s, RowMetrics.ACCURACY), EPS);
        assertEquals(0.6, v(s, RowMetrics.precision(0)), EPS);
        assertEquals(0.75, v(s, RowMetrics.recall(0)), EPS);
        assertEquals(3 / 4.5, v(s, RowMetrics.f1(0)), EPS);
        assertEquals(1 / 1.5, v(s, RowMetrics.precision(1)), EPS);
        assertEquals(0.5, v(s, RowMetrics.recall(1)), EPS);
        assertEquals(2 / 3.5, v(s, RowMetrics.f1(1)), EPS);
        assertEquals((3 / 4.5 + 2 / 3.5) / 2, v(s, RowMetrics.MACRO_F1), EPS);
        // po = .625; reference marginals .5/.5, answered .625/.375: pe = .5; kappa = .125 / .5
        assertEquals(0.25, v(s, RowMetrics.KAPPA), EPS);
        assertArrayEquals(new double[] {2, 2}, s.support(), EPS);
        // seconds 1, 3, 2, 4, 6 (one unknown): median 3, mean 3.2; 18 an hour makes a label cost 18 * 3.2 / 3600
        assertEquals(5, crowd.nTimed());
        assertEquals(3.0, crowd.medianSeconds().value(), EPS);
        assertEquals(3.2, crowd.meanSeconds().value(), EPS);
        assertEquals(0.016, crowd.costPerLabel().value(), EPS);
        assertFalse(rep.expert().costPerLabel().defined(), "no expert rate set");
        assertEquals(4, rep.referenceItems());
    }

    @Test
    @DisplayName("the model on the crowd's items: same items, same references; a missing prediction is wrong and lowers kappa")
    void modelOnTheSameItems() {
        BaselineData d = small();
        BaselineReport rep = BaselineMath.compute(d, BaselineMath.reference("gold", d), points(null));
        BaselineReport.ModelRow m = rep.crowd().models().get(0);
        assertEquals(rep.crowd().nItems(), m.nItems());
        assertArrayEquals(rep.crowd().scores().support(), m.scores().support(), EPS, "the same reference mass per class");
        assertEquals(1, m.missing());
        // table [[1, 1], [0, 1]] plus item 3 (class 1) unresolved
        assertEquals(0.5, v(m.scores(), RowMetrics.ACCURACY), EPS);
        assertEquals(0.5, v(m.scores(), RowMetrics.recall(0)), EPS);
        assertEquals(1.0, v(m.scores(), RowMetrics.precision(0)), EPS);
        assertEquals(0.5, v(m.scores(), RowMetrics.precision(1)), EPS);
        assertEquals(0.5, v(m.scores(), RowMetrics.recall(1)), EPS);
        // 3x3 with "no label": po = .5; reference .5/.5/0, answered .25/.5/.25: pe = .125 + .25 = .375
        assertEquals((0.5 - 0.375) / (1 - 0.375), v(m.scores(), RowMetrics.KAPPA), EPS);
        BaselineReport.RunRow run = rep.runs().get(0);
        assertEquals(4, run.nItems());
        assertEquals(1, run.missing());
        assertEquals(0.5, v(run.scores(), RowMetrics.ACCURACY), EPS);
    }

    @Test
    @DisplayName("the gap is the run minus the best tier (expert here, macro-F1 1) on the expert's items, class by class")
    void gapToTheBestTier() {
        BaselineData d = small();
        BaselineReport rep = BaselineMath.compute(d, BaselineMath.reference("gold", d), points(null));
        assertEquals(1.0, v(rep.expert().scores(), RowMetrics.ACCURACY), EPS);
        assertEquals(3, rep.expert().nItems());
        assertEquals("expert", rep.gapVersus());
        BaselineReport.Scores gap = rep.gaps().get(0).difference();
        // on items 0, 2, 3 the run is right, right, missing: accuracy 2/3; class 1 recall 1/2, class 0 recall 1
        assertEquals(2.0 / 3 - 1, v(gap, RowMetrics.ACCURACY), EPS);
        assertEquals(0.5 - 1, v(gap, RowMetrics.recall(1)), EPS);
        assertEquals(0.0, v(gap, RowMetrics.recall(0)), EPS);
        assertEquals(2.0 / 3 - 1, v(gap, RowMetrics.f1(1)), EPS);
    }

    @Test
    @DisplayName("consensus of k crowd answers: k = 1 is one annotator, k = 2 splits a tie; one expert is not matched")
    void consensusOfK() {
        BaselineData d = small();
        BaselineReport rep = BaselineMath.compute(d, BaselineMath.reference("gold", d), points(18.0));
        assertEquals(2, rep.consensus().size(), "k runs to the most crowd answers on an item");
        assertEquals(2.5 / 4, v(rep.consensus().get(0).scores(), RowMetrics.ACCURACY), EPS);
        BaselineReport.ConsensusRow two = rep.consensus().get(1);
        assertEquals(2, two.nItems());
        // item 0: 0 vs 1 tie, half right; item 2: 1 and 1, right
        assertEquals(0.75, v(two.scores(), RowMetrics.ACCURACY), EPS);
        assertEquals(0.032, two.costPerItem().value(), EPS);
        assertEquals(6.4, two.secondsPerItem().value(), EPS);
        assertNull(rep.votesToMatchExpert().k());
        assertTrue(rep.votesToMatchExpert().reason().contains("reaches"));
    }

    @Test
    @DisplayName("expert reference, leave-one-out: an expert is scored only against the other experts on the item")
    void leaveOneOutExpert() {
        // item 0: experts 0, 0, 1 and crowd 1; item 1: experts 1, 1 and crowd 1
        Data x = new Data()
                .answer(0, 0, true, 0, -1).answer(0, 1, true, 0, -1).answer(0, 2, true, 1, -1).answer(0, 3, false, 1, -1)
                .answer(1, 0, true, 1, -1).answer(1, 1, true, 1, -1).answer(1, 3, false, 1, -1);
        BaselineData d = x.build(2);
        BaselineReport rep = BaselineMath.compute(d, BaselineMath.reference("expert", d), points(null));
        assertTrue(rep.expert().leaveOneOut());
        assertFalse(rep.crowd().leaveOneOut());
        // item 0: experts 0 and 1 face a 0-1 tie among the others (no reference); expert 2 faces 0, 0 and is wrong.
        // item 1: each expert faces the other's 1 and is right. Items weigh 1 each: (0 + 1) / 2.
        assertEquals(2, rep.expert().nItems());
        assertEquals(3, rep.expert().nAnswers());
        assertEquals(0.5, v(rep.expert().scores(), RowMetrics.ACCURACY), EPS);
        // the crowd meets the full expert majority: 0 on item 0 (wrong), 1 on item 1 (right)
        assertEquals(0.5, v(rep.crowd().scores(), RowMetrics.ACCURACY), EPS);
        // without leaving out, expert accuracy would have been (2/3 + 1) / 2
        assertEquals(2, rep.referenceItems());
    }

    @Test
    @DisplayName("Dawid-Skene reference, leave-one-out: an annotator who always contradicts two others scores 0, the others 1")
    void leaveOneOutConsensus() {
        Data x = new Data();
        for (int i = 0; i < 40; i++) {
            int truth = i % 2;
            x.answer(i, 0, false, truth, -1).answer(i, 1, false, truth, -1).answer(i, 2, false, 1 - truth, -1);
        }
        BaselineData d = x.build(2);
        ConsensusReference ref = (ConsensusReference) BaselineMath.reference("consensus", d);
        for (int i = 0; i < 40; i++) {
            assertEquals(i % 2, ref.without(i, new int[] {2}, 1), "without the contrarian, the two agree");
            assertEquals(i % 2, ref.without(i, new int[] {0}, 1), "user 1 against a learnt contrarian still decides");
        }
        BaselineReport rep = BaselineMath.compute(d, ref, points(null));
        assertTrue(rep.crowd().leaveOneOut());
        assertEquals(2.0 / 3, v(rep.crowd().scores(), RowMetrics.ACCURACY), EPS);
    }

    @Test
    @DisplayName("one answer per item and a consensus reference: leaving it out leaves nothing, so every row says so, n 0")
    void nothingLeftToCompare() {
        BaselineData d = new Data().answer(0, 0, false, 1, -1).answer(1, 0, false, 0, -1).build(2);
        BaselineReport rep = BaselineMath.compute(d, BaselineMath.reference("consensus", d), points(null));
        assertEquals(0, rep.crowd().nItems());
        assertTrue(rep.crowd().scores().thin());
        assertEquals("no reference items", rep.crowd().scores().thinReason());
        assertFalse(rep.crowd().scores().metric(RowMetrics.ACCURACY).defined());
        assertTrue(rep.gaps().isEmpty());
        assertNull(rep.gapVersus());
    }

    @Test
    @DisplayName("thin data: below min_items a row keeps its n and gives a reason instead of numbers")
    void thinRows() {
        BaselineData d = small();
        BaselineOptions o = new BaselineOptions(200, 1, 0.95, 4, BaselineOptions.MAX_K, null, null, false);
        BaselineReport rep = BaselineMath.compute(d, BaselineMath.reference("gold", d), o);
        assertFalse(rep.crowd().scores().thin(), "4 items meet min_items 4");
        assertNotNullInterval(rep.crowd().scores());
        BaselineReport.Scores expert = rep.expert().scores();
        assertTrue(expert.thin());
        assertEquals(3, expert.nItems());
        assertEquals("thin data: 3 reference items, fewer than the 4 needed", expert.thinReason());
        assertFalse(expert.metric(RowMetrics.ACCURACY).defined());
        assertNull(expert.interval(RowMetrics.ACCURACY));
        assertEquals("crowd", rep.gapVersus(), "the thin expert tier cannot be the best");
    }

    private static void assertNotNullInterval(BaselineReport.Scores s) {
        assertTrue(s.interval(RowMetrics.ACCURACY).lower().defined());
    }

    @Test
    @DisplayName("an empty project gives both tier rows, one consensus row and no run, all explicit")
    void empty() {
        BaselineData d = new Data().build(3);
        BaselineReport rep = BaselineMath.compute(d, BaselineMath.reference("gold", d), BaselineOptions.defaults());
        assertEquals(0, rep.crowd().nItems());
        assertEquals(0, rep.expert().nItems());
        assertEquals(1, rep.consensus().size());
        assertTrue(rep.consensus().get(0).scores().thin());
        assertFalse(rep.crowd().meanSeconds().defined());
        assertEquals(0, rep.referenceItems());
    }

    @Test
    @DisplayName("rows built on several threads and a parallel bootstrap give exactly the single-threaded report")
    void parallelIsExact() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(4);
        Data x = new Data();
        for (int i = 0; i < 3000; i++) {
            int truth = rng.nextInt(3);
            for (int j = 0; j < 2 + rng.nextInt(3); j++) {
                x.answer(i, rng.nextInt(40), j == 0 && i % 3 == 0, rng.nextDouble() < 0.7 ? truth : rng.nextInt(3), 1000 + i);
            }
        }
        BaselineData d = x.build(3);
        for (String kind : List.of("gold", "expert", "consensus")) {
            BaselineOptions one = new BaselineOptions(100, 3, 0.95, 30, 5, 10.0, 50.0, false);
            BaselineOptions all = new BaselineOptions(100, 3, 0.95, 30, 5, 10.0, 50.0, true);
            BaselineReport a = BaselineMath.compute(d, BaselineMath.reference(kind, d), one);
            BaselineReport b = BaselineMath.compute(d, BaselineMath.reference(kind, d), all);
            List<BaselineReport.Scores> sa = new ArrayList<>(List.of(a.crowd().scores(), a.expert().scores()));
            List<BaselineReport.Scores> sb = new ArrayList<>(List.of(b.crowd().scores(), b.expert().scores()));
            a.consensus().forEach(r -> sa.add(r.scores()));
            b.consensus().forEach(r -> sb.add(r.scores()));
            assertEquals(sa.size(), sb.size());
            for (int r = 0; r < sa.size(); r++) {
                assertEquals(sa.get(r).nItems(), sb.get(r).nItems(), kind);
                assertTrue(java.util.Arrays.equals(sa.get(r).point(), sb.get(r).point()), kind + " row " + r);
                assertTrue(java.util.Arrays.equals(sa.get(r).ci(), sb.get(r).ci()), kind + " row " + r);
            }
            assertEquals(a.crowd().meanSeconds(), b.crowd().meanSeconds());
            assertEquals(a.crowd().nAnnotators(), b.crowd().nAnnotators());
        }
    }

    @Test
    @DisplayName("k-subsets: all C(m, k) when few, else 256 distinct-position draws, the same for the same seed")
    void subsets() {
        int[] count = {0};
        Subsets.forEach(5, 3, 1, 0, (pos, k) -> count[0]++);
        assertEquals(10, count[0]);
        List<String> a = new ArrayList<>();
        Subsets.forEach(12, 6, 9, 4, (pos, k) -> {
            assertEquals(6, java.util.Arrays.stream(pos, 0, k).distinct().count());
            a.add(java.util.Arrays.toString(java.util.Arrays.copyOf(pos, k)));
        });
        assertEquals(Subsets.MAX_SUBSETS, a.size());
        List<String> b = new ArrayList<>();
        Subsets.forEach(12, 6, 9, 4, (pos, k) -> b.add(java.util.Arrays.toString(java.util.Arrays.copyOf(pos, k))));
        assertEquals(a, b);
        double[] share = new double[3];
        Subsets.majority(new int[] {2, 0, 2, 0}, 4, new int[3], share);
        assertArrayEquals(new double[] {0.5, 0, 0.5}, share, EPS);
    }
}
