package dev.kappa.policy;

import dev.kappa.http.RecordJson;
import dev.kappa.project.EvaluationPolicy;
import dev.kappa.stats.Bootstrap;
import dev.kappa.stats.Estimate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ranks model runs and human tiers by an evaluation policy. Pure: entries and a policy in, a ranking out.
 * <ul>
 * <li>The objective is the optimised metric (lower is better for latency, size and cost), or the weighted sum.
 *     An entry without a value for it (thin data, a run metric never given) is listed last, unranked, with why.</li>
 * <li>Ranks follow the objective, best first, whether or not the entry passes; equal objectives (within 1e-12)
 *     share a rank (1, 1, 3), so the table shows where a failing run would have stood.</li>
 * <li>An entry fails a threshold when its value is outside the bound, or unknown: a run that never reported its
 *     latency cannot be shown to meet a latency bound. A bound on a metric that does not apply (size for people) is
 *     listed as not applicable.</li>
 * <li>The best run is the best passing model run. Several at the best objective are a tie, which the policy cannot
 *     break, so none is named; with no passing run, none is named either, and the outcome says which case it is.</li>
 * </ul>
 */
public final class Leaderboard {
    static final double TIE = 1e-12;

    private Leaderboard() {
    }

    /** A model run ({@code runId} set) or a human tier, with its metrics by name. */
    public record Entry(String kind, Long runId, String name, Map<String, Estimate> metrics,
                        Map<String, Bootstrap.Interval> intervals, Set<String> notApplicable) {
        boolean model() {
            return runId != null;
        }
    }

    public record Failure(String metric, EvaluationPolicy.Bound bound, Estimate value) {
    }

    public record Ranked(Entry entry, Estimate objective, Bootstrap.Interval objectiveCi, Integer rank, boolean passes,
                         List<Failure> failed, List<String> notApplicable, List<String> tiedWith) {
    }

    public record Result(List<Ranked> entries, String outcome, Ranked best, List<Ranked> tied, String message) {
    }

    public static Result rank(List<Entry> entries, EvaluationPolicy p) {
        List<Ranked> scored = new ArrayList<>();
        for (Entry e : entries) {
            List<Failure> failed = new ArrayList<>();
            List<String> na = new ArrayList<>();
            p.thresholds().forEach((m, bound) -> {
                Estimate v = e.metrics().getOrDefault(m, Estimate.undefined("not given"));
                if (e.notApplicable().contains(m)) {
                    na.add(m);
                } else if (!v.defined() || !bound.holds(v.value())) {
                    failed.add(new Failure(m, bound, v));
                }
            });
            Estimate objective = objective(e, p);
            Bootstrap.Interval ci = p.optimize() == null ? null : e.intervals().get(p.optimize());
            scored.add(new Ranked(e, objective, ci, null, failed.isEmpty(), failed, na, List.of()));
        }
        List<Ranked> order = new ArrayList<>(scored.stream().filter(r -> r.objective().defined())
                .sorted(Comparator.comparingDouble(r -> -score(r, p))).toList());
        List<Ranked> out = new ArrayList<>();
        for (int j = 0; j < order.size(); j++) {
            Ranked r = order.get(j);
            int rank = j + 1;
            for (int x = j - 1; x >= 0 && Math.abs(score(order.get(x), p) - score(r, p)) <= TIE; x--) {
                rank = out.get(x).rank();
            }
            List<String> tied = new ArrayList<>();
            for (Ranked o : order) {
                if (o != r && Math.abs(score(o, p) - score(r, p)) <= TIE) {
                    tied.add(o.entry().name());
                }
            }
            out.add(new Ranked(r.entry(), r.objective(), r.objectiveCi(), rank, r.passes(), r.failed(), r.notApplicable(), tied));
        }
        scored.stream().filter(r -> !r.objective().defined()).forEach(out::add);
        return outcome(out, p);
    }

    private static Result outcome(List<Ranked> out, EvaluationPolicy p) {
        List<Ranked> runs = out.stream().filter(r -> r.entry().model()).toList();
        List<Ranked> eligible = runs.stream().filter(r -> r.passes() && r.objective().defined()).toList();
        if (runs.isEmpty()) {
            return new Result(out, "no_runs", null, List.of(), "The project has no model runs to choose from.");
        }
        if (eligible.isEmpty()) {
            if (runs.stream().noneMatch(Ranked::passes)) {
                return new Result(out, "all_fail", null, List.of(), "Every model run fails a threshold: " + String.join("; ",
                        runs.stream().map(r -> r.entry().name() + " (" + failures(r) + ")").toList()) + ".");
            }
            return new Result(out, "unscored", null, List.of(), "No run that passes the thresholds has a value for "
                    + objectiveName(p) + ": " + String.join("; ", runs.stream().filter(Ranked::passes)
                    .map(r -> r.entry().name() + " (" + r.objective().reason() + ")").toList()) + ".");
        }
        double top = score(eligible.get(0), p);
        List<Ranked> tied = eligible.stream().filter(r -> Math.abs(score(r, p) - top) <= TIE).toList();
        if (tied.size() > 1) {
            return new Result(out, "tie", null, tied, tied.size() + " runs tie for best on " + objectiveName(p) + " ("
                    + tied.get(0).objective().value() + "): " + String.join(", ", tied.stream().map(r -> r.entry().name()).toList())
                    + "; the policy cannot choose between them.");
        }
        Ranked best = eligible.get(0);
        return new Result(out, "best", best, List.of(), "Best run that passes the policy: " + best.entry().name() + " ("
                + objectiveName(p) + " " + best.objective().value() + ").");
    }

    private static String failures(Ranked r) {
        return String.join(", ", r.failed().stream().map(f -> f.metric() + " " + (f.value().defined()
                ? f.value().value() + " outside " + RecordJson.encode(f.bound()) : "unknown")).toList());
    }

    static String objectiveName(EvaluationPolicy p) {
        return p.optimize() != null ? p.optimize() : "the weighted sum";
    }

    /** Bigger is better. */
    private static double score(Ranked r, EvaluationPolicy p) {
        double v = r.objective().value();
        return p.optimize() != null && EvaluationPolicy.lowerIsBetter(p.optimize()) ? -v : v;
    }

    private static Estimate objective(Entry e, EvaluationPolicy p) {
        if (p.optimize() != null) {
            return value(e, p.optimize());
        }
        double sum = 0;
        for (Map.Entry<String, Double> w : p.weights().entrySet()) {
            Estimate v = value(e, w.getKey());
            if (!v.defined()) {
                return Estimate.undefined("no " + w.getKey() + ": " + v.reason());
            }
            sum += w.getValue() * v.value();
        }
        return Estimate.of(sum);
    }

    private static Estimate value(Entry e, String metric) {
        if (e.notApplicable().contains(metric)) {
            return Estimate.undefined(metric + " does not apply to " + e.kind());
        }
        return e.metrics().getOrDefault(metric, Estimate.undefined(metric + " not given"));
    }
}
