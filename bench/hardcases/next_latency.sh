#!/usr/bin/env bash
# Does background scoring slow next-task? (issue 8) Runs the assignment load generator against a project of ITEMS
# items whose queue follows the hardness of a model run, once with the background recompute off and once on. With it
# on, every answer marks the project dirty, so the server rescores it continuously (at most once per twice the last
# recompute's duration) while annotators work. Reports next/submit latency and the recomputes seen.
# Usage: bench/hardcases/next_latency.sh [items=100000] [annotators=50] [seconds=30]
# Uses database kappa_hardbench on the machine's PostgreSQL (127.0.0.1:5432, trust); dropped and re-created.
set -euo pipefail
cd "$(dirname "$0")/../.."
ITEMS=${1:-100000}; N=${2:-50}; SECS=${3:-30}
PG="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q"
PORT=18241; KEY=bench_admin_key_0123456789abcdef
out=bench/out; mkdir -p $out
. bench/lib.sh
bench_jar
CP=$(bench_classpath $out/cp.txt)
api() { curl -sf -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' "$@"; }

for INTERVAL in 0 1000; do
  $PG -d postgres -c "DROP DATABASE IF EXISTS kappa_hardbench WITH (FORCE)" -c "CREATE DATABASE kappa_hardbench"
  KAPPA_DATABASE_URL=jdbc:postgresql://127.0.0.1:5432/kappa_hardbench KAPPA_DATABASE_USER=postgres KAPPA_HTTP_PORT=$PORT \
    KAPPA_DB_POOL_SIZE=24 KAPPA_ADMIN_EMAIL=admin@bench.local KAPPA_ADMIN_PASSWORD=bench-password KAPPA_ADMIN_API_KEY=$KEY \
    KAPPA_HARDNESS_INTERVAL_MS=$INTERVAL java -Xmx1g -cp "$CP" dev.kappa.App > $out/hard-server-$INTERVAL.log 2>&1 &
  SERVER=$!
  trap 'kill $SERVER 2>/dev/null || true' EXIT
  wait_ready $PORT $SERVER $out/hard-server-$INTERVAL.log
  P=$(api -d '{"name":"bench","schema":{"kind":"single","labels":[{"key":"pos","name":"Pos"},{"key":"neg","name":"Neg"}]},"overlap":{"crowd":3,"expert":0}}' \
      localhost:$PORT/api/projects | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  $PG -d kappa_hardbench -c "INSERT INTO items (project_id, external_id, data, seq, sample_key)
      SELECT $P, 'i' || g, jsonb_build_object('text', 'benchmark item number ' || g), g, (g * 0.6180339887) % 1
      FROM generate_series(1, $ITEMS) g"
  api -X PATCH -d '{"overlap":{"crowd":3,"expert":0}}' localhost:$PORT/api/projects/$P >/dev/null
  # One model run; p(pos) from a fixed hash of the item, so both runs score the same predictions.
  $PG -d kappa_hardbench -c "INSERT INTO model_runs (project_id, model, version) VALUES ($P, 'sim', '1')" \
    -c "INSERT INTO predictions (project_id, run_id, item_id, label, probs)
      SELECT $P, r.id, i.id, to_jsonb(CASE WHEN h < 0.5 THEN 'neg' ELSE 'pos' END), jsonb_build_object('pos', h, 'neg', 1 - h)
      FROM items i CROSS JOIN model_runs r, LATERAL (SELECT ((hashint8(i.id) & 1048575) / 1048576.0)::float8 AS h) x
      WHERE i.project_id = $P AND r.project_id = $P"
  api -X PUT -d '{"strategy":"hardness"}' localhost:$PORT/api/projects/$P/hardness >/dev/null
  echo "== interval ${INTERVAL} ms: first recompute of $ITEMS items: $(api -X POST localhost:$PORT/api/projects/$P/hardness/recompute)"
  $PG -d kappa_hardbench -c "VACUUM ANALYZE items" -c "VACUUM ANALYZE slots" -c "VACUUM ANALYZE hard_cases"
  $PG -d kappa_hardbench -c "INSERT INTO users (display_name, role, tier, external_id) SELECT 'w' || g, 'annotator', 'crowd', 'w' || g FROM generate_series(1, $N) g"
  $PG -d kappa_hardbench -c "INSERT INTO api_tokens (user_id, name, token_hash, prefix) SELECT id, 'bench', sha256(('bench' || id)::bytea), 'bench' FROM users WHERE role = 'annotator'"
  $PG -d kappa_hardbench -c "INSERT INTO project_members (project_id, user_id) SELECT $P, id FROM users WHERE role = 'annotator'"
  $PG -d kappa_hardbench -Atc "SELECT 'bench' || id FROM users WHERE role = 'annotator' ORDER BY id" > $out/hard-tokens.txt
  ( for s in $(seq 1 $SECS); do $PG -d kappa_hardbench -Atc "SELECT computed_at, duration_ms FROM hardness_state"; sleep 1; done ) \
    | sort -u > $out/hard-recomputes-$INTERVAL.txt &
  SAMPLER=$!
  java -cp "$CP" dev.kappa.bench.LoadGenerator http://127.0.0.1:$PORT $P $SECS $out/hard-tokens.txt | tee $out/hard-load-$INTERVAL.txt
  wait $SAMPLER || true
  echo "recomputes during the run (computed_at|duration_ms): $(($(wc -l < $out/hard-recomputes-$INTERVAL.txt) - 1)) new, durations ms: $(cut -d'|' -f2 $out/hard-recomputes-$INTERVAL.txt | tr '\n' ' ')"
  kill $SERVER; wait $SERVER 2>/dev/null || true
done
