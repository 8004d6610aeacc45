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
-- AssignmentRepository.TAKE_SLOT: take the slot, write the lease, make the next slot row, read the item.
WITH candidate AS (
  SELECT s.item_id, s.slot_no, s.started FROM slots s
  WHERE s.project_id = :p AND s.tier = 'crowd' AND s.answer_id IS NULL
    AND (s.lease_id IS NULL OR s.expires_at < now())
    AND NOT EXISTS (SELECT 1 FROM slots m WHERE m.project_id = s.project_id AND m.item_id = s.item_id AND m.annotator_id = :a)
    AND NOT EXISTS (SELECT 1 FROM skips k WHERE k.project_id = s.project_id AND k.item_id = s.item_id AND k.annotator_id = :a)
    AND NOT EXISTS (SELECT 1 FROM answers x WHERE x.project_id = s.project_id AND x.item_id = s.item_id AND x.annotator_id = :a)
  ORDER BY s.started DESC, s.priority DESC, s.seq, s.slot_no
  LIMIT 1
  FOR UPDATE OF s SKIP LOCKED
), taken AS (
  UPDATE slots s SET lease_id = gen_random_uuid(), annotator_id = :a, expires_at = now() + make_interval(secs => :ttl), started = true
  FROM candidate c WHERE s.project_id = :p AND s.tier = 'crowd' AND s.item_id = c.item_id AND s.slot_no = c.slot_no
  RETURNING s.item_id, s.slot_no, s.expires_at, s.lease_id
), lease AS (
  INSERT INTO leases (project_id, id, item_id, annotator_id, tier, slot_no, expires_at)
  SELECT :p, t.lease_id, t.item_id, :a, 'crowd', t.slot_no, t.expires_at FROM taken t
), next_slot AS (
  INSERT INTO slots (project_id, item_id, tier, slot_no, priority, seq, started)
  SELECT i.project_id, i.id, 'crowd', t.slot_no + 1, i.priority, i.seq, true
  FROM taken t JOIN items i ON i.project_id = :p AND i.id = t.item_id
  WHERE t.slot_no < 3
  ON CONFLICT DO NOTHING
)
SELECT t.item_id AS item, t.slot_no AS slot, t.lease_id AS lease, i.external_id, i.data::text AS data
FROM taken t JOIN items i ON i.project_id = :p AND i.id = t.item_id \gset
COMMIT;
BEGIN;
SELECT u.id, u.role, u.status FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = sha256(('bench' || :a)::bytea) AND t.revoked_at IS NULL;
COMMIT;
BEGIN;
-- AssignmentService.submit: the lease with its answer (locked), the project, the slot, the answer, slot and lease in
-- one statement, then escalation's item lock and crowd votes.
SELECT * FROM leases l LEFT JOIN answers a ON a.project_id = l.project_id AND a.lease_id = l.id
  WHERE l.project_id = :p AND l.id = :lease FOR UPDATE OF l;
SELECT id, schema FROM projects WHERE id = :p;
SELECT 1 FROM project_members WHERE project_id = :p AND user_id = :a;
SELECT * FROM slots WHERE project_id = :p AND item_id = :item AND tier = 'crowd' AND slot_no = :slot FOR UPDATE;
INSERT INTO answers (project_id, item_id, annotator_id, tier, label, duration_ms, server_ms, source, lease_id)
  VALUES (:p, :item, :a, 'crowd', '"pos"', 0, 0, 'live', :lease) RETURNING id AS answer \gset
WITH filled AS (
  UPDATE slots SET answer_id = :answer, expires_at = NULL
  WHERE project_id = :p AND item_id = :item AND tier = 'crowd' AND slot_no = :slot AND lease_id = :lease)
UPDATE leases SET closed_at = now(), outcome = 'answered' WHERE project_id = :p AND id = :lease;
SELECT gold, escalated_at FROM items WHERE project_id = :p AND id = :item FOR NO KEY UPDATE;
SELECT label, count(*) FROM answers WHERE project_id = :p AND item_id = :item AND tier = 'crowd' GROUP BY label ORDER BY 2 DESC;
COMMIT;
