#!/usr/bin/env bash
# Next-task latency against queue size (issue 5): next's p50 at 10k, 1M and 10M items must stay flat, because the
# queue is an index walk, never a scan. Crowd overlap 1 keeps seeding 10M items affordable; the walk does not depend
# on the overlap. Usage: bench/assignment/scale.sh seed [sizes...] | measure [annotators] [seconds]
# Uses database kappa_scale on the machine's PostgreSQL (127.0.0.1:5432, trust).
set -euo pipefail
cd "$(dirname "$0")/../.."
PG="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q"
PORT=18232; KEY=bench_admin_key_0123456789abcdef; out=bench/out; mkdir -p $out
. bench/lib.sh
start_server() {
  bench_jar
  KAPPA_DATABASE_URL=jdbc:postgresql://127.0.0.1:5432/kappa_scale KAPPA_DATABASE_USER=postgres KAPPA_HTTP_PORT=$PORT \
    KAPPA_DB_POOL_SIZE=16 KAPPA_ADMIN_EMAIL=admin@bench.local KAPPA_ADMIN_PASSWORD=bench-password KAPPA_ADMIN_API_KEY=$KEY \
    java -Xmx1g -jar server/target/kappa.jar > $out/scale-server.log 2>&1 &
  SERVER=$!
  trap 'kill $SERVER 2>/dev/null || true' EXIT
  wait_ready $PORT $SERVER $out/scale-server.log
}
api() { curl -sf -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' "$@"; }
case "${1:-measure}" in
seed)
  shift; sizes=${*:-10000 1000000 10000000}
  $PG -d postgres -c "DROP DATABASE IF EXISTS kappa_scale WITH (FORCE)" -c "CREATE DATABASE kappa_scale"
  start_server
  $PG -d kappa_scale -c "INSERT INTO users (display_name, role, tier, external_id) SELECT 'w' || g, 'annotator', 'crowd', 'w' || g FROM generate_series(1, 200) g"
  $PG -d kappa_scale -c "INSERT INTO api_tokens (user_id, name, token_hash, prefix) SELECT id, 'bench', sha256(('bench' || id)::bytea), 'bench' FROM users WHERE role = 'annotator'"
  for n in $sizes; do
    p=$(api -d "{\"name\":\"scale-$n\",\"schema\":{\"kind\":\"single\",\"labels\":[{\"key\":\"pos\",\"name\":\"Pos\"},{\"key\":\"neg\",\"name\":\"Neg\"}]},\"overlap\":{\"crowd\":1,\"expert\":0}}" \
      localhost:$PORT/api/projects | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
    t0=$(date +%s)
    $PG -d kappa_scale -c "INSERT INTO items (project_id, external_id, data, seq, sample_key)
      SELECT $p, 'i' || g, jsonb_build_object('text', 'benchmark item number ' || g), g, (g * 0.6180339887) % 1 FROM generate_series(1, $n) g"
    $PG -d kappa_scale -c "INSERT INTO slots (project_id, item_id, tier, slot_no, priority, seq) SELECT project_id, id, 'crowd', 1, priority, seq FROM items WHERE project_id = $p"
    $PG -d kappa_scale -c "INSERT INTO project_members (project_id, user_id) SELECT $p, id FROM users WHERE role = 'annotator'"
    echo "seeded project $p with $n items in $(( $(date +%s) - t0 )) s"
  done
  $PG -d kappa_scale -c "VACUUM ANALYZE"
  ;;
measure)
  N=${2:-16}; SECS=${3:-20}
  start_server
  CP=$(bench_classpath $out/cp.txt)
  $PG -d kappa_scale -Atc "SELECT 'bench' || id FROM users WHERE role = 'annotator' ORDER BY id LIMIT $N" > $out/scale-tokens.txt
  sizes=$($PG -d kappa_scale -Atc "SELECT p.id || ' ' || count(i.id) FROM projects p JOIN items i ON i.project_id = p.id GROUP BY p.id ORDER BY count(i.id)")
  # Warm the JIT on the largest project first (discarded), so that the first size measured is not the one paying
  # for compilation.
  largest=$(echo "$sizes" | tail -1 | cut -d' ' -f1)
  echo "== warm-up: project $largest, ${WARMUP:-10}s (discarded)"
  java -cp "$CP" dev.kappa.bench.LoadGenerator http://127.0.0.1:$PORT $largest ${WARMUP:-10} $out/scale-tokens.txt >/dev/null
  echo "$sizes" | while read p n; do
    echo "== $n items (project $p), $N annotators, ${SECS}s"
    java -cp "$CP" dev.kappa.bench.LoadGenerator http://127.0.0.1:$PORT $p $SECS $out/scale-tokens.txt
  done
  ;;
esac
