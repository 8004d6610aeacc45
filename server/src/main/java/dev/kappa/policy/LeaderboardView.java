package dev.kappa.policy;

import dev.kappa.analysis.EstimateView;
import dev.kappa.baseline.ReferenceDescriptions;
import dev.kappa.project.EvaluationPolicy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The leaderboard as a response shows it: entries in rank order, unranked last, then the outcome in words. */
public record LeaderboardView(long projectId, ReferenceShown reference, EvaluationPolicy policy, String objective,
                              String scope, BootstrapShown bootstrap, List<EntryRow> entries, String outcome,
                              BestRun bestRun, List<TiedRun> tiedRuns, String message) {
    public record ReferenceShown(String kind, String description) {
    }

    public record BootstrapShown(int resamples, long seed) {
    }

    /** {@code rank} is null for an entry without a value for the objective; {@code run_id} is null for a tier. */
    public record EntryRow(Integer rank, String kind, Long runId, String name, EstimateView objective, boolean passes,
                           List<Failed> failed, List<String> notApplicable, List<String> tiedWith,
                           Map<String, EstimateView> metrics) {
    }

    public record Failed(String metric, EvaluationPolicy.Bound bound, Double value, String reason) {
    }

    public record BestRun(Long runId, String name, Double objective) {
    }

    public record TiedRun(Long runId, String name) {
    }

    static LeaderboardView of(PolicyService.Ranking r) {
        Leaderboard.Ranked best = r.result().best();
        String reference = r.baseline().report().reference();
        return new LeaderboardView(r.baseline().projectId(),
                new ReferenceShown(reference, ReferenceDescriptions.describe(reference)), r.policy(),
                Leaderboard.objectiveName(r.policy()), LeaderboardEntries.SCOPE,
                new BootstrapShown(r.baseline().report().options().resamples(), r.baseline().report().options().seed()),
                r.result().entries().stream().map(LeaderboardView::entry).toList(), r.result().outcome(),
                best == null ? null : new BestRun(best.entry().runId(), best.entry().name(), EstimateView.number(best.objective())),
                r.result().tied().stream().map(t -> new TiedRun(t.entry().runId(), t.entry().name())).toList(),
                r.result().message());
    }

    private static EntryRow entry(Leaderboard.Ranked e) {
        Map<String, EstimateView> metrics = new LinkedHashMap<>();
        e.entry().metrics().forEach((m, v) -> metrics.put(m, e.entry().intervals().containsKey(m)
                ? EstimateView.of(v, e.entry().intervals().get(m), null) : EstimateView.of(v)));
        List<Failed> failed = e.failed().stream().map(f -> new Failed(f.metric(), f.bound(), EstimateView.number(f.value()),
                f.value().defined() ? "outside the bound" : "unknown: " + f.value().reason())).toList();
        EstimateView objective = e.objectiveCi() != null ? EstimateView.of(e.objective(), e.objectiveCi(), null)
                : EstimateView.of(e.objective());
        return new EntryRow(e.rank(), e.entry().kind(), e.entry().runId(), e.entry().name(), objective, e.passes(), failed,
                List.copyOf(e.notApplicable()), List.copyOf(e.tiedWith()), metrics);
    }

}
