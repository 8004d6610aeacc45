-- Project roles for engineers (issue 15, defect 10): a project is managed by the engineer who created it and by
-- the engineers added as its managers; engineers see and manage only those projects, admins every project.
CREATE TABLE project_managers (
    project_id bigint      NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    added_by   bigint      REFERENCES users (id) ON DELETE SET NULL,
    added_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, user_id)
);
-- "Which projects does this engineer manage": the project list and every access check for engineers.
CREATE INDEX project_managers_user ON project_managers (user_id, project_id);

-- Existing installs keep their access: every project's creator becomes its manager (admins need no row: they see
-- everything). Projects without a recorded creator stay reachable by admins, who can add managers.
INSERT INTO project_managers (project_id, user_id, added_by, added_at)
SELECT p.id, p.created_by, p.created_by, p.created_at
FROM projects p JOIN users u ON u.id = p.created_by
ON CONFLICT DO NOTHING;
