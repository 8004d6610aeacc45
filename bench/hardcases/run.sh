#!/usr/bin/env bash
# Hard-case benchmark (issue 8): how fast each queue strategy finds the model's errors, labeling through the real
# server (tasks/next + submit, recompute after every 1% of labels). Prints markdown tables for BENCHMARKS.md.
# Usage: bench/hardcases/run.sh [items=10000] [seed=1] [annotator_noise=0.03]
# Needs the machine's PostgreSQL at 127.0.0.1:5432 (trust): the server runs on a fresh database, dropped at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=bench/out; mkdir -p $out
. bench/lib.sh
CP=$(bench_classpath $out/cp.txt)
java -Xmx1g -cp "$CP" dev.kappa.bench.HardCaseBench "${1:-10000}" "${2:-1}" "${3:-0.03}" \
  2> $out/hardcases.log | tee $out/hardcases.md \
  || { echo "bench: FAILED: HardCaseBench; $out/hardcases.log ends:" >&2; tail -20 $out/hardcases.log >&2; exit 1; }
