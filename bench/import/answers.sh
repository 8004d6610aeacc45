#!/usr/bin/env bash
# Answer-import benchmark (issue 14): ITEMS items (default 200,000) with VOTES past answers each (default 5, so 1M
# answers by 1,000 workers), imported over HTTP into a running server (java -jar server/target/kappa.jar on the
# machine's PostgreSQL) with crowd overlap VOTES, so every answer fills a slot and escalation is judged on every item;
# against psql \copy of the same rows (ids resolved) straight into the answers table of a twin project as the reference,
# in the same run. Then the same file again with fill_slots=false (answers only) into a third project.
# Usage: bench/import/answers.sh [ITEMS] [VOTES] [server -Xmx, default 512m]
set -euo pipefail
cd "$(dirname "$0")/../.."
items=${1:-200000}; votes=${2:-5}; xmx=${3:-512m}; workers=1000
jar=${KAPPA_JAR:-server/target/kappa.jar}
# KAPPA_CP: run the server from a classpath (compiled classes and dependencies) instead of the jar.
if [ -n "${KAPPA_CP:-}" ]; then run_server() { exec java -Xmx"$xmx" -cp "$KAPPA_CP" dev.kappa.App; }
else [ -f "$jar" ] || mvn -B -q package -DskipTests; run_server() { exec java -Xmx"$xmx" -jar "$jar"; }; fi
pg_host=${PGHOST:-127.0.0.1}; pg_port=${PGPORT:-5432}; pg_user=${PGUSER:-postgres}
db=kappa_answerbench_$(date +%s)
work=$(mktemp -d /tmp/kappa-answerbench.XXXXXX)
port=${KAPPA_BENCH_PORT:-18134}
key=kappa_bench_admin_key_0123456789abc
psql_() { psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -v ON_ERROR_STOP=1 -qAt "$@"; }
cleanup() {
  [ -f "$work/server.log" ] && cp "$work/server.log" "${KAPPA_BENCH_LOG:-/tmp/kappa-answerbench-server.log}" || true
  [ -n "${server:-}" ] && kill -TERM "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  psql_ -d postgres -c "drop database if exists $db with (force)" || true
  rm -rf "$work"
}
trap cleanup EXIT
# Refuse to measure another process' server: the port must be free before ours starts.
if curl -s -o /dev/null "http://127.0.0.1:${KAPPA_BENCH_PORT:-18134}/ready"; then echo "port ${KAPPA_BENCH_PORT:-18134} is in use"; exit 1; fi
now() { date +%s.%N; }
secs() { echo "$1 $2" | awk '{printf "%.1f", $2 - $1}'; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1), $(psql --version)"
echo "$items items x $votes votes = $((items * votes)) answers; load average $(cut -d' ' -f1-3 /proc/loadavg)"
psql_ -d postgres -c "create database $db"
KAPPA_HTTP_PORT=$port KAPPA_HTTP_HOST=127.0.0.1 KAPPA_DATABASE_URL="jdbc:postgresql://$pg_host:$pg_port/$db" \
  KAPPA_DATABASE_USER="$pg_user" KAPPA_ADMIN_EMAIL=bench@kappa.local KAPPA_ADMIN_PASSWORD=bench-password-1 \
  KAPPA_ADMIN_API_KEY=$key KAPPA_HARDNESS_INTERVAL_MS=0 run_server >"$work/server.log" 2>&1 &
server=$!
until curl -sf "http://127.0.0.1:$port/ready" >/dev/null; do
  kill -0 "$server" 2>/dev/null || { echo "the server did not start:"; tail -5 "$work/server.log"; exit 1; }
  sleep 0.2
done
api() { curl -sS -H "Authorization: Bearer $key" "$@"; }
schema='{"kind": "single", "labels": [{"key": "pos"}, {"key": "neg"}]}'
mk() { api -H 'Content-Type: application/json' -d "{\"name\": \"$1\", \"schema\": $schema, \"overlap\": {\"crowd\": $votes, \"expert\": 1}}" \
  "http://127.0.0.1:$port/api/projects" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'; }
p1=$(mk import); p2=$(mk "copy reference"); p3=$(mk "import, fill_slots=false")
python3 -c "
import sys
with open('$work/items.csv', 'w') as f:
    f.write('external_id,text\n')
    for i in range($items): f.write('item-%07d,benchmark item %d\n' % (i, i))"
for p in $p1 $p2 $p3; do
  api -X POST -H 'Content-Type: text/csv' -T "$work/items.csv" "http://127.0.0.1:$port/api/projects/$p/items" >/dev/null
done
# The reference's workers exist already (the import creates its own external workers as part of its timed work).
psql_ -d "$db" -c "insert into users (display_name, role, tier, external_id) select 'ref' || g, 'annotator', 'crowd', 'ref-w' || g from generate_series(0, $workers - 1) g"
item0=$(psql_ -d "$db" -c "select min(id) from items where project_id = $p2")
user0=$(psql_ -d "$db" -c "select min(id) from users where external_id like 'ref-w%'")
[ "$(psql_ -d "$db" -c "select max(id) - min(id) + 1 from items where project_id = $p2")" = "$items" ] || { echo "reference item ids are not consecutive"; exit 1; }
python3 bench/import/answers.py "$items" "$votes" "$workers" "$p2" "$item0" "$user0" "$work/answers.jsonl" "$work/answers.copy"
echo "answers file: $(du -m "$work/answers.jsonl" | cut -f1) MiB JSONL"
kill -0 "$server" 2>/dev/null || { echo "the server stopped:"; tail -20 "$work/server.log"; exit 1; }
psql_ -d "$db" -c "vacuum analyze"

psql_ -d "$db" -c checkpoint
t=$(now)
psql_ -d "$db" -c "\\copy answers (project_id, item_id, annotator_id, tier, label, duration_ms, source) from '$work/answers.copy'"
copy_s=$(secs "$t" "$(now)")
echo "psql \\copy of the same rows into answers: ${copy_s} s (load $(cut -d' ' -f1-3 /proc/loadavg))"

psql_ -d "$db" -c checkpoint
t=$(now)
api -X POST -H 'Content-Type: application/x-ndjson' -T "$work/answers.jsonl" "http://127.0.0.1:$port/api/projects/$p1/answers/import" >"$work/import.json"
import_s=$(secs "$t" "$(now)")
echo "HTTP import (fill slots, judge escalation): ${import_s} s -> $(cat "$work/import.json") (load $(cut -d' ' -f1-3 /proc/loadavg))"
echo "ratio import/copy = $(echo "$import_s $copy_s" | awk '{printf "%.2f", $1/$2}')"

psql_ -d "$db" -c checkpoint
t=$(now)
api -X POST -H 'Content-Type: application/x-ndjson' -T "$work/answers.jsonl" "http://127.0.0.1:$port/api/projects/$p3/answers/import?fill_slots=false" >"$work/import3.json"
plain_s=$(secs "$t" "$(now)")
echo "HTTP import with fill_slots=false: ${plain_s} s (ratio $(echo "$plain_s $copy_s" | awk '{printf "%.2f", $1/$2}'))"
echo "progress of the imported project: $(api "http://127.0.0.1:$port/api/projects/$p1/progress")"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
grep -h "records; read" "$work/server.log" || true
