-- A project's managers pause and resume an annotator in their project (issue 13: "pause and resume from the
-- annotators table"). Pausing the account (users.status) is the admin's, and reaches every project; engineers manage
-- only their own projects (issue 15), so their pause is the membership's. A paused member gets no new task there
-- (204, Kappa-No-Task-Reason: paused) and keeps the leases they hold.
ALTER TABLE project_members
    ADD COLUMN paused_at timestamptz,
    ADD COLUMN paused_by bigint REFERENCES users (id) ON DELETE SET NULL;
