package dev.kappa.policy;

import dev.kappa.baseline.Baseline;
import dev.kappa.baseline.BaselineReport;
import dev.kappa.baseline.ModelRun;
import dev.kappa.stats.Bootstrap;
import dev.kappa.stats.Estimate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Leaderboard entries from a baseline. A model run is scored on every answered item with a reference (a missing
 * prediction is wrong), with its run metrics as reported. A human tier is its tier row (one random annotator per
 * item, on the items the tier answered); its latency is the mean time per label and its cost per 1k labels comes from
 * the hourly rate. Size does not apply to people.
 */
final class LeaderboardEntries {
    static final String SCOPE = "model runs: every answered item with a reference label (a missing prediction counts "
            + "as wrong); human tiers: one random annotator per item on the items the tier answered; latency_ms of a "
            + "tier is its mean time per label and cost_per_1k its cost per 1,000 labels at the project's hourly rate";

    private LeaderboardEntries() {
    }

    static List<Leaderboard.Entry> of(Baseline b) {
        BaselineReport r = b.report();
        List<Leaderboard.Entry> out = new ArrayList<>();
        for (BaselineReport.RunRow row : r.runs()) {
            ModelRun m = b.runs().get(row.run());
            Map<String, Estimate> metrics = quality(row.scores());
            metrics.put("latency_ms", given(m.latencyMs()));
            metrics.put("size_mb", given(m.sizeMb()));
            metrics.put("cost_per_1k", given(m.costPer1k()));
            out.add(new Leaderboard.Entry("model", m.id(), m.name(), metrics, intervals(row.scores()), Set.of()));
        }
        for (BaselineReport.Tier t : List.of(r.crowd(), r.expert())) {
            Map<String, Estimate> metrics = quality(t.scores());
            metrics.put("latency_ms", times(t.meanSeconds(), 1000));
            metrics.put("size_mb", Estimate.undefined("does not apply to people"));
            metrics.put("cost_per_1k", times(t.costPerLabel(), 1000));
            out.add(new Leaderboard.Entry("human", null, t.tier() + " tier", metrics, intervals(t.scores()), Set.of("size_mb")));
        }
        return out;
    }

    private static Map<String, Estimate> quality(BaselineReport.Scores s) {
        Map<String, Estimate> m = new LinkedHashMap<>();
        m.put("accuracy", s.metric(0));
        m.put("macro_f1", s.metric(1));
        m.put("cohen_kappa", s.metric(2));
        return m;
    }

    private static Map<String, Bootstrap.Interval> intervals(BaselineReport.Scores s) {
        Map<String, Bootstrap.Interval> m = new LinkedHashMap<>();
        String[] names = {"accuracy", "macro_f1", "cohen_kappa"};
        for (int x = 0; x < 3; x++) {
            if (s.interval(x) != null) {
                m.put(names[x], s.interval(x));
            }
        }
        return m;
    }

    private static Estimate given(Double v) {
        return v == null ? Estimate.undefined("not given with the run") : Estimate.of(v);
    }

    private static Estimate times(Estimate e, double factor) {
        return e.defined() ? Estimate.of(e.value() * factor) : e;
    }
}
