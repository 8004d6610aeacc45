package dev.kappa.baseline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.kappa.analysis.EstimateView;
import dev.kappa.stats.Estimate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The baseline as a response shows it, snake_case, never NaN: a metric is {@code {"value": .., "ci": [low, high]}}, and
 * a metric without a value is {@code {"value": null, "reason": ".."}} (thin rows say so on every metric and at the
 * row). Per-class maps keep the schema's label order.
 */
public record BaselineView(long projectId, String kind, List<String> classes, ReferenceShown reference,
                           BootstrapShown bootstrap, int minItems, int nAnswers, int ignoredAnswers, List<TierRow> tiers,
                           ConsensusOfK consensusOfK, List<RunRow> runs, GapShown gap) {
    static final String NO_RESAMPLES = "no bootstrap asked (resamples=0)";

    public record ReferenceShown(String kind, String description, int nItems) {
    }

    public record BootstrapShown(int resamples, long seed, double level, String unit) {
    }

    /** The row's thin flag (and why), its headline metrics and its per-class metrics. */
    public record Scored(boolean thin, @JsonInclude(JsonInclude.Include.NON_NULL) String reason, EstimateView accuracy,
                         EstimateView macroF1, EstimateView cohenKappa, Map<String, ClassScores> perClass) {
    }

    public record ClassScores(EstimateView precision, EstimateView recall, EstimateView f1, Double support) {
    }

    public record TierRow(String tier, boolean leaveOneOut, int nItems, int nAnswers, int nAnnotators,
                          @JsonUnwrapped Scored scores, SecondsPerLabel secondsPerLabel, CostPerLabel costPerLabel,
                          List<RunRow> models) {
    }

    public record SecondsPerLabel(EstimateView.Point median, EstimateView.Point mean, int nTimed) {
    }

    public record CostPerLabel(Double value, @JsonInclude(JsonInclude.Include.NON_NULL) String reason, Double hourlyRate) {
    }

    public record ConsensusRow(int k, int nItems, int nAnnotators, EstimateView.Point secondsPerItem,
                               EstimateView.Point costPerItem, @JsonUnwrapped Scored scores) {
    }

    public record ConsensusOfK(String tier, String rule, List<ConsensusRow> rows, Match crowdAnswersToMatchOneExpert) {
    }

    public record Match(Integer k, String metric, Double expertAccuracy, String reason) {
    }

    public record Run(long runId, String model, String version, Double latencyMs, Double sizeMb,
                      @JsonProperty("cost_per_1k") Double costPer1k) {
    }

    /** A run on a tier's items, or on every item. */
    public record RunRow(@JsonUnwrapped Run run, int nItems, int missingPredictions, @JsonUnwrapped Scored scores) {
    }

    public record GapShown(String versus, String definition, List<GapRow> runs) {
    }

    public record GapRow(@JsonUnwrapped Run run, EstimateView accuracy, EstimateView macroF1, EstimateView cohenKappa,
                         Map<String, GapClass> perClass, Shortfall largestF1Shortfall) {
    }

    public record GapClass(EstimateView precision, EstimateView recall, EstimateView f1) {
    }

    public record Shortfall(@JsonProperty("class") String label, double f1) {
    }

    public static BaselineView of(Baseline b) {
        BaselineReport r = b.report();
        BaselineOptions o = r.options();
        List<ConsensusRow> k = new ArrayList<>();
        for (BaselineReport.ConsensusRow row : r.consensus()) {
            k.add(new ConsensusRow(row.k(), row.nItems(), row.nAnnotators(), EstimateView.of(row.secondsPerItem()),
                    EstimateView.of(row.costPerItem()), scored(b, row.scores())));
        }
        BaselineReport.Match m = r.votesToMatchExpert();
        ConsensusOfK consensus = new ConsensusOfK("crowd", "majority of k crowd answers per item, every k-subset (up to "
                + Subsets.MAX_SUBSETS + " drawn at random) weighing equally; a tie counts each tied label equally (random tie-break)",
                k, new Match(m.k(), "accuracy", EstimateView.number(m.expertAccuracy()), m.reason()));
        List<RunRow> runs = r.runs().stream().map(row -> new RunRow(run(b, row.run()), row.nItems(), row.missing(),
                scored(b, row.scores()))).toList();
        List<GapRow> gaps = r.gaps().stream().map(g -> gap(b, g)).toList();
        return new BaselineView(b.projectId(), b.space().kind(), List.copyOf(b.space().keys()),
                new ReferenceShown(r.reference(), ReferenceDescriptions.describe(r.reference()), r.referenceItems()),
                new BootstrapShown(o.resamples(), o.seed(), o.level(), "item"), o.minItems(), b.answers(), b.ignoredAnswers(),
                List.of(tier(b, r.crowd()), tier(b, r.expert())), consensus, runs,
                new GapShown(r.gapVersus(), "run minus the best tier (higher macro-F1), both on that tier's items against the same "
                        + "references; negative means the run trails people", gaps));
    }

    static Run run(Baseline b, int index) {
        ModelRun m = b.runs().get(index);
        return new Run(m.id(), m.model(), m.version(), m.latencyMs(), m.sizeMb(), m.costPer1k());
    }

    private static TierRow tier(Baseline b, BaselineReport.Tier t) {
        EstimateView.Point cost = EstimateView.of(t.costPerLabel());
        return new TierRow(t.tier(), t.leaveOneOut(), t.nItems(), t.nAnswers(), t.nAnnotators(), scored(b, t.scores()),
                new SecondsPerLabel(EstimateView.of(t.medianSeconds()), EstimateView.of(t.meanSeconds()), t.nTimed()),
                new CostPerLabel(cost.value(), cost.reason(), t.tier().equals("expert") ? b.hourlyRateExpert() : b.hourlyRateCrowd()),
                t.models().stream().map(m -> new RunRow(run(b, m.run()), m.nItems(), m.missing(), scored(b, m.scores()))).toList());
    }

    private static GapRow gap(Baseline b, BaselineReport.Gap g) {
        BaselineReport.Scores s = g.difference();
        Map<String, GapClass> perClass = new LinkedHashMap<>();
        String worst = null;
        double worstF1 = Double.POSITIVE_INFINITY;
        for (int c = 0; c < b.space().size(); c++) {
            String key = b.space().keys().get(c);
            perClass.put(key, new GapClass(metric(s, RowMetrics.precision(c)), metric(s, RowMetrics.recall(c)),
                    metric(s, RowMetrics.f1(c))));
            Estimate f1 = s.metric(RowMetrics.f1(c));
            if (f1.defined() && f1.value() < worstF1) {
                worstF1 = f1.value();
                worst = key;
            }
        }
        return new GapRow(run(b, g.run()), metric(s, RowMetrics.ACCURACY), metric(s, RowMetrics.MACRO_F1),
                metric(s, RowMetrics.KAPPA), perClass, worst == null ? null : new Shortfall(worst, worstF1));
    }

    static Scored scored(Baseline b, BaselineReport.Scores s) {
        Map<String, ClassScores> perClass = new LinkedHashMap<>();
        for (int c = 0; c < b.space().size(); c++) {
            perClass.put(b.space().keys().get(c), new ClassScores(metric(s, RowMetrics.precision(c)),
                    metric(s, RowMetrics.recall(c)), metric(s, RowMetrics.f1(c)),
                    s.thin() ? null : EstimateView.number(s.support()[c])));
        }
        return new Scored(s.thin(), s.thin() ? s.thinReason() : null, metric(s, RowMetrics.ACCURACY),
                metric(s, RowMetrics.MACRO_F1), metric(s, RowMetrics.KAPPA), perClass);
    }

    static EstimateView metric(BaselineReport.Scores s, int index) {
        return EstimateView.of(s.metric(index), s.interval(index), s.thin() ? s.thinReason() : NO_RESAMPLES);
    }
}
