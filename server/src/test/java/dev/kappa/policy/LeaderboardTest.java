package dev.kappa.policy;

import dev.kappa.project.EvaluationPolicy;
import dev.kappa.stats.Estimate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ranking by an evaluation policy: thresholds, ties, every run failing, weighted sums, and what people lack. */
class LeaderboardTest {
    static final Map<String, EvaluationPolicy.Bound> FAST_AND_CHEAP = EvaluationPolicy.ordered(Map.of(
            "latency_ms", new EvaluationPolicy.Bound(null, 50.0), "cost_per_1k", new EvaluationPolicy.Bound(null, 0.10)));
    static final EvaluationPolicy MAX_F1 = new EvaluationPolicy("macro_f1", null, FAST_AND_CHEAP, "gold", false);

    static Leaderboard.Entry run(long id, double f1, Double latency, Double cost) {
        Map<String, Estimate> m = new LinkedHashMap<>();
        m.put("accuracy", Estimate.of(f1 + 0.05));
        m.put("macro_f1", Estimate.of(f1));
        m.put("cohen_kappa", Estimate.of(f1 - 0.2));
        m.put("latency_ms", latency == null ? Estimate.undefined("not given with the run") : Estimate.of(latency));
        m.put("size_mb", Estimate.of(100));
        m.put("cost_per_1k", cost == null ? Estimate.undefined("not given with the run") : Estimate.of(cost));
        return new Leaderboard.Entry("model", id, "run" + id, m, Map.of(), Set.of());
    }

    static Leaderboard.Entry people(String tier, double f1, double latency, double cost) {
        Map<String, Estimate> m = new LinkedHashMap<>();
        m.put("accuracy", Estimate.of(f1));
        m.put("macro_f1", Estimate.of(f1));
        m.put("cohen_kappa", Estimate.of(f1));
        m.put("latency_ms", Estimate.of(latency));
        m.put("size_mb", Estimate.undefined("does not apply to people"));
        m.put("cost_per_1k", Estimate.of(cost));
        return new Leaderboard.Entry("human", null, tier, m, Map.of(), Set.of("size_mb"));
    }

    static List<String> names(Leaderboard.Result r) {
        return r.entries().stream().map(e -> e.entry().name() + "#" + e.rank()).toList();
    }

    @Test
    @DisplayName("maximise macro-F1 with latency <= 50 and cost <= 0.10: the best run fails latency, so the next one is named")
    void thresholdPolicy() {
        Leaderboard.Result r = Leaderboard.rank(List.of(run(1, 0.90, 80.0, 0.05), run(2, 0.85, 20.0, 0.08),
                run(3, 0.70, 10.0, 0.01), people("expert tier", 0.95, 30000, 2000)), MAX_F1);
        assertEquals(List.of("expert tier#1", "run1#2", "run2#3", "run3#4"), names(r));
        assertEquals("best", r.outcome());
        assertEquals(2L, r.best().entry().runId());
        Leaderboard.Ranked first = r.entries().get(1);
        assertFalse(first.passes());
        assertEquals("latency_ms", first.failed().get(0).metric());
        assertEquals(80.0, first.failed().get(0).value().value());
        Leaderboard.Ranked experts = r.entries().get(0);
        assertFalse(experts.passes(), "people are slow and dear");
        assertEquals(List.of("latency_ms", "cost_per_1k"), experts.failed().stream().map(Leaderboard.Failure::metric).toList());
        assertTrue(r.message().contains("run2"));
    }

    @Test
    @DisplayName("two passing runs with the same objective share the rank and the best is a tie, naming neither")
    void tie() {
        Leaderboard.Result r = Leaderboard.rank(List.of(run(1, 0.8, 20.0, 0.05), run(2, 0.8, 30.0, 0.02),
                run(3, 0.9, 90.0, 0.01)), MAX_F1);
        assertEquals(List.of("run3#1", "run1#2", "run2#2"), names(r));
        assertEquals("tie", r.outcome());
        assertNull(r.best());
        assertEquals(List.of(1L, 2L), r.tied().stream().map(t -> t.entry().runId()).toList());
        assertEquals(List.of("run2"), r.entries().get(1).tiedWith());
    }

    @Test
    @DisplayName("when every run fails a threshold no run is named, and each failure is listed; an unknown metric fails")
    void everyRunFails() {
        Leaderboard.Result r = Leaderboard.rank(List.of(run(1, 0.9, 80.0, 0.05), run(2, 0.8, null, 0.05),
                run(3, 0.7, 10.0, 0.5)), MAX_F1);
        assertEquals("all_fail", r.outcome());
        assertNull(r.best());
        assertTrue(r.entries().stream().noneMatch(Leaderboard.Ranked::passes));
        Leaderboard.Failure unknown = r.entries().get(1).failed().get(0);
        assertEquals("latency_ms", unknown.metric());
        assertFalse(unknown.value().defined());
        assertTrue(r.message().startsWith("Every model run fails a threshold"), r.message());
    }

    @Test
    @DisplayName("lower is better for latency; a weighted sum may penalise; people have no size; no runs is said")
    void directionsAndWeights() {
        EvaluationPolicy fastest = new EvaluationPolicy("latency_ms", null, Map.of(), "gold", false);
        Leaderboard.Result r = Leaderboard.rank(List.of(run(1, 0.9, 80.0, 0.05), run(2, 0.8, 20.0, 0.08)), fastest);
        assertEquals(List.of("run2#1", "run1#2"), names(r));
        EvaluationPolicy weighted = new EvaluationPolicy(null, Map.of("macro_f1", 1.0, "latency_ms", -0.01), Map.of(), "gold", false);
        r = Leaderboard.rank(List.of(run(1, 0.9, 80.0, 0.05), run(2, 0.8, 20.0, 0.08)), weighted);
        assertEquals(0.8 - 0.2, r.best().objective().value(), 1e-12, "0.9 - 0.8 vs 0.8 - 0.2");
        EvaluationPolicy small = new EvaluationPolicy("accuracy", null, Map.of("size_mb", new EvaluationPolicy.Bound(null, 500.0)), "gold", false);
        r = Leaderboard.rank(List.of(people("crowd tier", 0.7, 5000, 20)), small);
        assertEquals("no_runs", r.outcome());
        assertTrue(r.entries().get(0).passes());
        assertEquals(List.of("size_mb"), r.entries().get(0).notApplicable());
        EvaluationPolicy bySize = new EvaluationPolicy(null, Map.of("size_mb", -1.0), Map.of(), "gold", false);
        r = Leaderboard.rank(List.of(people("crowd tier", 0.7, 5000, 20), run(1, 0.9, 1.0, 0.1)), bySize);
        assertEquals(Arrays.asList("run1#1", "crowd tier#null"), names(r), "people cannot be scored on size: unranked, last");
        assertFalse(r.entries().get(1).objective().defined());
    }

    @Test
    @DisplayName("a passing run without an objective value (thin data) is unranked and the outcome says unscored")
    void unscored() {
        Leaderboard.Entry thin = run(1, 0.9, 10.0, 0.01);
        thin.metrics().put("macro_f1", Estimate.undefined("thin data: 3 reference items, fewer than the 30 needed"));
        Leaderboard.Result r = Leaderboard.rank(List.of(thin), MAX_F1);
        assertEquals("unscored", r.outcome());
        assertNull(r.entries().get(0).rank());
        assertTrue(r.message().contains("thin data"), r.message());
    }
}
