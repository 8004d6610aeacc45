-- Items are listed by keyset on seq, so seq must be unique within a project or a page boundary could skip items.
-- Item imports assign it under a per-project lock, after the project's highest seq, in file order.
DROP INDEX items_project_seq;
CREATE UNIQUE INDEX items_project_seq ON items (project_id, seq);
