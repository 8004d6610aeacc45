#!/usr/bin/env bash
# Issue 6's statistics benchmark: 1,000,000 answers in PostgreSQL, timed agreement / consensus requests over HTTP,
# and Debian's numpy + statsmodels Fleiss' kappa on the same labels as the reference.
# Needs the machine's PostgreSQL at 127.0.0.1:5432 (trust auth, as for the tests; KAPPA_TEST_PG_URL overrides it)
# and /usr/bin/python3 with python3-statsmodels. Usage: bench/stats/run.sh [timed runs per request, default 3]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q install -DskipTests
mvn -B -q -f server/pom.xml dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
# This worktree's own db and web classes, not whatever another checkout last installed into ~/.m2.
cp=$(sed -e 's#[^:]*/kappa-db-[^:]*\.jar#db/target/classes#' -e 's#[^:]*/kappa-web-[^:]*\.jar#web/target/classes#' server/target/bench.classpath)
exec java -Xmx2g -cp "server/target/test-classes:server/target/classes:$cp" dev.kappa.bench.StatsBenchmark "${1:-3}"
