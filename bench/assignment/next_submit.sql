-- pgbench reference: the statements one next-task and one submit run (AssignmentService's one-trip paths, issue 18),
-- for a random annotator. Keep in step with AssignmentRepository.NEXT_ONE_TRIP and LeaseRepository.SUBMIT_ONE_TRIP.
-- Variables: p (project), amin/amax (annotator ids), ttl, schema (the project's stored schema, as text).
-- No token lookups: the server resolves tokens from its per-process cache (PrincipalCache) once warm.
-- The harness's project has no study hook running, no gold, no quota and no pre-annotation; the bench runs the
-- server's bind values for those (studies checked = true, tier crowd).
-- One annotator per client, as the load generator runs them (a random pick let two clients share an annotator,
-- whose third concurrent ask then met the fair-lease cap, which this script does not model).
\set a :amin + :client_id % (:amax - :amin + 1)
BEGIN;
SELECT 1 FROM pg_advisory_xact_lock((:p::bigint << 32) # :a), set_config('synchronous_commit', 'off', true);
WITH p AS (
  SELECT pr.id, pr.max_open_leases, pr.daily_quota, pr.lease_ttl_seconds, pr.breadth_first, pr.pre_annotation,
    CASE WHEN 'crowd' = 'crowd' THEN pr.overlap_crowd ELSE pr.overlap_expert END AS overlap,
    (SELECT count(*) FROM leases l
     WHERE l.project_id = pr.id AND l.annotator_id = :a AND l.closed_at IS NULL AND l.expires_at > now()) AS open_leases,
    (true AND EXISTS (SELECT 1 FROM baseline_studies b WHERE b.project_id = pr.id AND b.tier = 'crowd' AND b.status = 'running')) AS study,
    ('crowd' = 'crowd' AND pr.gold_rate > 0 AND random() < pr.gold_rate) AS gold
  FROM projects pr
  WHERE pr.id = :p AND pr.archived_at IS NULL
    AND EXISTS (SELECT 1 FROM project_members m WHERE m.project_id = pr.id AND m.user_id = :a AND m.paused_at IS NULL)
), go AS (
  SELECT * FROM p WHERE p.open_leases < p.max_open_leases AND p.daily_quota IS NULL AND NOT p.study AND NOT p.gold
), candidate AS (
  SELECT s.item_id, s.slot_no FROM slots s
  WHERE EXISTS (SELECT 1 FROM go) AND s.project_id = :p AND s.tier = 'crowd' AND s.answer_id IS NULL
    AND (s.lease_id IS NULL OR s.expires_at < now())
    AND NOT EXISTS (SELECT 1 FROM slots m WHERE m.project_id = s.project_id AND m.item_id = s.item_id AND m.annotator_id = :a OFFSET 0)
    AND NOT EXISTS (SELECT 1 FROM skips k WHERE k.project_id = s.project_id AND k.item_id = s.item_id AND k.annotator_id = :a OFFSET 0)
    AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.project_id = s.project_id AND a.item_id = s.item_id AND a.annotator_id = :a OFFSET 0)
  ORDER BY s.started DESC, s.priority DESC, s.seq, s.slot_no
  LIMIT 1
  FOR UPDATE OF s SKIP LOCKED
), taken AS (
  UPDATE slots s SET lease_id = gen_random_uuid(), annotator_id = :a, expires_at = now() + make_interval(secs => go.lease_ttl_seconds),
    started = s.started OR go.breadth_first
  FROM candidate c, go
  WHERE s.project_id = :p AND s.tier = 'crowd' AND s.item_id = c.item_id AND s.slot_no = c.slot_no
  RETURNING s.item_id, s.slot_no, s.expires_at, s.lease_id
), lease AS (
  INSERT INTO leases (project_id, id, item_id, annotator_id, tier, slot_no, expires_at)
  SELECT :p, t.lease_id, t.item_id, :a, 'crowd', t.slot_no, t.expires_at FROM taken t
), next_slot AS (
  INSERT INTO slots (project_id, item_id, tier, slot_no, priority, seq, started)
  SELECT i.project_id, i.id, 'crowd', t.slot_no + 1, i.priority, i.seq, go.breadth_first
  FROM taken t JOIN items i ON i.project_id = :p AND i.id = t.item_id CROSS JOIN go
  WHERE t.slot_no < go.overlap + CASE WHEN 'crowd' = 'crowd' THEN i.extra_crowd ELSE 0 END
  ON CONFLICT DO NOTHING
)
SELECT p.open_leases < p.max_open_leases AND p.daily_quota IS NULL AND NOT p.study AS open,
  p.gold, p.lease_ttl_seconds, t.item_id, t.lease_id AS lease, t.expires_at, i.external_id, i.data::text AS data,
  pred.label::text AS pred_label, pred.probs::text AS pred_probs, pred.model, pred.version
FROM p
LEFT JOIN taken t ON true
LEFT JOIN items i ON i.project_id = p.id AND i.id = t.item_id
LEFT JOIN LATERAL (
  SELECT pr.label, pr.probs, r.model, r.version FROM predictions pr
  JOIN model_runs r ON r.project_id = pr.project_id AND r.id = pr.run_id
  WHERE p.pre_annotation AND pr.project_id = p.id AND pr.item_id = t.item_id
  ORDER BY r.created_at DESC LIMIT 1
) pred ON true \gset
COMMIT;
BEGIN;
WITH lease AS (
  SELECT l.project_id, l.id, l.item_id, l.annotator_id, l.tier, l.slot_no, l.created_at, l.expires_at, p.overlap_crowd,
    (l.tier = 'crowd' AND (p.overlap_expert > 0 OR p.adaptive_max_crowd IS NOT NULL)) AS judge
  FROM leases l JOIN projects p ON p.id = l.project_id
  WHERE l.project_id = :p AND l.id = :lease AND l.annotator_id = :a AND l.closed_at IS NULL
    AND p.archived_at IS NULL AND p.schema = (:schema)::jsonb
    AND EXISTS (SELECT 1 FROM project_members m WHERE m.project_id = p.id AND m.user_id = l.annotator_id)
  FOR UPDATE OF l
), slot AS (
  SELECT s.lease_id, s.answer_id FROM slots s JOIN lease l
    ON s.project_id = l.project_id AND s.item_id = l.item_id AND s.tier = l.tier AND s.slot_no = l.slot_no
  FOR UPDATE OF s
), ok AS (
  SELECT l.* FROM lease l
  WHERE l.slot_no IS NULL OR EXISTS (SELECT 1 FROM slot s WHERE s.lease_id = l.id AND s.answer_id IS NULL)
), answer AS (
  INSERT INTO answers (project_id, item_id, annotator_id, tier, label, duration_ms, server_ms, source, lease_id)
  SELECT o.project_id, o.item_id, o.annotator_id, o.tier, '"pos"'::jsonb, 0,
    (extract(epoch from (now() - o.created_at)) * 1000)::int, 'live', o.id
  FROM ok o
  RETURNING id, item_id, tier, label, duration_ms, server_ms, created_at, lease_id
), filled AS (
  UPDATE slots s SET answer_id = a.id, filled_at = a.created_at, expires_at = NULL FROM answer a JOIN ok o ON o.id = a.lease_id
  WHERE s.project_id = o.project_id AND s.item_id = o.item_id AND s.tier = o.tier AND s.slot_no = o.slot_no AND s.lease_id = o.id
), closed AS (
  UPDATE leases l SET closed_at = now(), outcome = 'answered' FROM answer a WHERE l.project_id = :p AND l.id = a.lease_id
), item AS (
  SELECT i.escalated_at, i.extra_crowd FROM items i JOIN ok o ON i.project_id = o.project_id AND i.id = o.item_id
  WHERE o.judge
  FOR NO KEY UPDATE OF i
)
SELECT a.id, a.item_id AS item, a.tier, a.label::text AS label, a.duration_ms, a.server_ms, a.created_at, o.expires_at AS lease_expires_at, o.judge,
  o.overlap_crowd, (SELECT extra_crowd FROM item) AS extra_crowd, (SELECT escalated_at FROM item) AS escalated_at
FROM answer a JOIN ok o ON o.id = a.lease_id \gset
SELECT count(*) AS votes FROM answers a JOIN leases l ON a.project_id = l.project_id AND a.item_id = l.item_id
WHERE l.project_id = :p AND l.id = :lease AND l.tier = 'crowd' AND a.tier = 'crowd' \gset
-- Once per item, when its crowd answers reach the overlap (3 here): Escalation.afterCrowdAnswer judges it.
\if :votes >= 3
SELECT p.*, (p.archived_at IS NULL AND EXISTS (SELECT 1 FROM project_members m WHERE m.project_id = p.id AND m.user_id = :a)) AS related
  FROM projects p WHERE p.id = :p;
SELECT gold, escalated_at, extra_crowd FROM items WHERE project_id = :p AND id = :item FOR NO KEY UPDATE;
SELECT label, count(*) FROM answers WHERE project_id = :p AND item_id = :item AND tier = 'crowd' GROUP BY label ORDER BY 2 DESC;
\endif
COMMIT;
