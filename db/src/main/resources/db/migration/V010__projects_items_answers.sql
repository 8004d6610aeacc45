-- The core data. Every table that grows with the data carries project_id and is indexed by it first, so hot
-- queries filter on one project and the data can later be distributed by project (e.g. Citus) without redesign:
-- their primary and foreign keys all lead with project_id, as a distributed table's must.

CREATE TABLE projects (
    id                        bigserial PRIMARY KEY,
    name                      text        NOT NULL,
    description               text        NOT NULL DEFAULT '',
    instructions              text        NOT NULL DEFAULT '',
    -- {"kind": "single"|"multi"|"rating", "labels": [{"key","name","hotkey"}...]} (rating: labels are the scale 1..k)
    schema                    jsonb       NOT NULL,
    overlap_crowd             int         NOT NULL DEFAULT 3 CHECK (overlap_crowd BETWEEN 0 AND 100),
    overlap_expert            int         NOT NULL DEFAULT 1 CHECK (overlap_expert BETWEEN 0 AND 100),
    -- Open expert slots on every item, not only on escalated items and the baseline sample.
    expert_on_all             boolean     NOT NULL DEFAULT false,
    gold_rate                 double precision NOT NULL DEFAULT 0 CHECK (gold_rate BETWEEN 0 AND 1),
    baseline_sample_rate      double precision NOT NULL DEFAULT 0 CHECK (baseline_sample_rate BETWEEN 0 AND 1),
    lease_ttl_seconds         int         NOT NULL DEFAULT 600 CHECK (lease_ttl_seconds BETWEEN 10 AND 86400),
    -- Escalate when the crowd's majority share on an item is below this (0 = never for disagreement).
    escalation_min_agreement  double precision NOT NULL DEFAULT 0.7 CHECK (escalation_min_agreement BETWEEN 0 AND 1),
    escalate_on_gold_conflict boolean     NOT NULL DEFAULT true,
    breadth_first             boolean     NOT NULL DEFAULT true,
    pre_annotation            boolean     NOT NULL DEFAULT false,
    hourly_rate_crowd         double precision CHECK (hourly_rate_crowd >= 0),
    hourly_rate_expert        double precision CHECK (hourly_rate_expert >= 0),
    daily_quota               int         CHECK (daily_quota > 0),
    created_by                bigint      REFERENCES users (id),
    created_at                timestamptz NOT NULL DEFAULT now(),
    updated_at                timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE project_members (
    project_id  bigint      NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_id     bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    added_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, user_id)
);
CREATE INDEX project_members_user ON project_members (user_id);

CREATE TABLE items (
    project_id   bigint      NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    id           bigserial,
    external_id  text        NOT NULL,
    data         jsonb       NOT NULL,
    gold         jsonb,
    meta         jsonb,
    -- Import order; the default queue order. Re-importing an item keeps its place.
    seq          bigint      NOT NULL,
    -- Higher first; hard-case mining writes it. Default 0 keeps import order.
    priority     double precision NOT NULL DEFAULT 0,
    -- Uniform in [0,1), fixed per item: the item is in the baseline sample while sample_key < the project's rate,
    -- so changing the rate grows or shrinks the sample without re-drawing it.
    sample_key   double precision NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, id),
    UNIQUE (project_id, external_id)
);
CREATE INDEX items_project_seq ON items (project_id, seq);

CREATE TABLE answers (
    project_id   bigint      NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    id           bigserial,
    item_id      bigint      NOT NULL,
    annotator_id bigint      NOT NULL REFERENCES users (id),
    -- The tier the annotator had when answering; later tier changes do not rewrite history.
    tier         text        NOT NULL CHECK (tier IN ('crowd', 'expert')),
    label        jsonb       NOT NULL,
    duration_ms  int         CHECK (duration_ms >= 0),   -- measured in the browser (or imported)
    server_ms    int         CHECK (server_ms >= 0),     -- lease granted -> answer received, measured by the server
    source       text        NOT NULL DEFAULT 'live' CHECK (source IN ('live', 'import')),
    lease_id     uuid,                                   -- live answers only
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, id),
    FOREIGN KEY (project_id, item_id) REFERENCES items (project_id, id) ON DELETE CASCADE,
    -- One answer per lease: this is what makes a retried submit idempotent.
    UNIQUE (project_id, lease_id)
);
CREATE INDEX answers_project_item ON answers (project_id, item_id);
CREATE INDEX answers_project_annotator ON answers (project_id, annotator_id);
CREATE INDEX answers_project_created ON answers (project_id, created_at);

CREATE TABLE model_runs (
    project_id   bigint      NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    id           bigserial,
    model        text        NOT NULL,
    version      text        NOT NULL,
    latency_ms   double precision CHECK (latency_ms >= 0),
    size_mb      double precision CHECK (size_mb >= 0),
    cost_per_1k  double precision CHECK (cost_per_1k >= 0),
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, id),
    UNIQUE (project_id, model, version)
);

CREATE TABLE predictions (
    project_id   bigint      NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    run_id       bigint      NOT NULL,
    item_id      bigint      NOT NULL,
    label        jsonb       NOT NULL,
    probs        jsonb,       -- {"label key": probability}
    score        double precision,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, run_id, item_id),
    FOREIGN KEY (project_id, run_id) REFERENCES model_runs (project_id, id) ON DELETE CASCADE,
    FOREIGN KEY (project_id, item_id) REFERENCES items (project_id, id) ON DELETE CASCADE
);
CREATE INDEX predictions_project_item ON predictions (project_id, item_id);
