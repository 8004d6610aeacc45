package dev.kappa.policy;

import dev.kappa.baseline.Csv;
import dev.kappa.project.EvaluationPolicy;

import java.util.ArrayList;
import java.util.List;

/** The leaderboard as CSV: entries in rank order, unranked last, every metric as a value column. */
final class LeaderboardCsv {
    private LeaderboardCsv() {
    }

    static String of(PolicyService.Ranking r) {
        List<String> header = new ArrayList<>(List.of("rank", "kind", "run_id", "name", "objective", "objective_low",
                "objective_high", "passes", "failed", "tied_with", "reference"));
        header.addAll(EvaluationPolicy.METRICS);
        Csv csv = new Csv(header);
        for (Leaderboard.Ranked e : r.result().entries()) {
            csv.cell(e.rank()).cell(e.entry().kind()).cell(e.entry().runId()).cell(e.entry().name())
                    .estimate(e.objective(), e.objectiveCi()).cell(e.passes())
                    .cell(String.join(";", e.failed().stream().map(Leaderboard.Failure::metric).toList()))
                    .cell(String.join(";", e.tiedWith())).cell(r.baseline().report().reference());
            for (String m : EvaluationPolicy.METRICS) {
                csv.estimate(e.entry().metrics().get(m));
            }
            csv.end();
        }
        return csv.toString();
    }
}
