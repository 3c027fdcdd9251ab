#!/usr/bin/env bash
# Runs bench/reminders-bench.ts (compiled to dist/bench/) against this checkout's local
# services, started here if they are not running; the bench starts the api and the worker
# (dist/src/main.js, dist/src/worker.js) itself. Size: BENCH_REMINDERS (default 10,000);
# BENCH_LEAD_SECONDS, BENCH_TIMEOUT_SECONDS. Not part of the test suite.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/services.sh start
eval "$(bash scripts/services.sh env)"
# The bench creates its own databases: it runs as the schema owner throughout.
export DATABASE_URL=${MIGRATION_DATABASE_URL:-$DATABASE_URL}
exec node dist/bench/reminders-bench.js
