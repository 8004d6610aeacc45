#!/usr/bin/env bash
# Assignment benchmark (issues 5, 18): load generator against a running server, then pgbench in the same run on two
# scripts: next_submit.sql (the statements Kappa runs per answer) and minimal_cycle.sql (the least PostgreSQL needs for
# a next+submit cycle, the ceiling Kappa is quoted against, with the higher of the two).
# Usage: [POOL=12] [CLIENTS="16 50 200"] [THINK=MIN:MAX ms] [WARMUP=5] [PREWARM=30] [SERVER_JAVA_OPTS=...]
#        bench/assignment/run.sh [items=100000] [annotators=200] [seconds=30]
# THINK makes each annotator wait between an item and its answer (bench/assignment/crowd.sh).
# pgbench at 200 clients needs max_connections above 210 (ALTER SYSTEM SET max_connections = 300, restart PostgreSQL).
# Needs the machine's PostgreSQL at 127.0.0.1:5432 (trust). Uses database kappa_bench (dropped and re-created).
set -euo pipefail
cd "$(dirname "$0")/../.."
ITEMS=${1:-100000}; N=${2:-200}; SECS=${3:-30}
# 12 connections: about six per core here. More lets PostgreSQL run more statements at once than the cores can, and
# next-task (which keeps two thirds of them) slows down with every one it shares a core with.
POOL=${POOL:-12}
PG="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q"
PORT=18231; KEY=bench_admin_key_0123456789abcdef
out=bench/out; mkdir -p $out
. bench/lib.sh
. bench/assignment/cpu.sh
bench_jar
CP=$(bench_classpath $out/cp.txt)
$PG -d postgres -c "DROP DATABASE IF EXISTS kappa_bench WITH (FORCE)" -c "CREATE DATABASE kappa_bench"
KAPPA_DATABASE_URL=jdbc:postgresql://127.0.0.1:5432/kappa_bench KAPPA_DATABASE_USER=postgres KAPPA_HTTP_PORT=$PORT \
  KAPPA_DB_POOL_SIZE=$POOL KAPPA_ADMIN_EMAIL=admin@bench.local KAPPA_ADMIN_PASSWORD=bench-password KAPPA_ADMIN_API_KEY=$KEY \
  java -Xmx1g ${SERVER_JAVA_OPTS:-} -jar server/target/kappa.jar > $out/server.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
wait_ready $PORT $SERVER $out/server.log
api() { curl -sf -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' "$@"; }
mkproject() {
  api -d '{"name":"bench","schema":{"kind":"single","labels":[{"key":"pos","name":"Pos"},{"key":"neg","name":"Neg"}]},"overlap":{"crowd":3,"expert":1},"escalation":{"min_agreement":0}}' \
    localhost:$PORT/api/projects | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
}
seed_items() { # project, n
  $PG -d kappa_bench -c "INSERT INTO items (project_id, external_id, data, seq, sample_key)
    SELECT $1, 'i' || g, jsonb_build_object('text', 'benchmark item number ' || g || ' with some words to label'), g, (g * 0.6180339887) % 1
    FROM generate_series(1, $2) g"
  api -X PATCH -d '{"overlap":{"crowd":3,"expert":1}}' localhost:$PORT/api/projects/$1 >/dev/null   # syncs the slots
  $PG -d kappa_bench -c "VACUUM ANALYZE items" -c "VACUUM ANALYZE slots"
}
P=$(mkproject); seed_items $P $ITEMS
# Annotators: external workers with tokens 'bench<id>' stored hashed, members of every project.
$PG -d kappa_bench -c "INSERT INTO users (display_name, role, tier, external_id) SELECT 'w' || g, 'annotator', 'crowd', 'w' || g FROM generate_series(1, $N) g"
$PG -d kappa_bench -c "INSERT INTO api_tokens (user_id, name, token_hash, prefix) SELECT id, 'bench', sha256(('bench' || id)::bytea), 'bench' FROM users WHERE role = 'annotator'"
$PG -d kappa_bench -c "INSERT INTO project_members (project_id, user_id) SELECT $P, id FROM users WHERE role = 'annotator'"
$PG -d kappa_bench -Atc "SELECT 'bench' || id FROM users WHERE role = 'annotator' ORDER BY id" > $out/tokens.txt
# loadgen SECONDS WARMUP [JAVA OPTIONS...]: the load generator, every annotator of tokens.txt on project $P.
loadgen() { local secs=$1 warm=$2; shift 2; java -Xss512k "$@" -cp "$CP" dev.kappa.bench.LoadGenerator http://127.0.0.1:$PORT $P $secs $out/tokens.txt $warm; }
# The JIT: a server just started spends over 40% of its CPU compiling (C2 and C1 threads, 15 of 36 s of the server's
# CPU in a 30 s run right after start on 2026-12-08). A zero-think pre-run of PREWARM seconds, not counted, lets it
# finish, so that the figures below are of a running server; the CPU shares cover only the measured run.
PREWARM=${PREWARM:-30}
if [ "$PREWARM" -gt 0 ]; then
  echo "== pre-run (not counted): zero-think, ${PREWARM}s"
  loadgen $PREWARM 0 > $out/prewarm.txt
  grep answers_per_second $out/prewarm.txt
fi
echo "== load generator: $N annotators, $ITEMS items, ${SECS}s, server pool $POOL, think ${THINK:-none}, load $(cat /proc/loadavg)"
cpu_begin $SERVER
TIMEFORMAT='%U %S'
{ time loadgen $SECS ${WARMUP:-5} ${THINK:+-Dkappa.bench.think=$THINK} > $out/load.txt ; } 2> $out/loadgen-time.txt
cat $out/load.txt
cpu_end $SERVER "$(awk '{ printf "%d", ($1 + $2) * 100 }' $out/loadgen-time.txt)" | tee -a $out/load.txt
echo "server CPU by thread:" | tee -a $out/load.txt; threads_end $SERVER | tee -a $out/load.txt
echo "load after: $(cat /proc/loadavg)"
CL=${CLIENTS-16 50 200}
[ -n "${CL// }" ] || exit 0
: > $out/pgbench.txt
# pgbench on a fresh project of the same size, same SQL.
P2=$(mkproject); seed_items $P2 $ITEMS
$PG -d kappa_bench -c "INSERT INTO project_members (project_id, user_id) SELECT $P2, id FROM users WHERE role = 'annotator'"
range=$($PG -d kappa_bench -Atc "SELECT min(id) || ' ' || max(id) FROM users WHERE role = 'annotator'")
schema=$($PG -d kappa_bench -Atc "SELECT schema FROM projects WHERE id = $P2")
set -- $range
# The minimal cycle's tables: the same queue order and indexes as slots and answers, none of Kappa's rules.
$PG -d kappa_bench -c "CREATE TABLE mini_slots (project_id bigint NOT NULL, item_id bigint NOT NULL, slot_no int NOT NULL,
    seq bigint NOT NULL, lease_id uuid, annotator_id bigint, expires_at timestamptz, answer_id bigint,
    PRIMARY KEY (project_id, item_id, slot_no))" \
  -c "CREATE INDEX mini_slots_queue ON mini_slots (project_id, seq, slot_no) WHERE answer_id IS NULL" \
  -c "CREATE INDEX mini_slots_by_annotator ON mini_slots (project_id, annotator_id, item_id) WHERE annotator_id IS NOT NULL" \
  -c "CREATE TABLE mini_answers (project_id bigint NOT NULL, id bigserial, item_id bigint NOT NULL, annotator_id bigint NOT NULL,
    label jsonb NOT NULL, lease_id uuid, created_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (project_id, id))" \
  -c "CREATE INDEX mini_answers_item_annotator ON mini_answers (project_id, item_id, annotator_id)" \
  -c "CREATE INDEX mini_answers_annotator_created ON mini_answers (project_id, annotator_id, created_at)"
mini_reset() {
  $PG -d kappa_bench -c "TRUNCATE mini_slots, mini_answers" \
    -c "INSERT INTO mini_slots (project_id, item_id, slot_no, seq) SELECT $P2, id, k, seq FROM items, generate_series(1, 3) k WHERE project_id = $P2" \
    -c "VACUUM ANALYZE mini_slots" -c "VACUUM ANALYZE mini_answers"
}
maxconn=$($PG -d postgres -Atc "show max_connections")
for c in $CL; do
  if [ "$c" -gt $((maxconn - 10)) ]; then
    echo "== pgbench with $c clients skipped: PostgreSQL allows $maxconn connections (ALTER SYSTEM SET max_connections = 300, then restart it)"
    continue
  fi
  echo "== pgbench next+submit (Kappa's statements), $c clients, ${SECS}s, load $(cat /proc/loadavg)"
  pgbench -h 127.0.0.1 -U postgres -n -M prepared -c $c -j 2 -T $SECS -f ${NEXT_SUBMIT_SQL:-bench/assignment/next_submit.sql} \
    -D p=$P2 -D amin=$1 -D amax=$2 -D ttl=600 -D "schema=$schema" kappa_bench 2>&1 | { grep -E 'tps|latency average|failed|aborted' || true; } | sed "s/^/kappa   c=$c: /" | tee -a $out/pgbench.txt || true
  $PG -d kappa_bench -c "UPDATE slots SET lease_id = NULL, annotator_id = NULL, expires_at = NULL, answer_id = NULL, filled_at = NULL, started = false WHERE project_id = $P2;
    DELETE FROM answers WHERE project_id = $P2; DELETE FROM leases WHERE project_id = $P2" -c "VACUUM ANALYZE slots"
  mini_reset
  echo "== pgbench minimal cycle, $c clients, ${SECS}s, load $(cat /proc/loadavg)"
  pgbench -h 127.0.0.1 -U postgres -n -M prepared -c $c -j 2 -T $SECS -f bench/assignment/minimal_cycle.sql \
    -D p=$P2 -D amin=$1 -D amax=$2 -D ttl=600 kappa_bench 2>&1 | { grep -E 'tps|latency average|failed|aborted' || true; } | sed "s/^/minimal c=$c: /" | tee -a $out/pgbench.txt || true
done
