package dev.kappa.hardness;

import java.util.Arrays;

/**
 * How a project's queue is ordered. The queue serves higher priority first, then import order; each strategy is a
 * priority per item:
 * <ul>
 *   <li>fifo: 0 for every item, so import order;</li>
 *   <li>random: a fixed uniform draw per item from a hash of (seed, item id);</li>
 *   <li>uncertainty: the followed run's uncertainty (0 for items it did not predict);</li>
 *   <li>hardness: the followed run's hardness score.</li>
 * </ul>
 */
public enum Strategy {
    FIFO("fifo"), RANDOM("random"), UNCERTAINTY("uncertainty"), HARDNESS("hardness");

    private final String key;

    Strategy(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Strategy of(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst().orElse(null);
    }

    /** Whether the priorities depend on a model run's scores. */
    public boolean followsRun() {
        return this == UNCERTAINTY || this == HARDNESS;
    }

    /** The priority of each item; {@code scored} is null for fifo and random. */
    public double[] priorities(long[] itemIds, long seed, Hardness.Result scored) {
        double[] p = new double[itemIds.length];
        switch (this) {
            case FIFO -> {
            }
            case RANDOM -> {
                for (int i = 0; i < p.length; i++) {
                    p[i] = uniform(seed, itemIds[i]);
                }
            }
            case UNCERTAINTY -> {
                for (int i = 0; i < p.length; i++) {
                    double u = scored.uncertainty()[i];
                    p[i] = Double.isNaN(u) ? 0 : u;
                }
            }
            case HARDNESS -> System.arraycopy(scored.score(), 0, p, 0, p.length);
        }
        return p;
    }

    /** SplitMix64 of (seed, id) to a double in [0, 1): the same item keeps its place until the seed changes. */
    static double uniform(long seed, long id) {
        long z = seed * 0x9E3779B97F4A7C15L + id;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53;
    }
}
