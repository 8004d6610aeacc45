package dev.kappa.policy;

import dev.kappa.baseline.Baseline;
import dev.kappa.baseline.BaselineOptions;
import dev.kappa.baseline.BaselineReport;
import dev.kappa.http.RecordJson;
import dev.kappa.project.EvaluationPolicy;
import dev.kappa.stats.Bootstrap;
import dev.kappa.stats.Estimate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The leaderboard and policy records write the bytes {@link LeaderboardJson} (before issue 16, kept in the tests) wrote. */
class LeaderboardViewJsonTest {
    static final Baseline BASELINE = new Baseline(9, null, List.of(), 0, 0, null, null, new BaselineReport("expert", 40, 2,
            new BaselineOptions(200, 5, 0.95, 1, 3, null, null, false), null, null, List.of(), null, List.of(), null, List.of()));

    static Leaderboard.Entry withIntervals(Leaderboard.Entry e) {
        Map<String, Bootstrap.Interval> ci = new LinkedHashMap<>();
        Estimate f1 = e.metrics().get("macro_f1");
        ci.put("macro_f1", new Bootstrap.Interval(f1, Estimate.of(f1.value() - 0.1), Estimate.of(f1.value() + 0.05), 0.95, 200, 200, 5));
        ci.put("accuracy", new Bootstrap.Interval(f1, Estimate.undefined("too few resamples"), Estimate.of(1), 0.95, 200, 3, 5));
        return new Leaderboard.Entry(e.kind(), e.runId(), e.name(), e.metrics(), ci, e.notApplicable());
    }

    @Test
    @DisplayName("best, tie, every run failing, unscored and no runs, optimised or weighted, with and without intervals")
    void sameBytes() {
        Map<String, Double> weights = new LinkedHashMap<>();
        weights.put("macro_f1", 1.0);
        weights.put("latency_ms", -0.001);
        Map<String, EvaluationPolicy.Bound> both = EvaluationPolicy.ordered(Map.of("accuracy", new EvaluationPolicy.Bound(0.5, 1.0),
                "latency_ms", new EvaluationPolicy.Bound(null, 50.0), "size_mb", new EvaluationPolicy.Bound(1.0, null)));
        List<EvaluationPolicy> policies = List.of(LeaderboardTest.MAX_F1, EvaluationPolicy.DEFAULT,
                new EvaluationPolicy(null, weights, both, "expert", false), new EvaluationPolicy("latency_ms", null, both, "consensus", false));
        List<List<Leaderboard.Entry>> boards = List.of(
                List.of(LeaderboardTest.run(1, 0.90, 80.0, 0.05), withIntervals(LeaderboardTest.run(2, 0.85, 20.0, 0.08)),
                        LeaderboardTest.run(3, 0.70, null, 0.01), LeaderboardTest.people("expert \"tier\"", 0.95, 30000, 2000)),
                List.of(LeaderboardTest.run(1, 0.8, 20.0, 0.05), LeaderboardTest.run(2, 0.8, 30.0, 0.02), LeaderboardTest.run(3, 0.9, 90.0, 0.01)),
                List.of(LeaderboardTest.run(1, 0.8, 90.0, 0.5), LeaderboardTest.run(2, 0.7, null, null)),
                List.of(withIntervals(LeaderboardTest.people("crowd", 0.7, 4000, 30))),
                List.of());
        for (EvaluationPolicy p : policies) {
            for (List<Leaderboard.Entry> entries : boards) {
                PolicyService.Ranking r = new PolicyService.Ranking(p, BASELINE, Leaderboard.rank(entries, p));
                assertEquals(LeaderboardJson.of(r).encode(), RecordJson.encode(LeaderboardView.of(r)), p + " " + r.result().outcome());
            }
            assertEquals(LeaderboardJson.policy(p).encode(), RecordJson.encode(p));
            assertEquals(LeaderboardJson.policy(p).getJsonObject("thresholds").encode(), RecordJson.encode(p.thresholds()),
                    "the stored thresholds");
        }
    }

    @Test
    @DisplayName("a failed bound in the all-fail message reads as before")
    void failureMessage() {
        Leaderboard.Result r = Leaderboard.rank(List.of(LeaderboardTest.run(1, 0.8, 90.0, 0.5)), LeaderboardTest.MAX_F1);
        assertEquals("Every model run fails a threshold: run1 (latency_ms 90.0 outside {\"max\":50.0}, cost_per_1k 0.5 outside {\"max\":0.1}).",
                r.message());
    }
}
