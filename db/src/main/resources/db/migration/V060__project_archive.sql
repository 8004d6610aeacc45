-- Archiving hides a project from annotators and from lists but keeps every row; restoring clears the mark.
-- A timestamp rather than a flag says when it happened (shown in the console), and NULL means "in use".
ALTER TABLE projects ADD COLUMN archived_at timestamptz;
