package dev.kappa.stats;

/**
 * How many items a human baseline needs.
 *
 * <p>Interval width: the Wilson score interval (E. B. Wilson, "Probable inference, the law of succession, and
 * statistical inference", JASA 22, 1927; as eq. 3 of R. G. Newcombe, "Two-sided confidence intervals for the single
 * proportion", Statistics in Medicine 17, 1998) has half-width
 * {@code z / (1 + z²/n) · sqrt(p(1-p)/n + z²/(4n²))} at an observed proportion p. The planner returns the smallest n
 * whose half-width at the expected accuracy is at most the one asked, found by bisection (it falls as n grows).
 *
 * <p>Paired power: a model and the humans are scored on the same items, so the comparison is a one-sample test on
 * the per-item differences d = model correct − human correct ∈ {−1, 0, 1}, with mean δ (the expected difference)
 * and variance ψ − δ², ψ being the share of discordant items (one right, the other wrong; McNemar's setting, cf.
 * A. Agresti, Categorical Data Analysis, 3rd ed., 2013, §11.1). With effect size δ / sqrt(ψ − δ²) the two-sided
 * z-test's power at n items is Φ(es·√n − z) + Φ(−es·√n − z), z = Φ⁻¹(1 − α/2) (S.-C. Chow, J. Shao and H. Wang,
 * Sample Size Calculations in Clinical Research, 2nd ed., 2008, §3.1; statsmodels' NormalIndPower with ratio=0 is
 * the same). Without a stated ψ the errors are taken as independent: ψ = p_h(1 − p_m) + p_m(1 − p_h).
 */
public final class SampleSize {
    /** Beyond this no answer is useful (and bisection stays in int range). */
    public static final int MAX_N = 1_000_000_000;

    private SampleSize() {
    }

    public record Width(int n, double halfWidth, double lower, double upper) {
    }

    public record Power(int n, double power, double discordance, double sd, double effectSize) {
    }

    public static double wilsonHalfWidth(double p, double n, double level) {
        double z = Normal.quantile((1 + level) / 2);
        return z / (1 + z * z / n) * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n));
    }

    /** Wilson interval at proportion p and n items: {lower, upper}. */
    public static double[] wilson(double p, double n, double level) {
        double z = Normal.quantile((1 + level) / 2);
        double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
        double h = wilsonHalfWidth(p, n, level);
        return new double[] {centre - h, centre + h};
    }

    /** Smallest n with Wilson half-width at most {@code halfWidth}; empty (-1) if beyond {@link #MAX_N}. */
    public static Width forWidth(double expected, double halfWidth, double level) {
        if (wilsonHalfWidth(expected, MAX_N, level) > halfWidth) {
            return new Width(-1, Double.NaN, Double.NaN, Double.NaN);
        }
        int lo = 1;
        int hi = MAX_N;
        while (lo < hi) {
            int mid = lo + (hi - lo) / 2;
            if (wilsonHalfWidth(expected, mid, level) <= halfWidth) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        double[] ci = wilson(expected, lo, level);
        return new Width(lo, wilsonHalfWidth(expected, lo, level), ci[0], ci[1]);
    }

    public static double pairedPower(double effectSize, double n, double level) {
        double z = Normal.quantile((1 + level) / 2);
        double s = effectSize * Math.sqrt(n);
        return Normal.cdf(s - z) + Normal.cdf(-s - z);
    }

    /**
     * Smallest n giving at least {@code power} to detect model − human accuracy {@code difference} at the two-sided
     * {@code level}; {@code discordance} null means independent errors. n = -1 if beyond {@link #MAX_N}.
     */
    public static Power forPairedDifference(double humanAccuracy, double difference, Double discordance, double level, double power) {
        double model = humanAccuracy + difference;
        double psi = discordance != null ? discordance : humanAccuracy * (1 - model) + model * (1 - humanAccuracy);
        double var = psi - difference * difference;
        // δ = p10 − p01 and ψ = p10 + p01, so ψ >= |δ|; equality leaves no variance to plan with.
        if (!(psi > Math.abs(difference)) || !(var > 0)) {
            throw new IllegalArgumentException("the discordant share must exceed |difference|: discordance " + psi
                    + " cannot hold a difference of " + difference);
        }
        double sd = Math.sqrt(var);
        double es = Math.abs(difference) / sd;
        if (pairedPower(es, MAX_N, level) < power) {
            return new Power(-1, Double.NaN, psi, sd, es);
        }
        int lo = 1;
        int hi = MAX_N;
        while (lo < hi) {
            int mid = lo + (hi - lo) / 2;
            if (pairedPower(es, mid, level) >= power) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return new Power(lo, pairedPower(es, lo, level), psi, sd, es);
    }
}
