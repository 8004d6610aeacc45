#!/usr/bin/env bash
# Issue 6's statistics benchmark: 1,000,000 answers in PostgreSQL, timed agreement / consensus requests over HTTP,
# and Debian's numpy + statsmodels Fleiss' kappa on the same labels as the reference.
# Needs the machine's PostgreSQL at 127.0.0.1:5432 (trust auth, as for the tests; KAPPA_TEST_PG_URL overrides it)
# and /usr/bin/python3 with python3-statsmodels. Usage: bench/stats/run.sh [timed runs per request, default 3]
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib.sh
rm -f server/target/bench.classpath   # always rebuild: the bench times this checkout's code
cp=$(bench_classpath server/target/bench.classpath)
exec java -Xmx2g -cp "$cp" dev.kappa.bench.StatsBenchmark "${1:-3}"
