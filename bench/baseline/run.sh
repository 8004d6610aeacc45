#!/usr/bin/env bash
# Issue 7's baseline benchmark: issue 6's 1,000,000 answers with gold on every item and 3 model runs, the full
# baseline report with 1,000 bootstrap resamples over HTTP against each reference, the leaderboard, and the maths
# alone in memory. Needs the machine's PostgreSQL at 127.0.0.1:5432 (trust auth, as for the tests;
# KAPPA_TEST_PG_URL overrides it). Usage: bench/baseline/run.sh [timed runs per request, default 3]
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib.sh
rm -f server/target/bench.classpath   # always rebuild: the bench times this checkout's code
cp=$(bench_classpath server/target/bench.classpath)
exec java -Xmx3g -cp "$cp" dev.kappa.bench.BaselineBenchmark "${1:-3}"
