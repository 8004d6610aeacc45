#!/usr/bin/env bash
# The queue is an index walk: EXPLAIN (ANALYZE, BUFFERS) of next-task's slot query (read-only form, rolled back) on
# every project of kappa_scale (seeded by scale.sh). Buffers touched and time should not grow with the item count.
set -euo pipefail
for p in $(psql -h 127.0.0.1 -U postgres -d kappa_scale -Atc "SELECT id FROM projects ORDER BY id"); do
  n=$(psql -h 127.0.0.1 -U postgres -d kappa_scale -Atc "SELECT count(*) FROM items WHERE project_id = $p")
  a=$(psql -h 127.0.0.1 -U postgres -d kappa_scale -Atc "SELECT min(id) FROM users WHERE role = 'annotator'")
  echo "== project $p: $n items"
  psql -h 127.0.0.1 -U postgres -d kappa_scale -At <<SQL | grep -E 'Index Scan|Seq Scan|Buffers|Execution Time' | head -6
BEGIN;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT s.item_id, s.slot_no FROM slots s
WHERE s.project_id = $p AND s.tier = 'crowd' AND s.answer_id IS NULL AND (s.lease_id IS NULL OR s.expires_at < now())
  AND NOT EXISTS (SELECT 1 FROM slots m WHERE m.project_id = s.project_id AND m.item_id = s.item_id AND m.annotator_id = $a OFFSET 0)
  AND NOT EXISTS (SELECT 1 FROM skips k WHERE k.project_id = s.project_id AND k.item_id = s.item_id AND k.annotator_id = $a OFFSET 0)
  AND NOT EXISTS (SELECT 1 FROM answers x WHERE x.project_id = s.project_id AND x.item_id = s.item_id AND x.annotator_id = $a OFFSET 0)
ORDER BY s.started DESC, s.priority DESC, s.seq, s.slot_no
LIMIT 1 FOR UPDATE OF s SKIP LOCKED;
ROLLBACK;
SQL
done
