package dev.kappa.baseline;

import java.util.SplittableRandom;

/**
 * The subsets of k answers among an item's m answers: all of them when there are at most {@link #MAX_SUBSETS}, else
 * that many drawn at random (seeded per item, so a report is reproducible). Each subset's majority is a distribution
 * over classes: the winner gets 1, and a tie splits 1 equally among the tied classes, which is majority vote with a
 * random tie-break counted in expectation (the convention of the crowd-sourcing literature; a crowd-only subset has
 * no expert to break a tie, and calling every tie wrong would make every even k look worse than k - 1).
 */
final class Subsets {
    /** Exact for every k when m <= 10 (C(10, 5) = 252). */
    static final int MAX_SUBSETS = 256;

    private Subsets() {
    }

    /** Receives one subset: positions into the item's answer list, and how many. */
    interface Visitor {
        void subset(int[] positions, int k);
    }

    static void forEach(int m, int k, long seed, int item, Visitor v) {
        int[] pos = new int[k];
        if (binomial(m, k) <= MAX_SUBSETS) {
            for (int j = 0; j < k; j++) {
                pos[j] = j;
            }
            while (true) {
                v.subset(pos, k);
                int j = k - 1;
                while (j >= 0 && pos[j] == m - k + j) {
                    j--;
                }
                if (j < 0) {
                    return;
                }
                pos[j]++;
                for (int x = j + 1; x < k; x++) {
                    pos[x] = pos[x - 1] + 1;
                }
            }
        }
        SplittableRandom rng = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (item + 1L)) ^ k);
        int[] perm = new int[m];
        for (int s = 0; s < MAX_SUBSETS; s++) {
            for (int j = 0; j < m; j++) {
                perm[j] = j;
            }
            for (int j = 0; j < k; j++) {
                int r = j + rng.nextInt(m - j);
                int t = perm[j];
                perm[j] = perm[r];
                perm[r] = t;
                pos[j] = perm[j];
            }
            v.subset(pos, k);
        }
    }

    /** C(m, k), saturating above MAX_SUBSETS (only the comparison matters). */
    static long binomial(int m, int k) {
        long c = 1;
        for (int j = 1; j <= k; j++) {
            c = c * (m - k + j) / j;
            if (c > MAX_SUBSETS) {
                return MAX_SUBSETS + 1;
            }
        }
        return c;
    }

    /** Majority of the given labels as shares per class (ties split); {@code votes} is scratch of length k. */
    static void majority(int[] labels, int n, int[] votes, double[] share) {
        java.util.Arrays.fill(votes, 0);
        java.util.Arrays.fill(share, 0);
        int max = 0;
        for (int j = 0; j < n; j++) {
            max = Math.max(max, ++votes[labels[j]]);
        }
        int tied = 0;
        for (int v : votes) {
            tied += v == max ? 1 : 0;
        }
        for (int c = 0; c < votes.length; c++) {
            if (votes[c] == max) {
                share[c] = 1.0 / tied;
            }
        }
    }
}
