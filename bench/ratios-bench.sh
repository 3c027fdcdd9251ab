#!/usr/bin/env bash
# Runs bench/ratios-bench.ts (compiled to dist/bench/) against this checkout's local
# services, started here if they are not running. BENCH_SECONDS, BENCH_PAIRS, BENCH_JOURNEYS. Not part
# of the test suite.
#
# Then issue 20's other rows, each measured by its own bench at the issue's size (their data
# is far larger than the read and referral rows'), and their ratio lines printed here:
#   - the reminder sweep over 500,000 open and 500,000 met duties (bench:sweep);
#   - the CSV import of 100,000 rows and the worker's peak memory (bench:referrals);
#   - the compliance report against its plain aggregate at 100,000 journeys (bench:reports;
#     its database is kept between runs, the first run seeds it in about 2.5 minutes).
# BENCH_ONLY (a row of the first part), BENCH_PROFILE or BENCH_FAST=1 skip them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/services.sh start
eval "$(bash scripts/services.sh env)"
# The bench creates its own databases: it runs as the schema owner throughout.
export DATABASE_URL=${MIGRATION_DATABASE_URL:-$DATABASE_URL}
node dist/bench/ratios-bench.js
if [[ -n ${BENCH_ONLY:-} || ${BENCH_PROFILE:-} == 1 || ${BENCH_FAST:-} == 1 ]]; then exit 0; fi

log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
pairs=${BENCH_PAIRS:-3}
echo
echo "reminder sweep, 500,000 open + 500,000 met duties (bench:sweep, $pairs alternated pairs):"
env -u BENCH_JOURNEYS BENCH_DUTIES=500000 BENCH_PAIRS="$pairs" node dist/bench/sweep-bench.js >"$log/sweep" 2>&1 || { cat "$log/sweep"; exit 1; }
grep -E '^ratio:' "$log/sweep" | sed 's/^/  /'
echo "CSV import, 100,000 rows (bench:referrals; goal: at least 0.30 of COPY, worker under 300 MB):"
BENCH_CSV_ROWS=100000 BENCH_API_ROWS=1000 node dist/bench/referrals-bench.js >"$log/csv" 2>&1 || { cat "$log/csv"; exit 1; }
grep -E '^(csv|copy)' "$log/csv" | sed 's/^/  /'
echo "compliance report against its plain aggregate, 100,000 journeys (bench:reports, ${BENCH_RUNS:-11} alternated runs):"
BENCH_JOURNEYS=100000 BENCH_RUNS=${BENCH_RUNS:-11} BENCH_REFRESH=${BENCH_REFRESH:-1} node dist/bench/reports-bench.js >"$log/reports" 2>&1 || { cat "$log/reports"; exit 1; }
sed -n '/^report against its plain aggregate/,$p' "$log/reports" | sed 's/^/  /'
