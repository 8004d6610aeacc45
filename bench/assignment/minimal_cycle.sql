-- pgbench reference ceiling (issue 18): the least a next+submit cycle can cost PostgreSQL. One autocommit statement
-- picks the first open slot in queue order (FOR UPDATE SKIP LOCKED) and writes the lease into it; one autocommit
-- statement inserts the answer and closes the slot. Tables mini_slots/mini_answers (made by run.sh) carry the same
-- queue and answer indexes as Kappa's slots and answers, and none of Kappa's rules: no token, project, membership,
-- quota, fair-lease cap, "not mine already" probe, lease row or escalation.
-- One annotator per client, as the load generator runs them (a random pick let two clients share an annotator,
-- whose third concurrent ask then met the fair-lease cap, which this script does not model).
\set a :amin + :client_id % (:amax - :amin + 1)
WITH c AS (
  SELECT item_id, slot_no FROM mini_slots
  WHERE project_id = :p AND answer_id IS NULL AND (lease_id IS NULL OR expires_at < now())
  ORDER BY seq, slot_no LIMIT 1 FOR UPDATE SKIP LOCKED
)
UPDATE mini_slots s SET lease_id = gen_random_uuid(), annotator_id = :a, expires_at = now() + make_interval(secs => :ttl)
FROM c WHERE s.project_id = :p AND s.item_id = c.item_id AND s.slot_no = c.slot_no
RETURNING s.item_id, s.slot_no, s.lease_id \gset
WITH answer AS (
  INSERT INTO mini_answers (project_id, item_id, annotator_id, label, lease_id) VALUES (:p, :item_id, :a, '"pos"', :lease_id)
  RETURNING id
)
UPDATE mini_slots s SET answer_id = answer.id, expires_at = NULL FROM answer
WHERE s.project_id = :p AND s.item_id = :item_id AND s.slot_no = :slot_no AND s.lease_id = :lease_id;
