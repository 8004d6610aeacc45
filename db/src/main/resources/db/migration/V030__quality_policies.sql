-- A project's quality policy: when an annotator's gold accuracy is too low (flag, and optionally pause them), and the
-- tier weights of the weighted-majority consensus. A project without a row uses the defaults below.
CREATE TABLE quality_policies (
    project_id         bigint           PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
    -- Flag an annotator whose accuracy on gold items is below this once they have answered min_gold_items of them.
    min_gold_accuracy  double precision NOT NULL DEFAULT 0.7 CHECK (min_gold_accuracy BETWEEN 0 AND 1),
    min_gold_items     int              NOT NULL DEFAULT 10 CHECK (min_gold_items BETWEEN 1 AND 100000),
    -- Set flagged annotators' users.status to 'paused' (they get no new tasks until an admin reactivates them).
    auto_pause         boolean          NOT NULL DEFAULT false,
    crowd_weight       double precision NOT NULL DEFAULT 1 CHECK (crowd_weight >= 0 AND crowd_weight <= 1000),
    expert_weight      double precision NOT NULL DEFAULT 2 CHECK (expert_weight >= 0 AND expert_weight <= 1000),
    updated_at         timestamptz      NOT NULL DEFAULT now(),
    CHECK (crowd_weight + expert_weight > 0)
);

-- Each automatic pause, with the evidence it was based on. An admin who reactivates the annotator is not overruled:
-- the same project pauses them again only after they have answered more gold items than at the last pause.
CREATE TABLE quality_pauses (
    project_id     bigint           NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_id        bigint           NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    paused_at      timestamptz      NOT NULL DEFAULT now(),
    gold_items     int              NOT NULL,
    gold_accuracy  double precision NOT NULL,
    PRIMARY KEY (project_id, user_id, paused_at)
);
