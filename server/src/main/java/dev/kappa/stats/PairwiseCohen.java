package dev.kappa.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cohen's kappa for every pair of annotators sharing at least {@code minShared} items, and their mean
 * (Light's kappa, R. J. Light, Psychological Bulletin 76(5), 1971). When an annotator answered an item
 * more than once, the first of those answers (input order) represents them. Pair observations are packed
 * into one long each and sorted, so memory is linear in the number of co-annotated pairs, not in
 * annotators squared.
 */
public final class PairwiseCohen {
    private PairwiseCohen() {
    }

    /** Annotators {@code a < b}, the items they share, and their kappa over those items. */
    public record Pair(int a, int b, int shared, Estimate kappa) {
    }

    /** Pairs in order of (a, b); mean over the pairs whose kappa is defined. */
    public record Result(List<Pair> pairs, Estimate mean) {
    }

    public static Result of(Ratings r, int minShared, Cohen.Weights w) {
        int k = r.nClasses;
        long kk = (long) k * k;
        Math.multiplyExact(Math.multiplyExact((long) r.nAnnotators, r.nAnnotators), kk);
        long[] obs = new long[16];
        int nObs = 0;
        int[] stamp = new int[r.nAnnotators];
        int[] anns = new int[r.nAnnotators];
        int[] labs = new int[r.nAnnotators];
        for (int i = 0; i < r.nItems; i++) {
            int m = 0;
            for (int q = r.start[i]; q < r.start[i + 1]; q++) {
                int ans = r.order[q];
                int a = r.annotator[ans];
                if (stamp[a] != i + 1) {
                    stamp[a] = i + 1;
                    anns[m] = a;
                    labs[m++] = r.label[ans];
                }
            }
            for (int x = 0; x < m; x++) {
                for (int y = x + 1; y < m; y++) {
                    boolean swap = anns[x] > anns[y];
                    int a = swap ? anns[y] : anns[x];
                    int b = swap ? anns[x] : anns[y];
                    int la = swap ? labs[y] : labs[x];
                    int lb = swap ? labs[x] : labs[y];
                    if (nObs == obs.length) {
                        obs = Arrays.copyOf(obs, nObs + (nObs >> 1));
                    }
                    obs[nObs++] = ((long) a * r.nAnnotators + b) * kk + (long) la * k + lb;
                }
            }
        }
        Arrays.sort(obs, 0, nObs);
        List<Pair> pairs = new ArrayList<>();
        double sum = 0;
        int defined = 0;
        int s = 0;
        while (s < nObs) {
            long key = obs[s] / kk;
            int e = s;
            while (e < nObs && obs[e] / kk == key) {
                e++;
            }
            // Most pairs of a large crowd share an item or two: build tables only for pairs that are reported.
            if (e - s >= minShared) {
                double[][] table = new double[k][k];
                for (int x = s; x < e; x++) {
                    int cell = (int) (obs[x] % kk);
                    table[cell / k][cell % k]++;
                }
                Estimate kappa = Cohen.kappa(table, w);
                pairs.add(new Pair((int) (key / r.nAnnotators), (int) (key % r.nAnnotators), e - s, kappa));
                if (kappa.defined()) {
                    sum += kappa.value();
                    defined++;
                }
            }
            s = e;
        }
        Estimate mean;
        if (defined > 0) {
            mean = Estimate.of(sum / defined);
        } else if (nObs == 0) {
            mean = Estimate.undefined(r.size() == 0 ? Estimate.NO_DATA
                    : r.distinctAnnotators() <= 1 ? Estimate.ONE_ANNOTATOR : "no two annotators share an item");
        } else if (pairs.isEmpty()) {
            mean = Estimate.undefined("no annotator pair shares " + minShared + " items");
        } else {
            mean = Estimate.undefined(Estimate.NO_EXPECTED_DISAGREEMENT);
        }
        return new Result(List.copyOf(pairs), mean);
    }
}
