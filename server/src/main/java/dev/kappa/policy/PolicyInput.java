package dev.kappa.policy;

import dev.kappa.project.EvaluationPolicy;
import dev.kappa.error.Problems;
import dev.kappa.http.Input;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads a policy from a PUT body, already checked against openapi.yaml (EvaluationPolicyInput: types, the enums of
 * optimize and reference, a bound's min and max and nothing else). What the contract cannot say stays here, each a 422
 * naming the field such as {@code thresholds.accuracy.min}: unknown top-level fields (the schema is also the base of
 * the answer), metric names as keys, optimize or weights but not both, weights not all 0, and min not above max.
 */
final class PolicyInput {
    private static final Set<String> FIELDS = Set.of("optimize", "weights", "thresholds", "reference");

    private PolicyInput() {
    }

    static EvaluationPolicy read(Input in) {
        JsonObject body = in.json();
        for (String f : body.fieldNames()) {
            if (!FIELDS.contains(f)) {
                throw Problems.invalid(f, "is not a policy field; use optimize or weights, thresholds, reference");
            }
        }
        String optimize = body.getString("optimize");
        JsonObject weights = body.getJsonObject("weights");
        if ((optimize == null) == (weights == null)) {
            throw Problems.invalid("optimize", "give either optimize (one metric) or weights (a weighted sum), not "
                    + (optimize == null ? "neither" : "both"));
        }
        String reference = body.getString("reference");
        JsonObject thresholds = body.getJsonObject("thresholds");
        return new EvaluationPolicy(optimize, weights == null ? null : weights(weights),
                thresholds == null ? Map.of() : thresholds(thresholds), reference == null ? "gold" : reference, false);
    }

    private static Map<String, Double> weights(JsonObject o) {
        Map<String, Double> out = new LinkedHashMap<>();
        boolean nonZero = false;
        for (String m : o.fieldNames()) {
            metric("weights." + m, m);
            double w = o.getDouble(m);
            out.put(m, w);
            nonZero |= w != 0;
        }
        if (!nonZero) {
            throw Problems.invalid("weights", "cannot all be 0");
        }
        return out;
    }

    private static Map<String, EvaluationPolicy.Bound> thresholds(JsonObject o) {
        Map<String, EvaluationPolicy.Bound> out = new LinkedHashMap<>();
        for (String m : o.fieldNames()) {
            String field = "thresholds." + m;
            metric(field, m);
            JsonObject b = o.getJsonObject(m);
            Double min = b.getDouble("min");
            Double max = b.getDouble("max");
            if (min != null && max != null && min > max) {
                throw Problems.invalid(field + ".min", "must not exceed max");
            }
            out.put(m, new EvaluationPolicy.Bound(min, max));
        }
        return EvaluationPolicy.ordered(out);
    }

    private static void metric(String field, String m) {
        if (!EvaluationPolicy.METRICS.contains(m)) {
            throw Problems.invalid(field, "is not a metric; use one of " + String.join(", ", EvaluationPolicy.METRICS));
        }
    }
}
