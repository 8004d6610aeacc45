-- Task assignment. One row per slot: an item with crowd overlap 3 has 3 crowd slot rows. A slot is free, leased
-- (lease_id set and expires_at in the future) or filled (answer_id set). An expired lease is simply a free slot:
-- queries compare expires_at with now(), so nothing has to clean up after annotators who walk away.

ALTER TABLE items
    ADD COLUMN escalated_at      timestamptz,
    ADD COLUMN escalation_reason text;

CREATE TABLE slots (
    project_id    bigint      NOT NULL,
    item_id       bigint      NOT NULL,
    tier          text        NOT NULL CHECK (tier IN ('crowd', 'expert')),
    slot_no       int         NOT NULL CHECK (slot_no >= 1),
    -- Copies of items.priority/seq so that the queue is one index walk; hard-case scoring updates both.
    priority      double precision NOT NULL DEFAULT 0,
    seq           bigint      NOT NULL,
    -- Set on every slot of an item once one is taken (breadth_first): items in progress sort before new ones.
    started       boolean     NOT NULL DEFAULT false,
    lease_id      uuid,
    annotator_id  bigint,
    expires_at    timestamptz,
    answer_id     bigint,
    PRIMARY KEY (project_id, item_id, tier, slot_no),
    FOREIGN KEY (project_id, item_id) REFERENCES items (project_id, id) ON DELETE CASCADE
);
-- The queue: open slots (not filled) in serving order. Filled slots leave the index, so it stays small.
CREATE INDEX slots_queue ON slots (project_id, tier, started DESC, priority DESC, seq, slot_no) WHERE answer_id IS NULL;
-- No annotator ever holds or fills two slots of one item, even with concurrent requests from two processes.
CREATE UNIQUE INDEX slots_one_per_annotator ON slots (project_id, item_id, annotator_id) WHERE annotator_id IS NOT NULL;

CREATE TABLE leases (
    project_id    bigint      NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    id            uuid        NOT NULL,
    item_id       bigint      NOT NULL,
    annotator_id  bigint      NOT NULL REFERENCES users (id),
    tier          text        NOT NULL CHECK (tier IN ('crowd', 'expert')),
    slot_no       int,        -- null for a gold check, which is served outside the item's slots
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    closed_at     timestamptz,
    outcome       text        CHECK (outcome IN ('answered', 'skipped', 'released')),
    PRIMARY KEY (project_id, id),
    FOREIGN KEY (project_id, item_id) REFERENCES items (project_id, id) ON DELETE CASCADE
);
CREATE INDEX leases_open ON leases (project_id, annotator_id, item_id) WHERE closed_at IS NULL;

CREATE TABLE skips (
    project_id    bigint      NOT NULL,
    item_id       bigint      NOT NULL,
    annotator_id  bigint      NOT NULL REFERENCES users (id),
    reason        text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, item_id, annotator_id),
    FOREIGN KEY (project_id, item_id) REFERENCES items (project_id, id) ON DELETE CASCADE
);

-- "Has this annotator answered this item?" and "answers today" are asked on every next-task.
DROP INDEX answers_project_item;
DROP INDEX answers_project_annotator;
CREATE INDEX answers_project_item_annotator ON answers (project_id, item_id, annotator_id);
CREATE INDEX answers_project_annotator_created ON answers (project_id, annotator_id, created_at);
-- Gold checks are drawn from this short list.
CREATE INDEX items_project_gold ON items (project_id, seq) WHERE gold IS NOT NULL;
