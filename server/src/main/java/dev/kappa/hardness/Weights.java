package dev.kappa.hardness;

/**
 * How much each signal counts in the hardness score. The score is the weighted mean of the signals, each in
 * [0, 1], with a signal that cannot be computed for an item counting as 0; so the score is in [0, 1] too.
 */
public record Weights(double uncertainty, double modelDisagreement, double humanDisagreement, double classWeakness,
                      double goldConflict) {
    public static final Weights DEFAULT = new Weights(1, 1, 0.5, 1, 1);

    public Weights {
        double[] all = {uncertainty, modelDisagreement, humanDisagreement, classWeakness, goldConflict};
        double sum = 0;
        for (double w : all) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("weights must be finite and >= 0");
            }
            sum += w;
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("at least one weight must be positive");
        }
    }

    public double sum() {
        return uncertainty + modelDisagreement + humanDisagreement + classWeakness + goldConflict;
    }

    /** The weighted mean; NaN signals (not computable) count as 0. */
    public double score(double u, double md, double hd, double cw, double gc) {
        return (uncertainty * orZero(u) + modelDisagreement * orZero(md) + humanDisagreement * orZero(hd)
                + classWeakness * orZero(cw) + goldConflict * orZero(gc)) / sum();
    }

    private static double orZero(double x) {
        return Double.isNaN(x) ? 0 : x;
    }
}
