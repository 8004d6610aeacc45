package dev.kappa.stats;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@link SumBootstrap.Contributions} prepared for resampling. Entries of weight exactly 1 (a model's one label
 * against one reference, a unanimous vote) recur: many units add 1 to the same set of cells. Each distinct such set
 * ("signature") is stored once; a resample then adds a unit's count to its signature's tally, one step instead of
 * one per entry, and each signature's tally reaches its cells once per block. Integer counts times 1 sum exactly
 * in any order, so this changes no result. The other entries are accumulated unit by unit.
 */
final class FactoredContributions {
    /** Resamples per pass; the lane loops always run this many steps (a constant the JIT unrolls). */
    static final int LANES = SumBootstrap.BLOCK;

    private final int n;
    private final int cells;
    /** signature of each unit, -1 for none. */
    private final int[] signature;
    private final int[] sigStart;
    private final int[] sigCell;
    private final int[] start;
    private final int[] cell;
    private final double[] weight;

    private FactoredContributions(int n, int cells, int[] signature, int[] sigStart, int[] sigCell, int[] start, int[] cell,
                     double[] weight) {
        this.n = n;
        this.cells = cells;
        this.signature = signature;
        this.sigStart = sigStart;
        this.sigCell = sigCell;
        this.start = start;
        this.cell = cell;
        this.weight = weight;
    }

    private record Key(int[] cells) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(cells, k.cells);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(cells);
        }
    }

    /** Factors only when the signatures are fewer than the units' weight-1 entries by a clear margin. */
    static FactoredContributions of(SumBootstrap.Contributions c) {
        int n = c.units();
        Map<Key, Integer> ids = new HashMap<>();
        int[] signature = new int[n];
        int[] sigStart = new int[16];
        int[] sigCell = new int[64];
        int sigs = 0;
        int sigEntries = 0;
        int ones = 0;
        int[] rest = new int[n + 1];
        int[] buffer = new int[16];
        for (int u = 0; u < n; u++) {
            int m = 0;
            for (int e = c.start()[u]; e < c.start()[u + 1]; e++) {
                if (c.weight()[e] == 1.0) {
                    if (m == buffer.length) {
                        buffer = Arrays.copyOf(buffer, m * 2);
                    }
                    buffer[m++] = c.cell()[e];
                }
            }
            ones += m;
            rest[u + 1] = rest[u] + (c.start()[u + 1] - c.start()[u] - m);
            if (m == 0) {
                signature[u] = -1;
                continue;
            }
            int[] key = Arrays.copyOf(buffer, m);
            Arrays.sort(key);
            Integer id = ids.get(new Key(key));
            if (id == null) {
                id = sigs++;
                ids.put(new Key(key), id);
                if (sigs + 1 > sigStart.length) {
                    sigStart = Arrays.copyOf(sigStart, sigStart.length * 2);
                }
                while (sigEntries + m > sigCell.length) {
                    sigCell = Arrays.copyOf(sigCell, sigCell.length * 2);
                }
                System.arraycopy(key, 0, sigCell, sigEntries, m);
                sigEntries += m;
                sigStart[sigs] = sigEntries;
            }
            signature[u] = id;
        }
        if ((long) n + sigEntries > 0.7 * ones) {
            // few repeats: factoring would add work
            return new FactoredContributions(n, c.cells(), null, null, null, c.start(), c.cell(), c.weight());
        }
        int[] cell = new int[rest[n]];
        double[] weight = new double[rest[n]];
        for (int u = 0, x = 0; u < n; u++) {
            for (int e = c.start()[u]; e < c.start()[u + 1]; e++) {
                if (c.weight()[e] != 1.0) {
                    cell[x] = c.cell()[e];
                    weight[x++] = c.weight()[e];
                }
            }
        }
        return new FactoredContributions(n, c.cells(), signature, Arrays.copyOf(sigStart, sigs + 1), Arrays.copyOf(sigCell, sigEntries),
                rest, cell, weight);
    }

    /**
     * The summed vectors of resamples from..to-1 (at most {@link #LANES}). Each resample's draws are tallied in its
     * own array (n ints stay in cache; one array for the whole block would not), then laid out [unit][lane] as
     * doubles, so that each entry updates one run of adjacent sums without converting.
     */
    double[][] block(long[] seeds, int from, int to) {
        int width = to - from;
        int[][] tally = new int[width][n];
        UniformDraws draws = new UniformDraws(n);
        for (int b = 0; b < width; b++) {
            SplittableRandom rng = new SplittableRandom(seeds[from + b]);
            int[] t = tally[b];
            for (int j = 0; j < n; j++) {
                t[draws.next(rng)]++;
            }
        }
        double[] counts = new double[n * LANES];
        for (int u = 0; u < n; u++) {
            for (int b = 0; b < width; b++) {
                counts[u * LANES + b] = tally[b][u];
            }
        }
        double[] acc = new double[cells * LANES];
        double[] sigTally = signature == null ? null : new double[(sigStart.length - 1) * LANES];
        for (int u = 0; u < n; u++) {
            int base = u * LANES;
            if (sigTally != null && signature[u] >= 0) {
                int at = signature[u] * LANES;
                for (int b = 0; b < LANES; b++) {
                    sigTally[at + b] += counts[base + b];
                }
            }
            for (int e = start[u]; e < start[u + 1]; e++) {
                int at = cell[e] * LANES;
                double w = weight[e];
                for (int b = 0; b < LANES; b++) {
                    acc[at + b] += counts[base + b] * w;
                }
            }
        }
        for (int g = 0; sigTally != null && g < sigStart.length - 1; g++) {
            int from2 = g * LANES;
            for (int e = sigStart[g]; e < sigStart[g + 1]; e++) {
                int at = sigCell[e] * LANES;
                for (int b = 0; b < LANES; b++) {
                    acc[at + b] += sigTally[from2 + b];
                }
            }
        }
        double[][] sums = new double[width][cells];
        for (int x = 0; x < cells; x++) {
            for (int b = 0; b < width; b++) {
                sums[b][x] = acc[x * LANES + b];
            }
        }
        return sums;
    }
}
