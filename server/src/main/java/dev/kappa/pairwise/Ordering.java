package dev.kappa.pairwise;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The order of annotators on both axes of the heatmap. {@code agreement}: pooled agreement with everyone, lowest
 * first (the people to look at come first); {@code cluster}: average-linkage hierarchical clustering (UPGMA, Sokal and
 * Michener 1958) on the distance 1 - percent agreement, leaves in merge order, so annotators who agree with each
 * other sit together; {@code id}: by user id.
 */
final class Ordering {
    /** Clustering is cubic in the annotators; above this many the agreement order is used (and said). */
    static final int MAX_CLUSTER = 600;

    private Ordering() {
    }

    static int[] byAgreement(PairCounts c) {
        double[] pooled = new double[c.n];
        for (int u = 0; u < c.n; u++) {
            pooled[u] = c.pooled(u);
        }
        // annotators sharing nothing go last
        return IntStream.range(0, c.n).boxed()
                .sorted(Comparator.comparingDouble((Integer u) -> Double.isNaN(pooled[u]) ? Double.MAX_VALUE : pooled[u])
                        .thenComparingInt(u -> u))
                .mapToInt(Integer::intValue).toArray();
    }

    static int[] cluster(PairCounts c) {
        int n = c.n;
        if (n <= 2) {
            return IntStream.range(0, n).toArray();
        }
        // distance of pairs that share nothing: the mean of the known distances (neutral, neither near nor far)
        double sum = 0;
        long known = 0;
        for (int u = 0; u < n; u++) {
            for (int v = u + 1; v < n; v++) {
                if (c.shared(u, v) > 0) {
                    sum += 1.0 - (double) c.agree(u, v) / c.shared(u, v);
                    known++;
                }
            }
        }
        double neutral = known == 0 ? 1.0 : sum / known;
        double[][] d = new double[n][n];
        for (int u = 0; u < n; u++) {
            for (int v = 0; v < n; v++) {
                d[u][v] = u == v ? 0 : c.shared(u, v) > 0 ? 1.0 - (double) c.agree(u, v) / c.shared(u, v) : neutral;
            }
        }
        List<List<Integer>> members = new ArrayList<>();
        boolean[] alive = new boolean[n];
        for (int u = 0; u < n; u++) {
            members.add(new ArrayList<>(List.of(u)));
            alive[u] = true;
        }
        for (int step = 0; step < n - 1; step++) {
            int bi = -1;
            int bj = -1;
            double best = Double.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                if (!alive[i]) {
                    continue;
                }
                for (int j = i + 1; j < n; j++) {
                    if (alive[j] && d[i][j] < best) {
                        best = d[i][j];
                        bi = i;
                        bj = j;
                    }
                }
            }
            int si = members.get(bi).size();
            int sj = members.get(bj).size();
            for (int x = 0; x < n; x++) {
                if (alive[x] && x != bi && x != bj) {
                    double merged = (si * d[bi][x] + sj * d[bj][x]) / (si + sj); // Lance-Williams, average linkage
                    d[bi][x] = merged;
                    d[x][bi] = merged;
                }
            }
            members.get(bi).addAll(members.get(bj));
            alive[bj] = false;
        }
        for (int i = 0; i < n; i++) {
            if (alive[i]) {
                return members.get(i).stream().mapToInt(Integer::intValue).toArray();
            }
        }
        throw new IllegalStateException("no cluster left");
    }
}
