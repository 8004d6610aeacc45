-- Human-baseline studies (issue 19): a protocol run inside a project for one tier. Training and qualification items
-- are gold items; measurement items are items with a reference (gold) label, drawn when the study is created. Study
-- tasks are ordinary leases and their answers ordinary answers (so submit's guarantees hold unchanged); study_tasks
-- says which lease served which study phase. Every table carries project_id first, like the rest of the schema.

CREATE TABLE baseline_studies (
    project_id            bigint      NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    id                    bigserial,
    name                  text        NOT NULL,
    tier                  text        NOT NULL CHECK (tier IN ('crowd', 'expert')),
    status                text        NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'stopped')),
    training_n            int         NOT NULL CHECK (training_n BETWEEN 0 AND 1000),
    qualification_m       int         NOT NULL CHECK (qualification_m BETWEEN 0 AND 1000),
    measurement_k         int         NOT NULL CHECK (measurement_k BETWEEN 1 AND 100000),
    votes_v               int         NOT NULL CHECK (votes_v BETWEEN 1 AND 100),
    -- 'fixed': pass at or above pass_accuracy; 'median': at or above the median score of those who finished it.
    pass_rule             text        NOT NULL CHECK (pass_rule IN ('fixed', 'median')),
    pass_accuracy         double precision CHECK (pass_accuracy BETWEEN 0 AND 1),
    -- Median rule: no decision until this many annotators have finished qualification.
    qualification_quorum  int         NOT NULL DEFAULT 1 CHECK (qualification_quorum BETWEEN 1 AND 10000),
    sampling              text        NOT NULL CHECK (sampling IN ('random', 'stratified')),
    seed                  bigint      NOT NULL,
    pay_unit              text        CHECK (pay_unit IN ('hour', 'item')),
    pay_amount            double precision CHECK (pay_amount >= 0),
    currency              text,
    created_by            bigint      REFERENCES users (id),
    created_at            timestamptz NOT NULL DEFAULT now(),
    stopped_at            timestamptz,
    PRIMARY KEY (project_id, id)
);
CREATE INDEX baseline_studies_running ON baseline_studies (project_id, tier, id) WHERE status = 'running';

CREATE TABLE study_items (
    project_id  bigint NOT NULL,
    study_id    bigint NOT NULL,
    phase       text   NOT NULL CHECK (phase IN ('training', 'qualification', 'measurement')),
    position    int    NOT NULL,
    item_id     bigint NOT NULL,
    PRIMARY KEY (project_id, study_id, phase, position),
    UNIQUE (project_id, study_id, item_id),
    FOREIGN KEY (project_id, study_id) REFERENCES baseline_studies (project_id, id) ON DELETE CASCADE,
    FOREIGN KEY (project_id, item_id) REFERENCES items (project_id, id) ON DELETE CASCADE
);

CREATE TABLE study_annotators (
    project_id           bigint      NOT NULL,
    study_id             bigint      NOT NULL,
    annotator_id         bigint      NOT NULL REFERENCES users (id),
    joined_at            timestamptz NOT NULL DEFAULT now(),
    -- Set when the annotator has finished qualification (correct / qualification items served).
    qualification_score  double precision,
    qualification_done   timestamptz,
    -- Set once, by the pass rule; never revised, so nobody is admitted or dropped after the fact.
    qualified            boolean,
    decided_at           timestamptz,
    -- When a failed annotator was told (once); afterwards the project's own queue serves them.
    told_at              timestamptz,
    PRIMARY KEY (project_id, study_id, annotator_id),
    FOREIGN KEY (project_id, study_id) REFERENCES baseline_studies (project_id, id) ON DELETE CASCADE
);

CREATE TABLE study_tasks (
    project_id    bigint      NOT NULL,
    study_id      bigint      NOT NULL,
    lease_id      uuid        NOT NULL,
    item_id       bigint      NOT NULL,
    annotator_id  bigint      NOT NULL,
    phase         text        NOT NULL CHECK (phase IN ('training', 'qualification', 'measurement')),
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, lease_id),
    -- Nobody sees an item of a study twice, even with two processes serving at once.
    UNIQUE (project_id, study_id, item_id, annotator_id),
    FOREIGN KEY (project_id, study_id) REFERENCES baseline_studies (project_id, id) ON DELETE CASCADE,
    FOREIGN KEY (project_id, lease_id) REFERENCES leases (project_id, id) ON DELETE CASCADE
);
CREATE INDEX study_tasks_annotator ON study_tasks (project_id, study_id, annotator_id, phase);
CREATE INDEX study_tasks_item ON study_tasks (project_id, study_id, item_id);
