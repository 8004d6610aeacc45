package dev.kappa.baseline;

import dev.kappa.analysis.EstimateJson;
import dev.kappa.stats.Bootstrap;
import dev.kappa.stats.Estimate;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * The writer the baseline used before issue 16 (kept here so that {@link BaselineViewJsonTest} pins the bytes of
 * {@link BaselineView} against it). The baseline as JSON, snake_case, never NaN: a metric is {@code {"value": .., "ci": [low, high]}}, and a metric
 * without a value is {@code {"value": null, "reason": ".."}} (thin rows say so on every metric and at the row).
 */
final class BaselineJson {
    static final String NO_RESAMPLES = "no bootstrap asked (resamples=0)";

    private BaselineJson() {
    }

    public static JsonObject of(Baseline b) {
        BaselineReport r = b.report();
        BaselineOptions o = r.options();
        JsonObject out = new JsonObject()
                .put("project_id", b.projectId())
                .put("kind", b.space().kind())
                .put("classes", new JsonArray(List.copyOf(b.space().keys())))
                .put("reference", new JsonObject().put("kind", r.reference()).put("description", ReferenceDescriptions.describe(r.reference()))
                        .put("n_items", r.referenceItems()))
                .put("bootstrap", new JsonObject().put("resamples", o.resamples()).put("seed", o.seed())
                        .put("level", o.level()).put("unit", "item"))
                .put("min_items", o.minItems())
                .put("n_answers", b.answers())
                .put("ignored_answers", b.ignoredAnswers());
        out.put("tiers", new JsonArray().add(tier(b, r.crowd())).add(tier(b, r.expert())));
        JsonArray k = new JsonArray();
        for (BaselineReport.ConsensusRow row : r.consensus()) {
            k.add(scores(b, new JsonObject().put("k", row.k()).put("n_items", row.nItems()).put("n_annotators", row.nAnnotators())
                    .put("seconds_per_item", EstimateJson.of(row.secondsPerItem()))
                    .put("cost_per_item", EstimateJson.of(row.costPerItem())), row.scores()));
        }
        BaselineReport.Match m = r.votesToMatchExpert();
        out.put("consensus_of_k", new JsonObject().put("tier", "crowd")
                .put("rule", "majority of k crowd answers per item, every k-subset (up to " + Subsets.MAX_SUBSETS
                        + " drawn at random) weighing equally; a tie counts each tied label equally (random tie-break)")
                .put("rows", k)
                .put("crowd_answers_to_match_one_expert", new JsonObject().put("k", m.k()).put("metric", "accuracy")
                        .put("expert_accuracy", EstimateJson.number(m.expertAccuracy())).put("reason", m.reason())));
        JsonArray runs = new JsonArray();
        for (BaselineReport.RunRow row : r.runs()) {
            runs.add(scores(b, run(b, row.run()).put("n_items", row.nItems()).put("missing_predictions", row.missing()), row.scores()));
        }
        out.put("runs", runs);
        JsonArray gaps = new JsonArray();
        for (BaselineReport.Gap g : r.gaps()) {
            gaps.add(gap(b, g));
        }
        return out.put("gap", new JsonObject().put("versus", r.gapVersus())
                .put("definition", "run minus the best tier (higher macro-F1), both on that tier's items against the same "
                        + "references; negative means the run trails people")
                .put("runs", gaps));
    }

    static JsonObject run(Baseline b, int index) {
        ModelRun m = b.runs().get(index);
        return new JsonObject().put("run_id", m.id()).put("model", m.model()).put("version", m.version())
                .put("latency_ms", m.latencyMs()).put("size_mb", m.sizeMb()).put("cost_per_1k", m.costPer1k());
    }

    private static JsonObject tier(Baseline b, BaselineReport.Tier t) {
        JsonObject o = new JsonObject().put("tier", t.tier()).put("leave_one_out", t.leaveOneOut())
                .put("n_items", t.nItems()).put("n_answers", t.nAnswers()).put("n_annotators", t.nAnnotators());
        scores(b, o, t.scores());
        o.put("seconds_per_label", new JsonObject().put("median", EstimateJson.of(t.medianSeconds()))
                .put("mean", EstimateJson.of(t.meanSeconds())).put("n_timed", t.nTimed()));
        o.put("cost_per_label", EstimateJson.of(t.costPerLabel())
                .put("hourly_rate", t.tier().equals("expert") ? b.hourlyRateExpert() : b.hourlyRateCrowd()));
        JsonArray models = new JsonArray();
        for (BaselineReport.ModelRow m : t.models()) {
            models.add(scores(b, run(b, m.run()).put("n_items", m.nItems()).put("missing_predictions", m.missing()), m.scores()));
        }
        return o.put("models", models);
    }

    private static JsonObject gap(Baseline b, BaselineReport.Gap g) {
        JsonObject o = run(b, g.run());
        BaselineReport.Scores s = g.difference();
        headline(o, s);
        JsonObject perClass = new JsonObject();
        String worst = null;
        double worstF1 = Double.POSITIVE_INFINITY;
        for (int c = 0; c < b.space().size(); c++) {
            String key = b.space().keys().get(c);
            perClass.put(key, new JsonObject().put("precision", metric(s, RowMetrics.precision(c)))
                    .put("recall", metric(s, RowMetrics.recall(c))).put("f1", metric(s, RowMetrics.f1(c))));
            Estimate f1 = s.metric(RowMetrics.f1(c));
            if (f1.defined() && f1.value() < worstF1) {
                worstF1 = f1.value();
                worst = key;
            }
        }
        o.put("per_class", perClass);
        return o.put("largest_f1_shortfall", worst == null ? null : new JsonObject().put("class", worst).put("f1", worstF1));
    }

    /** Thin flag, headline metrics and per-class metrics of a row, into {@code o}. */
    static JsonObject scores(Baseline b, JsonObject o, BaselineReport.Scores s) {
        o.put("thin", s.thin());
        if (s.thin()) {
            o.put("reason", s.thinReason());
        }
        headline(o, s);
        JsonObject perClass = new JsonObject();
        for (int c = 0; c < b.space().size(); c++) {
            perClass.put(b.space().keys().get(c), new JsonObject()
                    .put("precision", metric(s, RowMetrics.precision(c)))
                    .put("recall", metric(s, RowMetrics.recall(c)))
                    .put("f1", metric(s, RowMetrics.f1(c)))
                    .put("support", s.thin() ? null : EstimateJson.number(s.support()[c])));
        }
        return o.put("per_class", perClass);
    }

    private static void headline(JsonObject o, BaselineReport.Scores s) {
        o.put("accuracy", metric(s, RowMetrics.ACCURACY)).put("macro_f1", metric(s, RowMetrics.MACRO_F1))
                .put("cohen_kappa", metric(s, RowMetrics.KAPPA));
    }

    static JsonObject metric(BaselineReport.Scores s, int index) {
        Bootstrap.Interval ci = s.interval(index);
        String why = s.thin() ? s.thinReason() : NO_RESAMPLES;
        return EstimateJson.of(s.metric(index), ci, why);
    }
}
