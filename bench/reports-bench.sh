#!/usr/bin/env bash
# Runs bench/reports-bench.ts (compiled to dist/bench/) against this checkout's local
# services, started here if they are not running. Size: BENCH_JOURNEYS (default 1000000);
# BENCH_RUNS, BENCH_FRESH=1, BENCH_AREAS (43: every police force area), BENCH_ONLY (the reports and
# ratio rows whose name contains it), BENCH_REFRESH=0 (time
# the reports against the rollups as they are). Not part of the test suite.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/services.sh start
eval "$(bash scripts/services.sh env)"
# The bench creates its own databases: it runs as the schema owner throughout.
export DATABASE_URL=${MIGRATION_DATABASE_URL:-$DATABASE_URL}
exec node dist/bench/reports-bench.js
