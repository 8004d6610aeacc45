-- pgbench reference: the statements one next-task and one submit run (AssignmentService), for a random annotator.
-- Variables: p (project), amin/amax (annotator ids), ttl. Auth lookups included, as the server does them per request.
\set a random(:amin, :amax)
BEGIN;
SELECT u.id, u.role, u.status FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = sha256(('bench' || :a)::bytea) AND t.revoked_at IS NULL;
COMMIT;
BEGIN;
SELECT id, schema, daily_quota FROM projects WHERE id = :p;
SELECT 1 FROM project_members WHERE project_id = :p AND user_id = :a;
SELECT (SELECT count(*) FROM answers WHERE project_id = :p AND annotator_id = :a AND created_at >= date_trunc('day', now()))::int FROM (SELECT pg_advisory_xact_lock((:p::bigint << 32) # :a)) l;
WITH candidate AS (
  SELECT s.item_id, s.slot_no FROM slots s
  WHERE s.project_id = :p AND s.tier = 'crowd' AND s.answer_id IS NULL
    AND (s.lease_id IS NULL OR s.expires_at < now())
    AND NOT EXISTS (SELECT 1 FROM slots m WHERE m.project_id = s.project_id AND m.item_id = s.item_id AND m.annotator_id = :a)
    AND NOT EXISTS (SELECT 1 FROM skips k WHERE k.project_id = s.project_id AND k.item_id = s.item_id AND k.annotator_id = :a)
    AND NOT EXISTS (SELECT 1 FROM answers x WHERE x.project_id = s.project_id AND x.item_id = s.item_id AND x.annotator_id = :a)
  ORDER BY s.started DESC, s.priority DESC, s.seq, s.slot_no
  LIMIT 1
  FOR UPDATE OF s SKIP LOCKED
)
UPDATE slots s SET lease_id = gen_random_uuid(), annotator_id = :a, expires_at = now() + make_interval(secs => :ttl), started = true
FROM candidate c WHERE s.project_id = :p AND s.tier = 'crowd' AND s.item_id = c.item_id AND s.slot_no = c.slot_no
RETURNING s.item_id AS item, s.slot_no AS slot, s.lease_id AS lease \gset
UPDATE slots s SET started = true WHERE (s.project_id, s.item_id, s.tier, s.slot_no) IN (
  SELECT project_id, item_id, tier, slot_no FROM slots WHERE project_id = :p AND item_id = :item AND NOT started AND answer_id IS NULL FOR UPDATE SKIP LOCKED);
INSERT INTO leases (project_id, id, item_id, annotator_id, tier, slot_no, expires_at) VALUES (:p, :lease, :item, :a, 'crowd', :slot, now() + make_interval(secs => :ttl));
SELECT id, external_id, data FROM items WHERE project_id = :p AND id = :item;
COMMIT;
BEGIN;
SELECT u.id, u.role, u.status FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = sha256(('bench' || :a)::bytea) AND t.revoked_at IS NULL;
COMMIT;
BEGIN;
SELECT * FROM leases WHERE project_id = :p AND id = :lease FOR UPDATE;
SELECT id FROM answers WHERE project_id = :p AND lease_id = :lease;
SELECT id, schema FROM projects WHERE id = :p;
SELECT 1 FROM project_members WHERE project_id = :p AND user_id = :a;
SELECT * FROM slots WHERE project_id = :p AND item_id = :item AND tier = 'crowd' AND slot_no = :slot FOR UPDATE;
INSERT INTO answers (project_id, item_id, annotator_id, tier, label, duration_ms, server_ms, source, lease_id)
  VALUES (:p, :item, :a, 'crowd', '"pos"', 0, 0, 'live', :lease) RETURNING id AS answer \gset
UPDATE slots SET answer_id = :answer, expires_at = NULL WHERE project_id = :p AND item_id = :item AND tier = 'crowd' AND slot_no = :slot;
UPDATE leases SET closed_at = now(), outcome = 'answered' WHERE project_id = :p AND id = :lease;
SELECT gold, escalated_at FROM items WHERE project_id = :p AND id = :item FOR NO KEY UPDATE;
SELECT label, count(*) FROM answers WHERE project_id = :p AND item_id = :item AND tier = 'crowd' GROUP BY label ORDER BY 2 DESC;
COMMIT;
