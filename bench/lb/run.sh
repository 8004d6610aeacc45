#!/usr/bin/env bash
# Load balancer failover (issue 15): Debian's nginx in front of three Kappa processes on this machine, 200 simulated
# annotators (server/src/test/java/dev/kappa/bench/LoadGenerator, submits retried with the same lease as the
# labeling screen's outbox does), and one process killed with kill -9 in the middle of the run. Checks afterwards, in
# the database, that every acknowledged answer is stored, none twice, and no item has more answers than its overlap.
# Usage: [POOL=8] bench/lb/run.sh [items=20000] [annotators=200] [seconds=40] [kill_after_seconds=15]
# Needs the machine's PostgreSQL at 127.0.0.1:5432 (trust); uses the database kappa_lb_bench (dropped and re-created).
# nginx runs as a plain process with its own prefix under bench/out/lb (never the system service).
set -euo pipefail
cd "$(dirname "$0")/../.."
ITEMS=${1:-20000}; N=${2:-200}; SECS=${3:-40}; KILL_AFTER=${4:-15}
POOL=${POOL:-8}
PG="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q"
LB=18480; PORTS=(18481 18482 18483); KEY=bench_admin_key_0123456789abcdef
out=bench/out/lb; mkdir -p $out/logs $out/tmp
[ -f server/target/kappa.jar ] || mvn -B -q package -DskipTests
[ -d server/target/test-classes/dev/kappa/bench ] || mvn -B -q package -DskipTests   # compiles the load generator too
$PG -d postgres -c "DROP DATABASE IF EXISTS kappa_lb_bench WITH (FORCE)" -c "CREATE DATABASE kappa_lb_bench"
URL=jdbc:postgresql://127.0.0.1:5432/kappa_lb_bench
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; [ -f $out/nginx.pid ] && kill "$(cat $out/nginx.pid)" 2>/dev/null || true; }
trap cleanup EXIT
start_kappa() { # port
  KAPPA_DATABASE_URL=$URL KAPPA_DATABASE_USER=postgres KAPPA_HTTP_PORT=$1 KAPPA_HTTP_HOST=127.0.0.1 KAPPA_DB_POOL_SIZE=$POOL \
    KAPPA_ADMIN_EMAIL=admin@bench.local KAPPA_ADMIN_PASSWORD=bench-password KAPPA_ADMIN_API_KEY=$KEY KAPPA_TRUSTED_PROXIES=127.0.0.1 \
    java -Xmx512m -jar server/target/kappa.jar > $out/kappa-$1.log 2>&1 &
  PIDS+=($!)
}
start_kappa ${PORTS[0]}
until curl -sf localhost:${PORTS[0]}/ready >/dev/null; do sleep 0.3; done   # the first one migrates the schema
start_kappa ${PORTS[1]}; start_kappa ${PORTS[2]}
for p in ${PORTS[1]} ${PORTS[2]}; do until curl -sf localhost:$p/ready >/dev/null; do sleep 0.3; done; done

cat > $out/nginx.conf <<CONF
worker_processes 1;
pid $PWD/$out/nginx.pid;
error_log $PWD/$out/logs/error.log warn;
events { worker_connections 4096; }
http {
    access_log $PWD/$out/logs/access.log;
    client_body_temp_path $PWD/$out/tmp/body;
    proxy_temp_path $PWD/$out/tmp/proxy;
    fastcgi_temp_path $PWD/$out/tmp/fastcgi;
    uwsgi_temp_path $PWD/$out/tmp/uwsgi;
    scgi_temp_path $PWD/$out/tmp/scgi;
    upstream kappa {
        least_conn;
        server 127.0.0.1:${PORTS[0]} max_fails=1 fail_timeout=5s;
        server 127.0.0.1:${PORTS[1]} max_fails=1 fail_timeout=5s;
        server 127.0.0.1:${PORTS[2]} max_fails=1 fail_timeout=5s;
        keepalive 64;
    }
    server {
        listen 127.0.0.1:$LB;
        include $PWD/deploy/nginx/kappa-locations.conf;
    }
}
CONF
nginx -t -p $PWD/$out -c $PWD/$out/nginx.conf -g 'daemon off;' 2>&1 | tail -1
nginx -p $PWD/$out -c $PWD/$out/nginx.conf -g 'daemon off;' &
until curl -sf localhost:$LB/ready >/dev/null; do sleep 0.2; done

api() { curl -sf -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' "$@"; }
P=$(api -d '{"name":"lb","schema":{"kind":"single","labels":[{"key":"pos","name":"Pos"},{"key":"neg","name":"Neg"}]},"overlap":{"crowd":3,"expert":0},"lease_ttl_seconds":30}' \
  localhost:$LB/api/projects | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
$PG -d kappa_lb_bench -c "INSERT INTO items (project_id, external_id, data, seq, sample_key)
  SELECT $P, 'i' || g, jsonb_build_object('text', 'item ' || g), g, (g * 0.6180339887) % 1 FROM generate_series(1, $ITEMS) g"
api -X PATCH -d '{"overlap":{"crowd":3,"expert":0}}' localhost:$LB/api/projects/$P >/dev/null   # syncs the slots
$PG -d kappa_lb_bench -c "INSERT INTO users (display_name, role, tier, external_id) SELECT 'w' || g, 'annotator', 'crowd', 'w' || g FROM generate_series(1, $N) g"
$PG -d kappa_lb_bench -c "INSERT INTO api_tokens (user_id, name, token_hash, prefix) SELECT id, 'bench', sha256(('bench' || id)::bytea), 'bench' FROM users WHERE role = 'annotator'"
$PG -d kappa_lb_bench -c "INSERT INTO project_members (project_id, user_id) SELECT $P, id FROM users WHERE role = 'annotator'"
$PG -d kappa_lb_bench -c "VACUUM ANALYZE"
$PG -d kappa_lb_bench -Atc "SELECT 'bench' || id FROM users WHERE role = 'annotator' ORDER BY id" > $out/tokens.txt

# The shaded server jar carries Vert.x, all the load generator needs besides its own class.
CP="server/target/test-classes:server/target/kappa.jar"
echo "== $N annotators through nginx to 3 Kappa processes, $ITEMS items, ${SECS}s measured (5 s warm-up); kill -9 of process 2 at +$((5 + KILL_AFTER))s"
uptime
( sleep $((5 + KILL_AFTER)); echo "== kill -9 $(date -u +%T) pid ${PIDS[1]} (port ${PORTS[1]})"; kill -9 "${PIDS[1]}" ) &
java -cp "$CP" dev.kappa.bench.LoadGenerator http://127.0.0.1:$LB $P $SECS $out/tokens.txt 5 $out/acknowledged.txt | tee $out/load.txt
uptime
echo "== nginx: responses by status"
awk '{print $9}' $out/logs/access.log | sort | uniq -c | sort -rn | head
echo "== database checks"
$PG -d kappa_lb_bench -c "CREATE TEMP TABLE ack (id bigint)" -c "\\copy ack FROM '$out/acknowledged.txt'" -At -c "
  SELECT 'acknowledged answers: ' || (SELECT count(*) FROM ack)
  UNION ALL SELECT 'acknowledged but not stored (lost): ' || (SELECT count(*) FROM ack WHERE id NOT IN (SELECT id FROM answers))
  UNION ALL SELECT 'stored answers: ' || (SELECT count(*) FROM answers WHERE project_id = $P)
  UNION ALL SELECT 'stored but never acknowledged (response lost with the killed process): ' || (SELECT count(*) FROM answers WHERE project_id = $P AND id NOT IN (SELECT id FROM ack))
  UNION ALL SELECT 'duplicates (same item and annotator): ' || (SELECT count(*) FROM (SELECT 1 FROM answers WHERE project_id = $P GROUP BY item_id, annotator_id HAVING count(*) > 1) x)
  UNION ALL SELECT 'two answers on one lease: ' || (SELECT count(*) FROM (SELECT 1 FROM answers WHERE project_id = $P GROUP BY lease_id HAVING count(*) > 1) x)
  UNION ALL SELECT 'items over their overlap of 3: ' || (SELECT count(*) FROM (SELECT 1 FROM answers WHERE project_id = $P GROUP BY item_id HAVING count(*) > 3) x)" | tee $out/checks.txt
