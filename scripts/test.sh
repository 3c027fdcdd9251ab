#!/usr/bin/env bash
# npm test: everything from a fresh clone. Installs what is missing, starts the local
# PostgreSQL, Redis and mail sink (unless DATABASE_URL/REDIS_URL/SMTP_URL are set),
# type-checks, runs every jest project against the real services, prints the totals as
# one line `N passed, N failed`, and stops the services it started.
# Extra arguments go to jest (e.g. `npm test -- test/identity`).
set -euo pipefail
LOG_PREFIX=test
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=scripts/deps.sh
source "$(dirname "${BASH_SOURCE[0]}")/deps.sh"

ROOT=$(checkout_root)
cd "$ROOT"
ensure_node_modules

# Stop afterwards only the services this run starts: one already up (`npm run up` in
# another terminal, a bench) is left running, even when another one was down.
mapfile -t started_here < <(bash scripts/services.sh status 2>/dev/null | awk '$2 == "stopped" { print $1 }')
stop_services() {
  if ((${#started_here[@]} > 0)); then bash scripts/services.sh stop "${started_here[@]}" || true; fi
}
trap stop_services EXIT

bash scripts/services.sh start
eval "$(bash scripts/services.sh env)"
export DATABASE_URL REDIS_URL SMTP_URL MAIL_SINK_DIR

log "type-checking and compiling"
npx --no-install tsc -p tsconfig.json

mkdir -p .data
results=.data/jest-results.json
rm -f "$results"
log "running jest"
set +e
NODE_OPTIONS=--experimental-vm-modules npx --no-install jest --ci --coverage --json --outputFile="$results" "$@"
status=$?
set -e

# Stop the services first, so the totals are the last line printed.
trap - EXIT
stop_services

if [[ -s $results ]]; then
  node -e '
    const r = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
    const failedSuites = r.numFailedTestSuites + (r.numRuntimeErrorTestSuites || 0);
    const skipped = r.numPendingTests + (r.numTodoTests || 0);
    console.log(`${r.numPassedTests} passed, ${r.numFailedTests + (r.numFailedTests === 0 && failedSuites > 0 ? failedSuites : 0)} failed` + (skipped ? `, ${skipped} skipped` : ""));
  ' "$results"
else
  echo "0 passed, 1 failed"
  status=${status:-1}
  ((status != 0)) || status=1
fi
exit "$status"
