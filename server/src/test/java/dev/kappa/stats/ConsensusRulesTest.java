package dev.kappa.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Majority-vote rules: ties, experts, tiers, support. Annotator 3 is the expert where one is named. */
class ConsensusRulesTest {
    private static final int X = -1;
    private static final boolean[] EXPERT_3 = {false, false, false, true};

    static Ratings matrix(int[][] m) {
        return Ratings.fromMatrix(m, X, 3);
    }

    @Test
    @DisplayName("majority vote takes the most frequent label and reports each label's share")
    void plainMajority() {
        Consensus c = MajorityVote.of(matrix(new int[][] {{0, 0, 1, X}, {2, 2, 2, 2}}));
        assertArrayEquals(new int[] {0, 2}, c.label());
        assertEquals(2.0 / 3, c.support(0, 0), 1e-15);
        assertEquals(1.0 / 3, c.support(0, 1), 1e-15);
        assertEquals(2.0 / 3, c.confidence(0), 1e-15);
        assertEquals(2, c.resolved());
    }

    @Test
    @DisplayName("a tie without experts is unresolved (-1), with the tied shares kept")
    void tieUnresolved() {
        Consensus c = MajorityVote.of(matrix(new int[][] {{0, 1, X, X}}));
        assertEquals(Consensus.UNRESOLVED, c.label()[0]);
        assertEquals(0.5, c.support(0, 0));
        assertEquals(0.0, c.confidence(0));
    }

    @Test
    @DisplayName("an expert's answer among the tied labels decides the tie")
    void expertBreaksTie() {
        Consensus c = MajorityVote.of(matrix(new int[][] {{0, 0, 1, 1}, {1, 1, 0, 0}}), EXPERT_3);
        assertArrayEquals(new int[] {1, 0}, c.label());
    }

    @Test
    @DisplayName("an expert outside the tied labels, or experts split among them, leave the tie unresolved")
    void expertCannotDecide() {
        assertEquals(Consensus.UNRESOLVED, MajorityVote.of(matrix(new int[][] {{0, 1, X, X}}), EXPERT_3).label()[0],
                "the expert did not answer this item");
        boolean[] twoExperts = {true, true, false, false};
        assertEquals(Consensus.UNRESOLVED, MajorityVote.of(matrix(new int[][] {{0, 1, 2, X}}), twoExperts).label()[0]);
        boolean[] expertOnMinority = {false, false, true, false, false};
        assertEquals(Consensus.UNRESOLVED,
                MajorityVote.of(matrix(new int[][] {{0, 0, 2, 1, 1}}), expertOnMinority).label()[0],
                "the expert answered 2, which is not among the tied labels 0 and 1");
    }

    @Test
    @DisplayName("weighted by tier: one senior answer (weight 3) outweighs two junior answers (weight 1)")
    void tierWeights() {
        Ratings r = matrix(new int[][] {{0, 0, X, 1}});
        int[] tier = {0, 0, 0, 1};
        double[] weight = {1.0, 3.0};
        Consensus c = MajorityVote.byTier(r, tier, weight, null);
        assertEquals(1, c.label()[0]);
        assertEquals(0.6, c.support(0, 1), 1e-15);
        assertEquals(0, MajorityVote.byTier(r, tier, new double[] {1.0, 1.5}, null).label()[0]);
        assertEquals(Consensus.UNRESOLVED, MajorityVote.byTier(r, tier, new double[] {1.0, 2.0}, null).label()[0]);
        assertEquals(1, MajorityVote.byTier(r, tier, new double[] {1.0, 2.0}, EXPERT_3).label()[0]);
        assertEquals(Consensus.UNRESOLVED, MajorityVote.byTier(r, tier, new double[] {0.0, 0.0}, null).label()[0],
                "zero total weight decides nothing");
        assertThrows(IllegalArgumentException.class, () -> MajorityVote.weighted(r, new double[] {1, 1, 1, -1}, null));
        assertThrows(IllegalArgumentException.class, () -> MajorityVote.weighted(r, new double[] {1, 1}, null));
        assertThrows(IllegalArgumentException.class, () -> MajorityVote.of(r, new boolean[] {true}));
    }

    @Test
    @DisplayName("weighted ties survive floating-point sums (0.1 + 0.2 vs 0.3)")
    void floatTies() {
        Ratings r = matrix(new int[][] {{0, 0, 1, X}});
        Consensus c = MajorityVote.weighted(r, new double[] {0.1, 0.2, 0.3, 0}, null);
        assertEquals(Consensus.UNRESOLVED, c.label()[0]);
    }
}
