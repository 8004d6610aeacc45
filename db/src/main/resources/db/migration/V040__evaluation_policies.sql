-- A project's evaluation policy: how the leaderboard ranks model runs and human tiers (the "threshold n-1 metrics,
-- optimise the nth" of model selection, or a weighted average), and the reference the metrics are measured against.
-- A project without a row ranks by macro-F1 against gold, with no thresholds.
CREATE TABLE evaluation_policies (
    project_id  bigint      PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
    -- the one metric to optimise; null when weights are given instead
    optimize    text        CHECK (optimize IN ('accuracy', 'macro_f1', 'cohen_kappa', 'latency_ms', 'size_mb', 'cost_per_1k')),
    -- {"metric": weight, ...}: rank by the weighted sum; a negative weight penalises (latency, size, cost)
    weights     jsonb       CHECK (weights IS NULL OR jsonb_typeof(weights) = 'object'),
    -- {"metric": {"min": x, "max": y}, ...}: an entry outside a bound fails the policy
    thresholds  jsonb       NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(thresholds) = 'object'),
    reference   text        NOT NULL DEFAULT 'gold' CHECK (reference IN ('gold', 'expert', 'consensus')),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CHECK ((optimize IS NULL) <> (weights IS NULL))
);
