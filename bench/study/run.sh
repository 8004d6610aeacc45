#!/usr/bin/env bash
# Issue 19's simulated truth at full size (pure computation, no database): interval coverage over repeated simulated
# studies with and without annotator clustering, qualification filtering, and the planner's widths.
# Usage: bench/study/run.sh [studies per scenario, default 500] [bootstrap resamples, default 500]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q test-compile -pl server -am
exec java -Xmx1g -cp "server/target/test-classes:server/target/classes" dev.kappa.bench.StudyCoverageBench "${1:-500}" "${2:-500}"
