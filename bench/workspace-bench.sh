#!/usr/bin/env bash
# Runs bench/workspace-bench.ts (compiled to dist/bench/) against this checkout's local
# services, started here if they are not running. BENCH_JOURNEYS (default 20000),
# BENCH_RUNS (60), BENCH_FRESH=1. Not part of the test suite.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/services.sh start
eval "$(bash scripts/services.sh env)"
node scripts/build-assets.mjs
exec node dist/bench/workspace-bench.js
