package dev.kappa.baseline;

/**
 * How a baseline is computed: the bootstrap (resamples 0 = point estimates only), the least number of reference
 * items a row needs before it shows numbers, the largest k of the consensus-of-k rows, and the tiers' hourly rates
 * (null when the project has none).
 */
public record BaselineOptions(int resamples, long seed, double level, int minItems, int maxK, Double hourlyRateCrowd,
                              Double hourlyRateExpert, boolean parallel) {
    /**
     * Fewer than 30 reference items and a row shows no numbers: one item then moves accuracy by more than 3 points,
     * and a percentile interval rests on a handful of distinct resample values, so any figure would look far more
     * precise than it is. Requests may lower it (down to 1) to see small projects anyway.
     */
    public static final int DEFAULT_MIN_ITEMS = 30;
    public static final int DEFAULT_RESAMPLES = 1000;
    public static final long DEFAULT_SEED = 1;
    /** Consensus-of-k rows stop here, whatever the overlap: beyond it a row costs too many subsets per item. */
    public static final int MAX_K = 20;

    public BaselineOptions {
        if (resamples < 0 || minItems < 1 || maxK < 1 || !(level > 0 && level < 1)) {
            throw new IllegalArgumentException("need resamples >= 0, minItems >= 1, maxK >= 1 and 0 < level < 1");
        }
    }

    public static BaselineOptions defaults() {
        return new BaselineOptions(DEFAULT_RESAMPLES, DEFAULT_SEED, 0.95, DEFAULT_MIN_ITEMS, MAX_K, null, null, true);
    }

    public double hourlyRate(boolean expert) {
        Double r = expert ? hourlyRateExpert : hourlyRateCrowd;
        return r == null ? Double.NaN : r;
    }
}
