package dev.kappa.study;

import dev.kappa.auth.Tier;
import dev.kappa.http.RecordJson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The study and report-card records write the bytes the JsonObjects built before issue 16 wrote (that code is kept here). */
class StudyViewJsonTest {
    private static StudyRow row(boolean pay, boolean stopped) {
        OffsetDateTime at = OffsetDateTime.parse("2026-02-01T08:30:00.25Z");
        return new StudyRow(5, 9, "Pilot \"A\"", Tier.CROWD, stopped ? StudyStatus.STOPPED : StudyStatus.RUNNING, 3, 4, 50, 3, "fixed", pay ? 0.75 : null,
                1, "stratified", 1L << 52, pay ? "hour" : null, pay ? 12.5 : null, pay ? "EUR" : null, at, stopped ? at : null);
    }

    private static StudyReport report(boolean pay, boolean undefined) {
        double nan = Double.NaN;
        StudyReport.Figure f = undefined ? new StudyReport.Figure(nan, nan, nan) : new StudyReport.Figure(0.1 + 0.2, 0.25, 0.375);
        StudyReport.Figure g = new StudyReport.Figure(0.8, undefined ? nan : 0.7, 0.9);
        return new StudyReport(row(pay, !pay), new StudyProgress(10, 9, 8, 1, 6, 2, 5, 140, 150, 40),
                new StudyReport.Scores(8, 0.5, 0.625, 0.75, 0.875, 1.0, new int[] {0, 0, 0, 0, 0, 1, 2, 2, 2, 1}, undefined ? nan : 0.7),
                undefined ? nan : 41.5, 40, 140, f, g, f, g, g, f,
                List.of(new StudyReport.ModelLine(2, "m", "v1", 40, g, f, g), new StudyReport.ModelLine(3, "n", null, 0, f, f, f)),
                new StudyReport.Cost(pay ? "hour" : null, pay ? 12.5 : null, pay ? "EUR" : null, 150, 1.25, undefined ? nan : 15.625, 12.0, nan),
                2000, 19);
    }

    @Test
    @DisplayName("a study, with and without pay, stopped or running, keeps its keys, nulls and numbers")
    void study() {
        for (boolean pay : new boolean[] {true, false}) {
            StudyService.Study st = new StudyService.Study(row(pay, !pay), new StudyProgress(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
            assertEquals(studyBefore(st).encode(), RecordJson.encode(StudyView.of(st)));
        }
    }

    @Test
    @DisplayName("the report card keeps its keys, nulls for undefined figures, and numbers")
    void reportCard() {
        for (boolean pay : new boolean[] {true, false}) {
            for (boolean undefined : new boolean[] {true, false}) {
                StudyReport r = report(pay, undefined);
                assertEquals(reportBefore(r).encode(), RecordJson.encode(ReportView.of(r)));
            }
        }
    }

    static JsonObject studyBefore(StudyService.Study st) {
        StudyRow s = st.row();
        StudyProgress p = st.progress();
        return new JsonObject()
                .put("id", s.id()).put("project_id", s.projectId()).put("name", s.name()).put("tier", s.tier().getLiteral())
                .put("status", s.status().getLiteral())
                .put("protocol", protocolBefore(s))
                .put("pay", s.payUnit() == null ? null : new JsonObject().put("unit", s.payUnit()).put("amount", s.payAmount())
                        .put("currency", s.currency()))
                .put("progress", new JsonObject().put("recruited", p.recruited()).put("trained", p.trained())
                        .put("qualification_finished", p.qualificationFinished()).put("waiting", p.waiting())
                        .put("qualified", p.qualified()).put("not_qualified", p.notQualified())
                        .put("participating", p.participating()).put("votes_answered", p.votesAnswered())
                        .put("votes_needed", p.votesNeeded()).put("items_complete", p.itemsComplete()))
                .put("created_at", s.createdAt().toInstant())
                .put("stopped_at", s.stoppedAt() == null ? null : s.stoppedAt().toInstant());
    }

    static JsonObject protocolBefore(StudyRow s) {
        return new JsonObject().put("training_n", s.trainingN()).put("qualification_m", s.qualificationM())
                .put("measurement_k", s.measurementK()).put("votes_v", s.votesV()).put("pass_rule", s.passRule())
                .put("pass_accuracy", s.passAccuracy()).put("qualification_quorum", s.qualificationQuorum())
                .put("sampling", s.sampling()).put("seed", s.seed()).put("reference", "gold");
    }

    static JsonObject reportBefore(StudyReport r) {
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
                .put("study", studyBefore(new StudyService.Study(r.study(), p)))
                .put("annotators", new JsonObject().put("recruited", p.recruited()).put("trained", p.trained())
                        .put("qualified", p.qualified()).put("not_qualified", p.notQualified()).put("waiting", p.waiting())
                        .put("participating", p.participating())
                        .put("qualification_scores", new JsonObject().put("n", s.n()).put("min", num(s.min())).put("q1", num(s.q1()))
                                .put("median", num(s.median())).put("q3", num(s.q3())).put("max", num(s.max()))
                                .put("threshold", num(s.threshold())).put("histogram", histogram)))
                .put("protocol", protocolBefore(r.study())
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
