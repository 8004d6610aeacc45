package dev.kappa.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kappa.stats.Bootstrap;
import dev.kappa.stats.Estimate;

import java.util.List;

/**
 * An estimate as a response shows it, never NaN: {@code {"value": 0.43, "ci": [0.31, 0.55]}}; an undefined value is
 * {@code {"value": null, "reason": "..."}}, and an interval that could not be formed is {@code "ci": null} with
 * {@code ci_reason}. One record per shape, so each writes exactly the keys it has.
 */
public sealed interface EstimateView {
    /** Only the value (and why it is undefined). */
    record Point(Double value, @JsonInclude(JsonInclude.Include.NON_NULL) String reason) implements EstimateView {
    }

    /** With its interval. */
    record Interval(Double value, @JsonInclude(JsonInclude.Include.NON_NULL) String reason, List<Double> ci)
            implements EstimateView {
    }

    /**
     * With {@code "ci": null} (always null here: a {@code Void} component would be left out) and the reason there is
     * none (itself null when the caller gave none).
     */
    record NoInterval(Double value, @JsonInclude(JsonInclude.Include.NON_NULL) String reason, List<Double> ci, String ciReason)
            implements EstimateView {
    }

    /** With an interval from a named method (a Wilson score interval for a share). */
    record MethodInterval(Double value, @JsonInclude(JsonInclude.Include.NON_NULL) String reason, List<Double> ci,
                          String ciMethod) implements EstimateView {
    }

    static Point of(Estimate e) {
        return new Point(number(e), e.defined() ? null : e.reason());
    }

    /** With its interval; {@code ciReason} is used when there is no interval object (no resamples asked). */
    static EstimateView of(Estimate e, Bootstrap.Interval ci, String ciReason) {
        String reason = e.defined() ? null : e.reason();
        if (ci == null) {
            return new NoInterval(number(e), reason, null, ciReason);
        }
        if (!ci.lower().defined() || !ci.upper().defined()) {
            return new NoInterval(number(e), reason, null, ci.lower().reason());
        }
        return new Interval(number(e), reason, List.of(ci.lower().value(), ci.upper().value()));
    }

    static MethodInterval of(Estimate e, double lower, double upper, String method) {
        return new MethodInterval(number(e), e.defined() ? null : e.reason(), List.of(lower, upper), method);
    }

    /** A defined estimate's value, else null: the one place a number enters a response. */
    static Double number(Estimate e) {
        return e.defined() && Double.isFinite(e.value()) ? e.value() : null;
    }

    static Double number(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
