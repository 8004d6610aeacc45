package dev.kappa.analysis;

import dev.kappa.stats.Bootstrap;
import dev.kappa.stats.Estimate;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The estimate writer before issue 16, kept so that the tests pin EstimateView and the writers built on it against it.
 * Estimates as JSON, never NaN: {@code {"value": 0.43, "ci": [0.31, 0.55]}}; an undefined value is
 * {@code {"value": null, "reason": "..."}}, and an interval that could not be formed is {@code "ci": null} with
 * {@code ci_reason}.
 */
public final class EstimateJson {
    private EstimateJson() {
    }

    public static JsonObject of(Estimate e) {
        JsonObject o = new JsonObject().put("value", number(e));
        if (!e.defined()) {
            o.put("reason", e.reason());
        }
        return o;
    }

    /** With its interval; {@code ciReason} is used when there is no interval object (no resamples asked). */
    public static JsonObject of(Estimate e, Bootstrap.Interval ci, String ciReason) {
        JsonObject o = of(e);
        if (ci == null) {
            o.put("ci", null).put("ci_reason", ciReason);
        } else if (!ci.lower().defined() || !ci.upper().defined()) {
            o.put("ci", null).put("ci_reason", ci.lower().reason());
        } else {
            o.put("ci", new JsonArray().add(ci.lower().value()).add(ci.upper().value()));
        }
        return o;
    }

    /** A defined estimate's value, else null: the one place a number enters a response. */
    public static Double number(Estimate e) {
        return e.defined() && Double.isFinite(e.value()) ? e.value() : null;
    }

    public static Double number(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
