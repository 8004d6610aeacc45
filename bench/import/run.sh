#!/usr/bin/env bash
# Import benchmark (issue 4): N items (default 1,000,000) of ~300 bytes as JSONL, imported over HTTP into a running
# server (java -jar server/target/kappa.jar on the machine's PostgreSQL), against psql \copy of the same rows into
# the same items table as the reference; then the export of those items. The server's heap is sampled with jstat
# every second throughout. Usage: bench/import/run.sh [N] [server -Xmx, default 256m]
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-1000000}
xmx=${2:-256m}
jar=server/target/kappa.jar
[ -f "$jar" ] || mvn -B -q package -DskipTests
pg_host=${PGHOST:-127.0.0.1}; pg_port=${PGPORT:-5432}; pg_user=${PGUSER:-postgres}
db=kappa_bench_$(date +%s)
work=$(mktemp -d /tmp/kappa-bench.XXXXXX)
port=18124
key=kappa_bench_admin_key_0123456789abc
psql_() { psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -v ON_ERROR_STOP=1 -qAt "$@"; }
cleanup() {
  [ -n "${sampler:-}" ] && kill "$sampler" 2>/dev/null || true
  [ -n "${server:-}" ] && kill -TERM "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  psql_ -d postgres -c "drop database if exists $db with (force)" || true
  rm -rf "$work"
}
trap cleanup EXIT
now() { date +%s.%N; }
secs() { echo "$1 $2" | awk '{printf "%.1f", $2 - $1}'; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1), $(psql --version)"
psql_ -d postgres -c "create database $db"
# The generated files are kept (deterministic for a given N) so that repeated runs measure only Kappa and PostgreSQL.
data=${KAPPA_BENCH_DATA:-/tmp/kappa-bench-data}/$n
if [ ! -f "$data/items.copy" ]; then
  mkdir -p "$data"; t=$(now)
  python3 bench/import/generate.py "$n" "$data/items.jsonl" "$data/items.copy.tmp" 2 && mv "$data/items.copy.tmp" "$data/items.copy"
  echo "generated in $(secs "$t" "$(now)") s"
fi
echo "$n items: $(du -m "$data/items.jsonl" | cut -f1) MiB JSONL ($(awk "BEGIN{printf \"%.0f\", $(stat -c %s "$data/items.jsonl")/$n}") bytes/item); load average $(cut -d' ' -f1-3 /proc/loadavg)"

KAPPA_HTTP_PORT=$port KAPPA_HTTP_HOST=127.0.0.1 KAPPA_DATABASE_URL="jdbc:postgresql://$pg_host:$pg_port/$db" \
  KAPPA_DATABASE_USER="$pg_user" KAPPA_ADMIN_EMAIL=bench@kappa.local KAPPA_ADMIN_PASSWORD=bench-password-1 \
  KAPPA_ADMIN_API_KEY=$key java -Xmx"$xmx" -jar "$jar" >"$work/server.log" 2>&1 &
server=$!
until curl -sf "http://127.0.0.1:$port/ready" >/dev/null; do
  kill -0 "$server" 2>/dev/null || { echo "the server did not start:"; tail -5 "$work/server.log"; exit 1; }
  sleep 0.2
done
# jstat: heap used (KiB) = S0U + S1U + EU + OU, sampled every second.
jstat -gc "$server" 1000 | awk 'NR > 1 {printf "%.0f\n", ($3 + $4 + $6 + $8) / 1024; fflush()}' >"$work/heap.mib" &
sampler=$!
api() { curl -sS -H "Authorization: Bearer $key" "$@"; }
schema='{"kind": "single", "labels": [{"key": "pos"}, {"key": "neg"}]}'
p1=$(api -H 'Content-Type: application/json' -d "{\"name\": \"bench\", \"schema\": $schema}" "http://127.0.0.1:$port/api/projects" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
p2=$(api -H 'Content-Type: application/json' -d "{\"name\": \"copy reference\", \"schema\": $schema}" "http://127.0.0.1:$port/api/projects" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
[ "$p2" = 2 ] || { echo "expected the reference project to have id 2, got $p2"; exit 1; }

heap_mark() { wc -l <"$work/heap.mib"; }
heap_max_since() { tail -n +"$1" "$work/heap.mib" | sort -n | tail -1; }

# Each timed write starts right after a checkpoint, so neither side pays for flushing the other's pages or for the
# full-page images that follow a checkpoint started mid-run.
psql_ -d "$db" -c checkpoint
t=$(now)
psql_ -d "$db" -c "\\copy items (project_id, external_id, data, gold, meta, seq, sample_key) from '$data/items.copy'"
copy_s=$(secs "$t" "$(now)")
echo "psql \\copy of the same rows into items (first, into the empty table): ${copy_s} s"

psql_ -d "$db" -c checkpoint
m=$(heap_mark); t=$(now)
api -X POST -H 'Content-Type: application/x-ndjson' -T "$data/items.jsonl" "http://127.0.0.1:$port/api/projects/$p1/items" >"$work/import.json"
import_s=$(secs "$t" "$(now)"); import_heap=$(heap_max_since "$((m + 1))")
echo "HTTP import: ${import_s} s -> $(cat "$work/import.json"); server heap used max ${import_heap} MiB (-Xmx$xmx)"

echo "ratio import/copy = $(echo "$import_s $copy_s" | awk '{printf "%.2f", $1/$2}')"
m=$(heap_mark); t=$(now)
api -o "$work/export.jsonl" "http://127.0.0.1:$port/api/projects/$p1/export?format=jsonl"
export_s=$(secs "$t" "$(now)"); export_heap=$(heap_max_since "$((m + 1))")
echo "JSONL export: ${export_s} s, $(wc -l <"$work/export.jsonl") lines, $(du -m "$work/export.jsonl" | cut -f1) MiB; server heap used max ${export_heap} MiB"
m=$(heap_mark); t=$(now)
api -o "$work/export.csv" "http://127.0.0.1:$port/api/projects/$p1/export?format=csv"
echo "CSV export: $(secs "$t" "$(now)") s, $(du -m "$work/export.csv" | cut -f1) MiB; server heap used max $(heap_max_since "$((m + 1))") MiB"
echo "counts: $(psql_ -d "$db" -c "select project_id, count(*) from items group by 1 order by 1" | tr '\n' ' ')"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
grep -h "records; read" "$work/server.log" || true
jcmd "$server" GC.heap_info | sed -n '2,3p'
