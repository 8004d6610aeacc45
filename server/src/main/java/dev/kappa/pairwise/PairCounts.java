package dev.kappa.pairwise;

import dev.kappa.analysis.AnswerSet;

/**
 * For every two annotators, the items both answered and the items on which their labels are the same (a whole label
 * set for {@code multi}). When an annotator answered an item twice, their first answer (read order) stands for them,
 * as in pairwise Cohen's kappa. Dense n x n counts: 200 annotators cost 320 kB; callers cap n.
 */
final class PairCounts {
    final int n;
    final int[] shared;
    final int[] agree;

    private PairCounts(int n) {
        this.n = n;
        this.shared = new int[n * n];
        this.agree = new int[n * n];
    }

    static PairCounts of(AnswerSet set) {
        int n = set.nAnnotators();
        int k = set.space().size();
        int words = Math.max(1, (k + 63) / 64);
        long[] sig = new long[set.size() * words];
        for (int a = 0; a < set.size(); a++) {
            for (int c = 0; c < k; c++) {
                if (set.has(a, c)) {
                    sig[a * words + (c >>> 6)] |= 1L << (c & 63);
                }
            }
        }
        // answers grouped by item (counting sort), in read order within an item
        int items = set.nItems();
        int[] start = new int[items + 1];
        for (int a = 0; a < set.size(); a++) {
            start[set.item(a) + 1]++;
        }
        for (int i = 0; i < items; i++) {
            start[i + 1] += start[i];
        }
        int[] fill = start.clone();
        int[] order = new int[set.size()];
        for (int a = 0; a < set.size(); a++) {
            order[fill[set.item(a)]++] = a;
        }
        PairCounts out = new PairCounts(n);
        int[] stamp = new int[n];
        int[] anns = new int[n];
        int[] first = new int[n];
        for (int i = 0; i < items; i++) {
            int m = 0;
            for (int q = start[i]; q < start[i + 1]; q++) {
                int a = order[q];
                int u = set.user(a);
                if (stamp[u] != i + 1) {
                    stamp[u] = i + 1;
                    anns[m] = u;
                    first[m++] = a;
                }
            }
            for (int x = 0; x < m; x++) {
                for (int y = x + 1; y < m; y++) {
                    int u = anns[x];
                    int v = anns[y];
                    boolean same = same(sig, words, first[x], first[y]);
                    out.shared[u * n + v]++;
                    out.shared[v * n + u]++;
                    if (same) {
                        out.agree[u * n + v]++;
                        out.agree[v * n + u]++;
                    }
                }
            }
        }
        return out;
    }

    private static boolean same(long[] sig, int words, int a, int b) {
        for (int w = 0; w < words; w++) {
            if (sig[a * words + w] != sig[b * words + w]) {
                return false;
            }
        }
        return true;
    }

    int shared(int u, int v) {
        return shared[u * n + v];
    }

    int agree(int u, int v) {
        return agree[u * n + v];
    }

    /** Pooled agreement of u with everyone: agreeing pairs / shared pairs; NaN when u shares no item. */
    double pooled(int u) {
        long s = 0;
        long g = 0;
        for (int v = 0; v < n; v++) {
            s += shared[u * n + v];
            g += agree[u * n + v];
        }
        return s == 0 ? Double.NaN : (double) g / s;
    }

    long sharedWithAnyone(int u) {
        long s = 0;
        for (int v = 0; v < n; v++) {
            s += shared[u * n + v];
        }
        return s;
    }
}
