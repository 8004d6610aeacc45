#!/usr/bin/env bash
# The realistic crowd (issue 18): 1,000 annotators, each thinking 2-8 s (uniform) between an item and its answer, for
# 5 minutes after a 15 s warm-up, against the same server and data as run.sh (100,000 items, crowd overlap 3).
# Reports next and submit p50/p99/p99.9, answers per second, errors, and the CPU share of server and PostgreSQL.
# Usage: [THINK=2000:8000] bench/assignment/crowd.sh [annotators=1000] [seconds=300]
set -euo pipefail
cd "$(dirname "$0")/../.."
THINK=${THINK:-2000:8000} WARMUP=${WARMUP:-15} CLIENTS=" " exec bench/assignment/run.sh 100000 "${1:-1000}" "${2:-300}"
