package dev.kappa.stats;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Percentile bootstrap over items (B. Efron and R. Tibshirani, An Introduction to the Bootstrap, 1993,
 * ch. 13): each resample draws as many items as have answers, with replacement, keeping all answers of a
 * drawn item together (an item drawn twice becomes two units), and recomputes the statistic. The interval
 * is the (1 - level) / 2 and (1 + level) / 2 quantiles of the defined resample values, interpolated
 * linearly between order statistics (Hyndman and Fan 1996 type 7, R's default).
 *
 * <p>Reproducible: resample b uses its own SplittableRandom seeded by the b-th long of
 * {@code new SplittableRandom(seed)}, so sequential and parallel runs give identical intervals.
 */
public final class Bootstrap {
    private Bootstrap() {
    }

    /**
     * @param point            the statistic on the original data
     * @param definedResamples resamples whose statistic was defined (the others are left out)
     */
    public record Interval(Estimate point, Estimate lower, Estimate upper, double level, int resamples,
                           int definedResamples, long seed) {
    }

    /** 95% interval, sequential. */
    public static Interval percentile(Ratings r, Function<Ratings, Estimate> statistic, int resamples, long seed) {
        return percentile(r, statistic, resamples, seed, 0.95, false);
    }

    /** {@code statistic} must be pure (it runs concurrently when {@code parallel}). */
    public static Interval percentile(Ratings r, Function<Ratings, Estimate> statistic, int resamples, long seed,
                                      double level, boolean parallel) {
        return percentiles(r, x -> new Estimate[] {statistic.apply(x)}, resamples, seed, level, parallel)[0];
    }

    /**
     * Several statistics over the same resamples, one interval per entry of the array {@code statistics}
     * returns (always the same length). Computing them together costs one resampling instead of one per
     * statistic, and each interval is identical to {@link #percentile} of that statistic alone with the same
     * seed, since the resamples depend on the seed only.
     */
    public static Interval[] percentiles(Ratings r, Function<Ratings, Estimate[]> statistics, int resamples, long seed,
                                         double level, boolean parallel) {
        if (resamples < 1 || !(level > 0 && level < 1)) {
            throw new IllegalArgumentException("need resamples >= 1 and 0 < level < 1");
        }
        Estimate[] point = statistics.apply(r);
        Interval[] out = new Interval[point.length];
        int[] units = IntStream.range(0, r.nItems).filter(i -> r.answersOn(i) > 0).toArray();
        if (units.length == 0) {
            Estimate u = Estimate.undefined(Estimate.NO_DATA);
            for (int s = 0; s < point.length; s++) {
                out[s] = new Interval(point[s], u, u, level, resamples, 0, seed);
            }
            return out;
        }
        SplittableRandom master = new SplittableRandom(seed);
        long[] seeds = new long[resamples];
        for (int b = 0; b < resamples; b++) {
            seeds[b] = master.nextLong();
        }
        Estimate[][] values = new Estimate[resamples][];
        IntStream range = IntStream.range(0, resamples);
        (parallel ? range.parallel() : range).forEach(b -> {
            SplittableRandom rng = new SplittableRandom(seeds[b]);
            int[] picked = new int[units.length];
            for (int j = 0; j < picked.length; j++) {
                picked[j] = units[rng.nextInt(units.length)];
            }
            values[b] = statistics.apply(r.selectItems(picked));
            if (values[b].length != point.length) {
                throw new IllegalArgumentException("the statistics must always return " + point.length + " values");
            }
        });
        for (int s = 0; s < point.length; s++) {
            int col = s;
            double[] v = Arrays.stream(values).map(row -> row[col]).filter(Estimate::defined)
                    .mapToDouble(Estimate::value).sorted().toArray();
            if (v.length == 0) {
                Estimate u = Estimate.undefined("statistic undefined in every resample");
                out[s] = new Interval(point[s], u, u, level, resamples, 0, seed);
            } else {
                out[s] = new Interval(point[s], Estimate.of(quantile(v, (1 - level) / 2)),
                        Estimate.of(quantile(v, (1 + level) / 2)), level, resamples, v.length, seed);
            }
        }
        return out;
    }

    /** Type-7 quantile of sorted values. */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
