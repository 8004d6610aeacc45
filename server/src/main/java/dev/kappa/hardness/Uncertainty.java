package dev.kappa.hardness;

import java.util.Arrays;

/**
 * Model uncertainty of one prediction, from its class probabilities, scaled to [0, 1] so that the three measures
 * can share one weight: 0 when the model puts all mass on one class, 1 when it spreads it evenly over all k.
 * <ul>
 *   <li>least confidence: (1 - p_max) * k / (k - 1);</li>
 *   <li>margin: 1 - (p_max - p_second);</li>
 *   <li>entropy: -sum p ln p / ln k.</li>
 * </ul>
 * Settles (2009), "Active Learning Literature Survey", section 3.1, for the three measures.
 */
public enum Uncertainty {
    LEAST_CONFIDENCE("least_confidence"), MARGIN("margin"), ENTROPY("entropy");

    private final String key;

    Uncertainty(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Uncertainty of(String key) {
        return Arrays.stream(values()).filter(u -> u.key.equals(key)).findFirst().orElse(null);
    }

    /** The measure of a probability vector that sums to 1 (see {@link #distribution}). */
    public double of(double[] p) {
        int k = p.length;
        if (k < 2) {
            return 0;
        }
        double first = 0;
        double second = 0;
        double h = 0;
        for (double x : p) {
            if (x > first) {
                second = first;
                first = x;
            } else if (x > second) {
                second = x;
            }
            if (x > 0) {
                h -= x * Math.log(x);
            }
        }
        double u = switch (this) {
            case LEAST_CONFIDENCE -> (1 - first) * k / (k - 1);
            case MARGIN -> 1 - (first - second);
            case ENTROPY -> h / Math.log(k);
        };
        return Math.min(1, Math.max(0, u));
    }

    /**
     * Class probabilities as a distribution: missing classes are 0 and the rest is divided by its sum, since models
     * export probabilities that do not sum to exactly 1 (rounding, top-n lists). Null when nothing is positive.
     */
    public static double[] distribution(double[] raw) {
        double sum = 0;
        for (double x : raw) {
            sum += x;
        }
        if (!(sum > 0)) {
            return null;
        }
        double[] p = new double[raw.length];
        for (int c = 0; c < p.length; c++) {
            p[c] = raw[c] / sum;
        }
        return p;
    }

    /**
     * A prediction with only a score: the score is read as the model's probability for its own label, and the rest
     * of the mass is spread evenly over the other classes (the least committal completion, so the measures judge
     * only what the model said). Then least confidence is exactly 1 - score, rescaled. A score outside [0, 1] is not
     * a probability; null then, and the item has no uncertainty signal.
     */
    public static double[] fromScore(double score, int predicted, int k) {
        if (!(score >= 0 && score <= 1) || predicted < 0 || predicted >= k) {
            return null;
        }
        double[] p = new double[k];
        if (k == 1) {
            p[0] = 1;
            return p;
        }
        Arrays.fill(p, (1 - score) / (k - 1));
        p[predicted] = score;
        return p;
    }
}
