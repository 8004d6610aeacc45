package dev.kappa.project;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a project ranks model runs and human tiers: optimise one metric ({@code optimize}) or a weighted sum
 * ({@code weights}), subject to bounds on any metric ({@code thresholds}), with metrics measured against
 * {@code reference}. Exactly one of optimize and weights is set. Written by the record mapper as the API shows it
 * ({@code weights} null under optimize, {@code default} last); its thresholds map is also what is stored.
 */
public record EvaluationPolicy(String optimize, Map<String, Double> weights, Map<String, Bound> thresholds,
                               String reference, @JsonProperty("default") boolean isDefault) {
    /** Higher is better. */
    public static final List<String> QUALITY = List.of("accuracy", "macro_f1", "cohen_kappa");
    /** Lower is better; a human tier has latency and cost (from time and hourly rate) but no size. */
    public static final List<String> RUN = List.of("latency_ms", "size_mb", "cost_per_1k");
    public static final List<String> METRICS = List.of("accuracy", "macro_f1", "cohen_kappa", "latency_ms", "size_mb",
            "cost_per_1k");

    public static final EvaluationPolicy DEFAULT = new EvaluationPolicy("macro_f1", null, Map.of(), "gold", true);

    /** An inclusive bound; either side may be null, and is then left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Bound(Double min, Double max) {
        public boolean holds(double v) {
            return (min == null || v >= min) && (max == null || v <= max);
        }
    }

    public static boolean lowerIsBetter(String metric) {
        return RUN.contains(metric);
    }

    public static Map<String, Bound> ordered(Map<String, Bound> m) {
        Map<String, Bound> out = new LinkedHashMap<>();
        METRICS.stream().filter(m::containsKey).forEach(k -> out.put(k, m.get(k)));
        return out;
    }
}
