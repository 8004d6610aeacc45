#!/usr/bin/env bash
# Issue 7's baseline benchmark: issue 6's 1,000,000 answers with gold on every item and 3 model runs, the full
# baseline report with 1,000 bootstrap resamples over HTTP against each reference, the leaderboard, and the maths
# alone in memory. Needs the machine's PostgreSQL at 127.0.0.1:5432 (trust auth, as for the tests;
# KAPPA_TEST_PG_URL overrides it). Usage: bench/baseline/run.sh [timed runs per request, default 3]
set -euo pipefail
cd "$(dirname "$0")/../.."
# Build with the reactor (this worktree's db module), then test classes; nothing is installed into ~/.m2.
mvn -B -q test-compile -pl server -am
mvn -B -q -f server/pom.xml dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
# This worktree's own db and web classes, not whatever another checkout last installed into ~/.m2.
cp=$(sed -e 's#[^:]*/kappa-db-[^:]*\.jar#db/target/classes#' -e 's#[^:]*/kappa-web-[^:]*\.jar#web/target/classes#' server/target/bench.classpath)
exec java -Xmx3g -cp "server/target/test-classes:server/target/classes:$cp" dev.kappa.bench.BaselineBenchmark "${1:-3}"
