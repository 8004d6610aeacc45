package dev.kappa.study;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The report card as JSON; an undefined figure is null. */
final class ReportJson {
    private ReportJson() {
    }

    static JsonObject of(StudyReport r) {
        StudyProgress p = r.progress();
        StudyReport.Scores s = r.scores();
        JsonArray histogram = new JsonArray();
        for (int b = 0; b < 10; b++) {
            histogram.add(new JsonObject().put("from", b / 10.0).put("to", (b + 1) / 10.0).put("count", s.histogram()[b]));
        }
        JsonArray models = new JsonArray();
        for (StudyReport.ModelLine m : r.models()) {
            models.add(new JsonObject().put("run_id", m.runId()).put("model", m.model()).put("version", m.version())
                    .put("items", m.items()).put("accuracy", fig(m.accuracy())).put("minus_majority", fig(m.minusMajority()))
                    .put("minus_single", fig(m.minusSingle())));
        }
        StudyReport.Cost c = r.cost();
        return new JsonObject()
                .put("study", StudyJson.of(new StudyService.Study(r.study(), p)))
                .put("annotators", new JsonObject().put("recruited", p.recruited()).put("trained", p.trained())
                        .put("qualified", p.qualified()).put("not_qualified", p.notQualified()).put("waiting", p.waiting())
                        .put("participating", p.participating())
                        .put("qualification_scores", new JsonObject().put("n", s.n()).put("min", num(s.min())).put("q1", num(s.q1()))
                                .put("median", num(s.median())).put("q3", num(s.q3())).put("max", num(s.max()))
                                .put("threshold", num(s.threshold())).put("histogram", histogram)))
                .put("protocol", StudyJson.protocol(r.study())
                        .put("pay", r.study().payUnit() == null ? null : new JsonObject().put("unit", r.study().payUnit())
                                .put("amount", r.study().payAmount()).put("currency", r.study().currency()))
                        .put("median_seconds_per_item", num(r.medianSecondsPerItem()))
                        .put("items_measured", r.measuredItems()).put("measurement_answers", r.measurementAnswers()))
                .put("single", new JsonObject().put("accuracy", fig(r.singleAccuracy())).put("macro_f1", fig(r.singleMacroF1())))
                .put("majority", new JsonObject().put("votes", r.study().votesV()).put("accuracy", fig(r.majorityAccuracy()))
                        .put("macro_f1", fig(r.majorityMacroF1())))
                .put("items_only_intervals", new JsonObject().put("single_accuracy", fig(r.singleAccuracyItemsOnly()))
                        .put("majority_accuracy", fig(r.majorityAccuracyItemsOnly())))
                .put("interval", new JsonObject().put("method", "two-way (items x annotators) variance components, "
                                + "t quantile with Satterthwaite df; single annotators (accuracy, macro-F1, model - single): items-only + "
                                + "annotators-only bootstrap variance - the answer-level delta-method variance both contain "
                                + "(Cameron, Gelbach and Miller 2011); majority of V (accuracy, macro-F1, model - majority): items-only "
                                + "bootstrap variance of the majorities, each of all V votes, + the covariance items share through "
                                + "their voters (between-annotator accuracy variance x each vote's first-order effect on the majority); "
                                + "model accuracy: percentile bootstrap over items")
                        .put("level", StudyReports.LEVEL).put("resamples", r.resamples()).put("seed", r.seed()))
                .put("models", models)
                .put("cost", new JsonObject().put("unit", c.unit()).put("amount", c.amount()).put("currency", c.currency())
                        .put("answers", c.answers()).put("hours", c.hours()).put("total", num(c.total()))
                        .put("measurement_only", num(c.measurementOnly())).put("per_accuracy_point", num(c.perAccuracyPoint())));
    }

    static JsonObject fig(StudyReport.Figure f) {
        return new JsonObject().put("value", num(f.value())).put("lower", num(f.lower())).put("upper", num(f.upper()));
    }

    static Double num(double x) {
        return Double.isFinite(x) ? x : null;
    }
}
