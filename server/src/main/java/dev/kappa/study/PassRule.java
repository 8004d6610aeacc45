package dev.kappa.study;

import java.util.Arrays;

/**
 * Who passes qualification. {@code fixed}: a score at or above the study's accuracy bar. {@code median}: a score at or
 * above the median score of everyone who has finished qualification, the annotator included (SuperGLUE, Wang et al.
 * 2019, §5.2: "we admit workers who reach the median accuracy"). Nobody passes without having been served a
 * qualification item. Pure, so the simulations run the very rule the server applies.
 */
public final class PassRule {
    /** Scores are ratios of small counts: compare with a tolerance so that 3/4 >= 0.75 holds. */
    private static final double EPS = 1e-12;

    private PassRule() {
    }

    public static boolean fixed(double score, int served, double bar) {
        return served > 0 && score >= bar - EPS;
    }

    public static boolean median(double score, int served, double median) {
        return served > 0 && score >= median - EPS;
    }

    /** The median of finished scores (mean of the middle two for an even count, as percentile_cont(0.5)). */
    public static double medianOf(double[] scores) {
        double[] v = scores.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
