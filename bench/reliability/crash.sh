#!/usr/bin/env bash
# Crash run (issue 15), longer than the test in mvn verify: two server processes, annotators failing over between
# them, the second process killed with kill -9 ROUNDS times (brought back on its port in between), then checks that
# 0 acknowledged answers are lost, 0 are duplicated and every item has exactly its overlap.
# Usage: bench/reliability/crash.sh [items=400] [annotators=40] [rounds=5]
# Uses the test PostgreSQL (127.0.0.1:5432, or KAPPA_TEST_PG_URL, or an embedded one when none answers).
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q verify -pl server -am -Dtest=CrashTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dkappa.reliability.items=${1:-400} -Dkappa.reliability.annotators=${2:-40} -Dkappa.reliability.rounds=${3:-5}
grep -h "CrashTest:" server/target/surefire-reports/dev.kappa.reliability.CrashTest-output.txt || true
grep -h "Tests run" server/target/surefire-reports/dev.kappa.reliability.CrashTest.txt
