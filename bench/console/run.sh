#!/usr/bin/env bash
# Issue 13's console page timings: a project of 1,020,000 answers by 200 annotators made by SQL in the machine's
# PostgreSQL (127.0.0.1:5432, trust auth, as for the tests; KAPPA_TEST_PG_URL overrides it), then each console page
# opened in Debian's headless Chromium and timed to "usable" (every chart drawn, nothing loading). Prints a Markdown
# table and the load average. Usage: bench/console/run.sh [opens per page, default 3]
set -euo pipefail
cd "$(dirname "$0")/../.."
# Build with the reactor (this worktree's db module), then test classes; nothing is installed into ~/.m2.
# The classpath is resolved in the same reactor run, so kappa-db and kappa-web are this worktree's target/classes.
mvn -B -q test-compile dependency:build-classpath -pl server -am -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/server/target/bench.classpath"
cp=$(cat server/target/bench.classpath)
exec java -Xmx3g -cp "server/target/test-classes:server/target/classes:$cp" dev.kappa.web.ConsolePagesBench "${1:-3}"
