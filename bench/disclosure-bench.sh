#!/usr/bin/env bash
# Runs bench/disclosure-bench.ts (compiled to dist/bench/): the disclosure attack harness at
# scale, in memory (no services). Size: BENCH_DUTIES (default 200000), BENCH_AREAS (8),
# BENCH_SEED (21). Not part of the test suite (a smaller run is).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec node dist/bench/disclosure-bench.js
