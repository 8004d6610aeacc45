package dev.kappa.stats;

/**
 * A statistic that may be undefined. Undefined results never carry NaN: {@code value} is 0.0 and
 * {@code reason} says why (for example "no expected disagreement"), so callers must check
 * {@link #defined()} before displaying {@link #value()}.
 */
public record Estimate(double value, boolean defined, String reason) {

    /** Empty input: no answers at all. */
    public static final String NO_DATA = "no answers";
    /** Only one annotator answered, so no two answers can be compared. */
    public static final String ONE_ANNOTATOR = "one annotator";
    /** Every item has at most one answer, so no pair of answers exists. */
    public static final String NO_PAIRS = "no item has two or more answers";
    /**
     * Chance-corrected coefficients are 0/0 when all pairable answers carry the same value:
     * expected disagreement is zero. We report them as undefined rather than 1 (Krippendorff 2011:
     * data without variation cannot show reliability); percent agreement is still defined.
     */
    public static final String NO_EXPECTED_DISAGREEMENT = "no expected disagreement";
    /** The denominator of a ratio (for example precision with no predictions of the class) is zero. */
    public static final String EMPTY_DENOMINATOR = "empty denominator";

    public Estimate {
        if (defined && !Double.isFinite(value)) {
            throw new IllegalArgumentException("a defined estimate must be finite: " + value);
        }
        if (!defined) {
            value = 0.0;
        }
        reason = reason == null ? "" : reason;
    }

    public static Estimate of(double value) {
        if (!Double.isFinite(value)) {
            return undefined("not finite");
        }
        return new Estimate(value, true, "");
    }

    public static Estimate undefined(String reason) {
        return new Estimate(0.0, false, reason);
    }

    /** The value if defined, else {@code fallback}. */
    public double orElse(double fallback) {
        return defined ? value : fallback;
    }

    @Override
    public String toString() {
        return defined ? Double.toString(value) : "undefined (" + reason + ")";
    }
}
