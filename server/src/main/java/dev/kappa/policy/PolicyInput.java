package dev.kappa.policy;

import dev.kappa.project.EvaluationPolicy;
import dev.kappa.baseline.BaselineRequest;
import dev.kappa.error.Problems;
import dev.kappa.http.Input;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Reads a policy from a PUT body; every mistake is a 422 naming the field, such as {@code thresholds.latency_ms.max}. */
final class PolicyInput {
    private static final Set<String> FIELDS = Set.of("optimize", "weights", "thresholds", "reference");

    private PolicyInput() {
    }

    static EvaluationPolicy read(Input in) {
        for (String f : in.json().fieldNames()) {
            if (!FIELDS.contains(f)) {
                throw Problems.invalid(f, "is not a policy field; use optimize or weights, thresholds, reference");
            }
        }
        String optimize = in.oneOf("optimize", false, Set.copyOf(EvaluationPolicy.METRICS));
        JsonObject weights = in.object("weights", false);
        if ((optimize == null) == (weights == null)) {
            throw Problems.invalid("optimize", "give either optimize (one metric) or weights (a weighted sum), not "
                    + (optimize == null ? "neither" : "both"));
        }
        String reference = in.oneOf("reference", false, BaselineRequest.REFERENCES);
        JsonObject thresholds = in.object("thresholds", false);
        return new EvaluationPolicy(optimize, weights == null ? null : weights(weights),
                thresholds == null ? Map.of() : thresholds(thresholds), reference == null ? "gold" : reference, false);
    }

    private static Map<String, Double> weights(JsonObject o) {
        if (o.isEmpty()) {
            throw Problems.invalid("weights", "must weigh at least one metric");
        }
        Map<String, Double> out = new LinkedHashMap<>();
        boolean nonZero = false;
        for (String m : o.fieldNames()) {
            metric("weights." + m, m);
            Double w = number(o, "weights", m);
            if (w == null) {
                throw Problems.invalid("weights." + m, "must be a number");
            }
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
            if (!(o.getValue(m) instanceof JsonObject b)) {
                throw Problems.invalid(field, "must be an object with min and/or max");
            }
            for (String side : b.fieldNames()) {
                if (!side.equals("min") && !side.equals("max")) {
                    throw Problems.invalid(field + "." + side, "is not a bound; use min or max");
                }
            }
            Double min = number(b, field, "min");
            Double max = number(b, field, "max");
            if (min == null && max == null) {
                throw Problems.invalid(field, "needs min or max");
            }
            if (min != null && max != null && min > max) {
                throw Problems.invalid(field + ".min", "must not exceed max");
            }
            out.put(m, new EvaluationPolicy.Bound(min, max));
        }
        return EvaluationPolicy.ordered(out);
    }

    private static Double number(JsonObject b, String field, String side) {
        Object v = b.getValue(side);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw Problems.invalid(field + "." + side, "must be a number");
        }
        return n.doubleValue();
    }

    private static void metric(String field, String m) {
        if (!EvaluationPolicy.METRICS.contains(m)) {
            throw Problems.invalid(field, "is not a metric; use one of " + String.join(", ", EvaluationPolicy.METRICS));
        }
    }
}
