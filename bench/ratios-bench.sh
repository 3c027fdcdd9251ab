#!/usr/bin/env bash
# Runs bench/ratios-bench.ts (compiled to dist/bench/) against this checkout's local
# services, started here if they are not running. BENCH_SECONDS, BENCH_PAIRS, BENCH_JOURNEYS. Not part
# of the test suite.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/services.sh start
eval "$(bash scripts/services.sh env)"
# The bench creates its own databases: it runs as the schema owner throughout.
export DATABASE_URL=${MIGRATION_DATABASE_URL:-$DATABASE_URL}
exec node dist/bench/ratios-bench.js
