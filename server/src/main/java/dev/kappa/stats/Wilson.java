package dev.kappa.stats;

/**
 * Wilson's score interval for a proportion (E. B. Wilson, JASA 22, 1927; method 3 of R. G. Newcombe, Statistics in
 * Medicine 17, 1998, whose worked example 81/263 gives 0.2553 to 0.3662). Unlike the normal approximation it stays
 * inside [0, 1] and is sensible for small n and for 0 or n successes, which is what a new annotator's gold record is.
 */
public final class Wilson {
    /** The standard normal quantile for a two-sided 95% interval. */
    public static final double Z95 = 1.959963984540054;

    private Wilson() {
    }

    /** {low, high} for {@code successes} of {@code n} (n > 0), at the two-sided level whose quantile is {@code z}. */
    public static double[] interval(double successes, long n, double z) {
        if (n <= 0 || successes < 0 || successes > n) {
            throw new IllegalArgumentException("need 0 <= successes <= n and n > 0");
        }
        double p = successes / n;
        double z2 = z * z;
        double centre = p + z2 / (2.0 * n);
        double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        double denom = 1 + z2 / n;
        return new double[] {Math.max(0, (centre - half) / denom), Math.min(1, (centre + half) / denom)};
    }
}
