#!/usr/bin/env bash
# Database restart run (issue 15), longer than the test in mvn verify: one server on an embedded PostgreSQL of the
# test's own (the machine's server is never touched), stopped (pg_ctl stop -m fast) and started ROUNDS times under
# load; checks only 503s while down, /ready within its timeout, recovery without a server restart, nothing lost.
# Usage: bench/reliability/restart.sh [items=400] [annotators=30] [rounds=5]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q verify -pl server -am -Dtest=DatabaseRestartTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dkappa.reliability.items=${1:-400} -Dkappa.reliability.annotators=${2:-30} -Dkappa.reliability.rounds=${3:-5}
grep -h "DatabaseRestartTest:" server/target/surefire-reports/dev.kappa.reliability.DatabaseRestartTest-output.txt || true
grep -h "Tests run" server/target/surefire-reports/dev.kappa.reliability.DatabaseRestartTest.txt
