-- Adaptive crowd overlap (issue 14). When an item's crowd answers reach its overlap and the majority share is below
-- adaptive_min_agreement, one more crowd slot opens, up to adaptive_max_crowd crowd answers; only then does the usual
-- escalation rule send it to experts. Both null: off (fixed overlap).
ALTER TABLE projects
    ADD COLUMN adaptive_max_crowd     int              CHECK (adaptive_max_crowd BETWEEN 1 AND 100),
    ADD COLUMN adaptive_min_agreement double precision CHECK (adaptive_min_agreement BETWEEN 0 AND 1),
    ADD CONSTRAINT projects_adaptive_overlap_whole CHECK ((adaptive_max_crowd IS NULL) = (adaptive_min_agreement IS NULL));

-- Crowd slots opened on an item beyond the project's crowd overlap: its crowd overlap is overlap_crowd + extra_crowd.
-- Kept on the item (not derived from its slot rows) so progress can say how many items got extra votes, and so
-- lowering the project's overlap later never makes an item forget the votes it was given.
ALTER TABLE items ADD COLUMN extra_crowd int NOT NULL DEFAULT 0 CHECK (extra_crowd >= 0);
