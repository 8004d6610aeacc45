#!/usr/bin/env bash
# Cold start to ready: time from `java -jar` until /ready answers 200, with the embedded database already
# initialised (the first run initialises it and is reported separately). Usage: bench/coldstart.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
jar=server/target/kappa.jar
[ -f "$jar" ] || mvn -B -q package -DskipTests
dir=$(mktemp -d)
port=18123
once() {
  local t0 t1 pid
  t0=$(date +%s%N)
  KAPPA_DATA_DIR="$dir" KAPPA_HTTP_PORT=$port java -jar "$jar" >"$dir/log" 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/ready" >/dev/null; do sleep 0.02; done
  t1=$(date +%s%N)
  kill -TERM $pid; wait $pid || true
  echo $(( (t1 - t0) / 1000000 ))
}
echo "first start (initdb + migrations): $(once) ms"
for i in $(seq 1 "$runs"); do echo "warm data dir, run $i: $(once) ms"; done
rm -rf "$dir"
