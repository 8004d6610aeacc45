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
        if (resamples < 1 || !(level > 0 && level < 1)) {
            throw new IllegalArgumentException("need resamples >= 1 and 0 < level < 1");
        }
        Estimate point = statistic.apply(r);
        int[] units = IntStream.range(0, r.nItems).filter(i -> r.answersOn(i) > 0).toArray();
        if (units.length == 0) {
            Estimate u = Estimate.undefined(Estimate.NO_DATA);
            return new Interval(point, u, u, level, resamples, 0, seed);
        }
        SplittableRandom master = new SplittableRandom(seed);
        long[] seeds = new long[resamples];
        for (int b = 0; b < resamples; b++) {
            seeds[b] = master.nextLong();
        }
        Estimate[] values = new Estimate[resamples];
        IntStream range = IntStream.range(0, resamples);
        (parallel ? range.parallel() : range).forEach(b -> {
            SplittableRandom rng = new SplittableRandom(seeds[b]);
            int[] picked = new int[units.length];
            for (int j = 0; j < picked.length; j++) {
                picked[j] = units[rng.nextInt(units.length)];
            }
            values[b] = statistic.apply(r.selectItems(picked));
        });
        double[] v = Arrays.stream(values).filter(Estimate::defined).mapToDouble(Estimate::value).sorted().toArray();
        if (v.length == 0) {
            Estimate u = Estimate.undefined("statistic undefined in every resample");
            return new Interval(point, u, u, level, resamples, 0, seed);
        }
        return new Interval(point, Estimate.of(quantile(v, (1 - level) / 2)), Estimate.of(quantile(v, (1 + level) / 2)),
                level, resamples, v.length, seed);
    }

    /** Type-7 quantile of sorted values. */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
