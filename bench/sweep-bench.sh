#!/usr/bin/env bash
# Runs bench/sweep-bench.ts (compiled to dist/bench/) against this checkout's local
# services, started here if they are not running. Size: BENCH_DUTIES (default 1,000,000);
# BENCH_NOW moves the fixed clock; BENCH_KEEP=1 keeps the database. Not part of the test suite.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/services.sh start
eval "$(bash scripts/services.sh env)"
# The bench creates its own databases: it runs as the schema owner throughout.
export DATABASE_URL=${MIGRATION_DATABASE_URL:-$DATABASE_URL}
exec node dist/bench/sweep-bench.js
