-- Hard-case mining. Each project picks how its queue is ordered (strategy) and which model run the scores follow;
-- a background job turns predictions, answers and gold into per-item signals and a hardness score per model run,
-- and writes the queue priority (items.priority and its copy slots.priority) from them.

CREATE TABLE hardness_settings (
    project_id          bigint           PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
    strategy            text             NOT NULL DEFAULT 'fifo'
                                         CHECK (strategy IN ('fifo', 'random', 'uncertainty', 'hardness')),
    -- The model run the queue follows; null follows the newest run. Not a foreign key: deleting the run falls
    -- back to the newest one instead of deleting the settings.
    run_id              bigint,
    uncertainty         text             NOT NULL DEFAULT 'entropy' CHECK (uncertainty IN ('least_confidence', 'margin', 'entropy')),
    human_disagreement  text             NOT NULL DEFAULT 'entropy' CHECK (human_disagreement IN ('entropy', 'agreement')),
    consensus_method    text             NOT NULL DEFAULT 'majority' CHECK (consensus_method IN ('majority', 'weighted', 'dawid-skene')),
    -- What class weakness (per-class model F1) is measured against.
    reference           text             NOT NULL DEFAULT 'consensus' CHECK (reference IN ('consensus', 'gold')),
    w_uncertainty        double precision NOT NULL DEFAULT 1   CHECK (w_uncertainty BETWEEN 0 AND 1000),
    w_model_disagreement double precision NOT NULL DEFAULT 1   CHECK (w_model_disagreement BETWEEN 0 AND 1000),
    w_human_disagreement double precision NOT NULL DEFAULT 0.5 CHECK (w_human_disagreement BETWEEN 0 AND 1000),
    w_class_weakness     double precision NOT NULL DEFAULT 1   CHECK (w_class_weakness BETWEEN 0 AND 1000),
    w_gold_conflict      double precision NOT NULL DEFAULT 1   CHECK (w_gold_conflict BETWEEN 0 AND 1000),
    -- The random strategy's order is a hash of (seed, item): stable between recomputes, new on each change of seed.
    random_seed         bigint           NOT NULL DEFAULT 0,
    updated_at          timestamptz      NOT NULL DEFAULT now(),
    CHECK (w_uncertainty + w_model_disagreement + w_human_disagreement + w_class_weakness + w_gold_conflict > 0)
);

-- The feed of changed hard cases, per project. Every transaction that writes hard_cases first takes the next number
-- here; the row lock it takes is held until commit, so numbers commit in order: once a reader sees last_seq = n,
-- every row stamped n or less is committed and visible, and any later write gets a larger number. A pull serves rows
-- in (seq, item_id) order up to last_seq, so across concurrent writes it never skips or repeats a row.
-- Why not transaction ids bounded by the oldest running transaction: that bound is cluster-wide, so one long
-- transaction anywhere (a streamed export, a bulk import, another database's batch job) would hold every feed back.
-- Writers of one project's hard cases are serialised by the recompute's advisory lock anyway; this costs nothing.
CREATE TABLE hardness_feed (
    project_id  bigint PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
    last_seq    bigint NOT NULL
);

-- One row per model run and item it predicted. Signals are in [0, 1]; null means the signal cannot be computed for
-- the item (no probabilities, no resolved consensus, fewer than two answers, no class F1, no gold).
CREATE TABLE hard_cases (
    project_id          bigint           NOT NULL,
    run_id              bigint           NOT NULL,
    item_id             bigint           NOT NULL,
    score               double precision NOT NULL,
    uncertainty         double precision,
    model_disagreement  double precision,
    human_disagreement  double precision,
    class_weakness      double precision,
    gold_conflict       double precision,
    reasons             text[]           NOT NULL,
    predicted           text,             -- the model's class key
    consensus           text,             -- the consensus class key; null when unresolved or unanswered
    posterior           jsonb,            -- the consensus support per class key
    answers             int              NOT NULL,
    model_wrong         boolean          NOT NULL,  -- resolved consensus differs from the model's label
    -- A hash of everything above, computed by the writer: a recompute reads (item_id, content_hash) and rewrites
    -- only the rows whose content changed, so an unchanged row keeps its seq and is not served again.
    content_hash        bigint           NOT NULL,
    seq                 bigint           NOT NULL,  -- hardness_feed.last_seq of the transaction that last changed it
    PRIMARY KEY (project_id, run_id, item_id),
    FOREIGN KEY (project_id, run_id) REFERENCES model_runs (project_id, id) ON DELETE CASCADE,
    FOREIGN KEY (project_id, item_id) REFERENCES items (project_id, id) ON DELETE CASCADE
);
CREATE INDEX hard_cases_feed ON hard_cases (project_id, run_id, seq, item_id);
CREATE INDEX hard_cases_rank ON hard_cases (project_id, run_id, score DESC, item_id);

-- Per-class model quality of each run against the reference, as of the last recompute.
CREATE TABLE hardness_classes (
    project_id   bigint           NOT NULL,
    run_id       bigint           NOT NULL,
    class_key    text             NOT NULL,
    f1_score         double precision,  -- null when undefined (no reference and no prediction of the class)
    precision_score  double precision,
    recall_score     double precision,
    support      int              NOT NULL,  -- reference items of the class
    predicted    int              NOT NULL,  -- scored items the model put in the class
    true_pos     int              NOT NULL,
    false_pos    int              NOT NULL,
    false_neg    int              NOT NULL,
    unlabeled    int              NOT NULL,  -- items predicted as the class with no reference yet
    -- The weakness (1 - F1) the item scores use. It follows f1_score only once it has moved by a set step, so that
    -- one new answer does not rewrite the score of every item of the class (and re-sort the whole queue).
    weakness     double precision,
    PRIMARY KEY (project_id, run_id, class_key),
    FOREIGN KEY (project_id, run_id) REFERENCES model_runs (project_id, id) ON DELETE CASCADE
);

-- When a project was last scored, so that a busy project is recomputed at a bounded rate by whichever process
-- gets to it first.
CREATE TABLE hardness_state (
    project_id   bigint      PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
    computed_at  timestamptz NOT NULL,
    duration_ms  int         NOT NULL,
    reference    text        NOT NULL  -- the reference actually used ('consensus' or 'gold'), for the report
);

-- "Something that hardness depends on changed in this project, in this transaction." Written by the triggers below
-- in the writer's own transaction, so a mark is visible exactly when the change is. The recompute deletes only the
-- marks visible in the snapshot it read its inputs from: a change committed during a recompute keeps its mark and
-- is picked up by the next one. One row per (project, transaction): concurrent writers never touch the same row.
CREATE TABLE hardness_marks (
    project_id  bigint      NOT NULL,
    xid         xid8        NOT NULL DEFAULT pg_current_xact_id(),
    PRIMARY KEY (project_id, xid)
);

CREATE FUNCTION hardness_mark_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO hardness_marks (project_id) SELECT DISTINCT project_id FROM changed ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE TRIGGER answers_mark_insert AFTER INSERT ON answers REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION hardness_mark_new();
CREATE TRIGGER answers_mark_update AFTER UPDATE ON answers REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION hardness_mark_new();
CREATE TRIGGER answers_mark_delete AFTER DELETE ON answers REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION hardness_mark_new();
CREATE TRIGGER predictions_mark_insert AFTER INSERT ON predictions REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION hardness_mark_new();
CREATE TRIGGER predictions_mark_update AFTER UPDATE ON predictions REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION hardness_mark_new();
CREATE TRIGGER predictions_mark_delete AFTER DELETE ON predictions REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION hardness_mark_new();
CREATE TRIGGER items_mark_insert AFTER INSERT ON items REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION hardness_mark_new();

-- Items change often for reasons hardness ignores (escalation, and the priority the recompute itself writes, which
-- must not mark the project dirty again); only a change of gold counts.
CREATE FUNCTION hardness_mark_gold() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO hardness_marks (project_id)
    SELECT DISTINCT n.project_id FROM new_items n JOIN old_items o ON o.project_id = n.project_id AND o.id = n.id
    WHERE n.gold IS DISTINCT FROM o.gold
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE TRIGGER items_mark_gold AFTER UPDATE ON items REFERENCING NEW TABLE AS new_items OLD TABLE AS old_items
    FOR EACH STATEMENT EXECUTE FUNCTION hardness_mark_gold();

CREATE FUNCTION hardness_mark_schema() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.schema IS DISTINCT FROM OLD.schema THEN
        INSERT INTO hardness_marks (project_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER projects_mark_schema AFTER UPDATE OF schema ON projects
    FOR EACH ROW EXECUTE FUNCTION hardness_mark_schema();
