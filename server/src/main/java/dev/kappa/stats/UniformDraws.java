package dev.kappa.stats;

import java.util.SplittableRandom;

/**
 * Exactly the values of {@code SplittableRandom.nextInt(bound)} for one fixed bound, drawn faster. The JDK rejects
 * over-represented candidates u (31 random bits) and returns u % bound; the division is most of the cost of a
 * bootstrap draw. Here the remainder comes from a multiplication by a precomputed inverse (D. Lemire, O. Kaser and
 * N. Kurz, "Faster remainder by direct computation", Software: Practice and Experience 49(6), 2019: exact for every
 * 32-bit dividend and divisor), so a resample draws the same items as {@link Bootstrap} does, only sooner.
 */
final class UniformDraws {
    private final int bound;
    private final int mask;
    private final long inverse;

    UniformDraws(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive");
        }
        this.bound = bound;
        this.mask = bound - 1;
        this.inverse = Long.divideUnsigned(-1L, bound) + 1;
    }

    int next(SplittableRandom rng) {
        int r = rng.nextInt();
        if ((bound & mask) == 0) {
            return r & mask;
        }
        // the JDK's loop (RandomSupport.boundedNextInt): accept u unless u falls in the incomplete last stretch
        int u = r >>> 1;
        while (u + mask - (r = mod(u)) < 0) {
            u = rng.nextInt() >>> 1;
        }
        return r;
    }

    /** u % bound for 0 <= u < 2^31: the high 64 bits of (inverse * u mod 2^64) * bound, unsigned. */
    int mod(int u) {
        long low = inverse * u;
        return (int) (Math.multiplyHigh(low, bound) + (low < 0 ? bound : 0));
    }
}
