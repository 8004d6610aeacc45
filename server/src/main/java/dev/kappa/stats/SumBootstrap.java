package dev.kappa.stats;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The percentile bootstrap of {@link Bootstrap} for statistics of a sum of per-unit contributions (confusion tables
 * summed over items): unit u adds {@code weight[e]} to cell {@code cell[e]} of a vector, for e in
 * {@code start[u] .. start[u+1]}, and the statistics read the summed vector. A resample then needs only how often
 * each unit was drawn, not a copy of the data, which makes 1,000 resamples of 200k items affordable.
 *
 * <p>The draws are those of {@link Bootstrap#percentiles}: resample b draws {@code nUnits} units with a
 * SplittableRandom seeded by the b-th long of {@code new SplittableRandom(seed)}, so the same seed resamples the same
 * items, sequentially or in parallel. Resamples are accumulated in blocks of {@link #BLOCK}: one pass over the
 * contributions serves the whole block, because that pass, not the arithmetic, is what costs (memory bandwidth).
 */
public final class SumBootstrap {
    /** Resamples per pass over the contributions. */
    static final int BLOCK = 16;

    private SumBootstrap() {
    }

    /** Unit u's contributions are entries start[u] .. start[u+1] of cell and weight; cells index a vector of length cells. */
    public record Contributions(int cells, int[] start, int[] cell, double[] weight) {
        public Contributions {
            if (start.length < 1 || cell.length != weight.length || start[start.length - 1] != cell.length) {
                throw new IllegalArgumentException("start must end at the number of entries, cell and weight match");
            }
            for (int c : cell) {
                if (c < 0 || c >= cells) {
                    throw new IllegalArgumentException("cell " + c + " outside 0.." + (cells - 1));
                }
            }
        }

        public int units() {
            return start.length - 1;
        }

        /** The sum with every unit counted {@code counts[u]} times (null: once). */
        public double[] sum(int[] counts) {
            double[] s = new double[cells];
            for (int u = 0; u < units(); u++) {
                int c = counts == null ? 1 : counts[u];
                for (int e = start[u]; c != 0 && e < start[u + 1]; e++) {
                    s[cell[e]] += c * weight[e];
                }
            }
            return s;
        }
    }

    /**
     * One interval per entry of what {@code statistics} returns (always the same length); the point estimates are the
     * statistics of the plain sum. {@code statistics} must be pure: it runs concurrently when {@code parallel}.
     */
    public static Bootstrap.Interval[] percentiles(Contributions c, Function<double[], Estimate[]> statistics,
                                                   int resamples, long seed, double level, boolean parallel) {
        if (resamples < 1 || !(level > 0 && level < 1)) {
            throw new IllegalArgumentException("need resamples >= 1 and 0 < level < 1");
        }
        Estimate[] point = statistics.apply(c.sum(null));
        int n = c.units();
        Bootstrap.Interval[] out = new Bootstrap.Interval[point.length];
        if (n == 0) {
            Estimate u = Estimate.undefined(Estimate.NO_DATA);
            for (int s = 0; s < point.length; s++) {
                out[s] = new Bootstrap.Interval(point[s], u, u, level, resamples, 0, seed);
            }
            return out;
        }
        SplittableRandom master = new SplittableRandom(seed);
        long[] seeds = new long[resamples];
        for (int b = 0; b < resamples; b++) {
            seeds[b] = master.nextLong();
        }
        double[][] values = new double[resamples][];
        FactoredContributions f = FactoredContributions.of(c);
        int blocks = (resamples + BLOCK - 1) / BLOCK;
        IntStream range = IntStream.range(0, blocks);
        (parallel ? range.parallel() : range).forEach(block -> {
            int from = block * BLOCK;
            int to = Math.min(resamples, from + BLOCK);
            double[][] sums = f.block(seeds, from, to);
            for (int b = from; b < to; b++) {
                values[b] = asValues(statistics.apply(sums[b - from]), point.length);
            }
        });
        for (int s = 0; s < point.length; s++) {
            int col = s;
            double[] v = Arrays.stream(values).mapToDouble(row -> row[col]).filter(x -> !Double.isNaN(x)).sorted().toArray();
            if (v.length == 0) {
                Estimate u = Estimate.undefined("statistic undefined in every resample");
                out[s] = new Bootstrap.Interval(point[s], u, u, level, resamples, 0, seed);
            } else {
                out[s] = new Bootstrap.Interval(point[s], Estimate.of(Bootstrap.quantile(v, (1 - level) / 2)),
                        Estimate.of(Bootstrap.quantile(v, (1 + level) / 2)), level, resamples, v.length, seed);
            }
        }
        return out;
    }

    private static double[] asValues(Estimate[] e, int length) {
        if (e.length != length) {
            throw new IllegalArgumentException("the statistics must always return " + length + " values");
        }
        double[] v = new double[length];
        for (int s = 0; s < length; s++) {
            v[s] = e[s].defined() ? e[s].value() : Double.NaN;
        }
        return v;
    }
}
