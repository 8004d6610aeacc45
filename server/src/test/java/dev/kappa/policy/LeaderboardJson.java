package dev.kappa.policy;

import dev.kappa.project.EvaluationPolicy;
import dev.kappa.analysis.EstimateJson;
import dev.kappa.baseline.ReferenceDescriptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * The leaderboard writer before issue 16, kept so that {@link LeaderboardViewJsonTest} pins the bytes of
 * {@link LeaderboardView} against it: entries in rank order, unranked last, then the outcome in words.
 */
final class LeaderboardJson {
    private LeaderboardJson() {
    }

    static JsonObject of(PolicyService.Ranking r) {
        JsonArray entries = new JsonArray();
        for (Leaderboard.Ranked e : r.result().entries()) {
            entries.add(entry(e));
        }
        Leaderboard.Ranked best = r.result().best();
        String reference = r.baseline().report().reference();
        return new JsonObject()
                .put("project_id", r.baseline().projectId())
                .put("reference", new JsonObject().put("kind", reference).put("description", ReferenceDescriptions.describe(reference)))
                .put("policy", policy(r.policy()))
                .put("objective", Leaderboard.objectiveName(r.policy()))
                .put("scope", LeaderboardEntries.SCOPE)
                .put("bootstrap", new JsonObject().put("resamples", r.baseline().report().options().resamples())
                        .put("seed", r.baseline().report().options().seed()))
                .put("entries", entries)
                .put("outcome", r.result().outcome())
                .put("best_run", best == null ? null : new JsonObject().put("run_id", best.entry().runId())
                        .put("name", best.entry().name()).put("objective", EstimateJson.number(best.objective())))
                .put("tied_runs", new JsonArray(r.result().tied().stream().map(t -> (Object) new JsonObject()
                        .put("run_id", t.entry().runId()).put("name", t.entry().name())).toList()))
                .put("message", r.result().message());
    }

    private static JsonObject entry(Leaderboard.Ranked e) {
        JsonObject metrics = new JsonObject();
        e.entry().metrics().forEach((m, v) -> metrics.put(m, e.entry().intervals().containsKey(m)
                ? EstimateJson.of(v, e.entry().intervals().get(m), null) : EstimateJson.of(v)));
        JsonArray failed = new JsonArray();
        for (Leaderboard.Failure f : e.failed()) {
            failed.add(new JsonObject().put("metric", f.metric()).put("bound", bound(f.bound()))
                    .put("value", EstimateJson.number(f.value()))
                    .put("reason", f.value().defined() ? "outside the bound" : "unknown: " + f.value().reason()));
        }
        JsonObject objective = e.objectiveCi() != null ? EstimateJson.of(e.objective(), e.objectiveCi(), null)
                : EstimateJson.of(e.objective());
        return new JsonObject().put("rank", e.rank()).put("kind", e.entry().kind()).put("run_id", e.entry().runId())
                .put("name", e.entry().name()).put("objective", objective).put("passes", e.passes())
                .put("failed", failed).put("not_applicable", new JsonArray(List.copyOf(e.notApplicable())))
                .put("tied_with", new JsonArray(List.copyOf(e.tiedWith()))).put("metrics", metrics);
    }

    /** {@code EvaluationPolicy.json()} before issue 16. */
    static JsonObject policy(EvaluationPolicy p) {
        JsonObject t = new JsonObject();
        p.thresholds().forEach((m, b) -> t.put(m, bound(b)));
        JsonObject o = new JsonObject().put("optimize", p.optimize());
        if (p.weights() != null) {
            JsonObject w = new JsonObject();
            p.weights().forEach(w::put);
            o.put("weights", w);
        } else {
            o.put("weights", null);
        }
        return o.put("thresholds", t).put("reference", p.reference()).put("default", p.isDefault());
    }

    /** {@code EvaluationPolicy.Bound.json()} before issue 16. */
    static JsonObject bound(EvaluationPolicy.Bound b) {
        JsonObject o = new JsonObject();
        if (b.min() != null) {
            o.put("min", b.min());
        }
        if (b.max() != null) {
            o.put("max", b.max());
        }
        return o;
    }
}
