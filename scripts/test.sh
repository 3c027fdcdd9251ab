#!/usr/bin/env bash
# npm test: everything from a fresh clone. Installs what is missing, starts the local
# PostgreSQL, Redis and mail sink (unless DATABASE_URL/REDIS_URL/SMTP_URL are set),
# compiles dist/ and type-checks (side by side, incrementally), runs the tests against the
# real services, prints the total time, the 10 slowest files and last the totals as one
# line `N passed, N failed`, and stops the services it started.
#
# With no arguments: the pure libraries with their coverage threshold (coverage is
# collected there only), then the unit and integration projects. Extra arguments go to
# one jest run without coverage (e.g. `npm test -- test/identity`), which exits 0 when the
# selected tests pass. JEST_WORKERS sets jest's --maxWorkers (default 2).
#
# The web workspace's browser tests (test/web/*.pw.ts, Playwright on Debian's chromium,
# installed when missing) run against one app on a database of their own, beside jest in
# a whole run and after it otherwise; their results are in the totals. Arguments under test/web run only those browser tests.
set -euo pipefail
LOG_PREFIX=test
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=scripts/deps.sh
source "$(dirname "${BASH_SOURCE[0]}")/deps.sh"

started_at=$(now_ms)
ROOT=$(checkout_root)
cd "$ROOT"
ensure_node_modules

# Which runners this run needs: arguments under test/web are browser tests.
jest_args=()
web_args=()
for arg in "$@"; do
  if [[ $arg == test/web* ]]; then web_args+=("$arg"); else jest_args+=("$arg"); fi
done
run_jest=1
run_web=1
if (($# > 0)); then
  ((${#jest_args[@]} > 0)) || run_jest=0
  ((${#web_args[@]} > 0)) || run_web=0
fi
if ((run_web)); then ensure_chromium; fi

# Stop afterwards only the services this run starts: one already up (`npm run up` in
# another terminal, a bench) is left running, even when another one was down.
mapfile -t started_here < <(bash scripts/services.sh status 2>/dev/null | awk '$2 == "stopped" { print $1 }')
stop_services() {
  if ((${#started_here[@]} > 0)); then bash scripts/services.sh stop "${started_here[@]}" || true; fi
}
trap stop_services EXIT

mkdir -p .data
# dist/ (for the migrations the test set-up runs and the worker processes the fault tests
# start) and the type check of everything, tests included, are two incremental tsc runs:
# one core each, while the services start.
log "compiling dist/ and type-checking"
npx --no-install tsc -p tsconfig.build.json --incremental --tsBuildInfoFile .data/tsc-build.tsbuildinfo >.data/tsc-build.log 2>&1 &
build_pid=$!
npx --no-install tsc -p tsconfig.json --noEmit --incremental --tsBuildInfoFile .data/tsc-check.tsbuildinfo >.data/tsc-check.log 2>&1 &
check_pid=$!
# The workspace's stylesheet (skipped when up to date), for the browser tests.
assets_pid=
if ((run_web)); then
  node scripts/build-assets.mjs >.data/assets-build.log 2>&1 &
  assets_pid=$!
fi

bash scripts/services.sh start
eval "$(bash scripts/services.sh env)"
export DATABASE_URL MIGRATION_DATABASE_URL REDIS_URL SMTP_URL MAIL_SINK_DIR

compiled=0
wait "$build_pid" || { cat .data/tsc-build.log >&2; compiled=1; }
wait "$check_pid" || { cat .data/tsc-check.log >&2; compiled=1; }
if [[ -n $assets_pid ]]; then wait "$assets_pid" || { cat .data/assets-build.log >&2; compiled=1; }; fi
if ((compiled != 0)); then
  log "the code does not compile or type-check (above)"
  echo "0 passed, 1 failed"
  exit 1
fi

workers=${JEST_WORKERS:-2}
jest_run() {
  local results=$1
  shift
  rm -f "$results"
  NODE_OPTIONS=--experimental-vm-modules npx --no-install jest --ci --maxWorkers="$workers" --json --outputFile="$results" "$@"
}

# One browser, one app, the tests one after another (playwright.config.ts); the app's port
# is the first free one from 39123.
web_run() {
  local results=.data/playwright-results.json
  rm -f "$results"
  mkdir -p .data/run .data/logs
  WEB_TEST_PORT=$(first_free_port 39123) || die "no free port for the browser tests' app near 39123"
  export WEB_TEST_PORT
  npx --no-install playwright test "$@"
}

status=0
set +e
results=()
if (($# == 0)); then
  # The whole suite: the browser tests run beside jest, not after it. They spend most of
  # their time waiting on the browser and their one app, and jest's fault tests wait on
  # timers, so together they fill the two cores that either leaves idle (scripts/test.sh
  # took 10.6 min one after the other). Their output is shown when they finish.
  web_pid=
  if ((run_web)); then
    mkdir -p .data/logs
    log "running the browser tests (Playwright) beside jest; output: .data/logs/playwright.log"
    web_run >.data/logs/playwright.log 2>&1 &
    web_pid=$!
  fi
  log "running jest: libs (with coverage)"
  jest_run .data/jest-libs.json --selectProjects libs --coverage || status=1
  log "running jest: unit and integration"
  jest_run .data/jest-app.json --selectProjects unit integration || status=1
  results=(.data/jest-libs.json .data/jest-app.json)
  if [[ -n $web_pid ]]; then
    log "waiting for the browser tests"
    wait "$web_pid" || status=1
    cat .data/logs/playwright.log
    results+=(.data/playwright-results.json)
  fi
  run_web=0
elif ((run_jest)); then
  log "running jest ${jest_args[*]}"
  jest_run .data/jest-results.json "${jest_args[@]}" || status=1
  results=(.data/jest-results.json)
fi
if ((run_web)); then
  log "running the browser tests (Playwright)${web_args[*]:+ ${web_args[*]}}"
  web_run "${web_args[@]}" || status=1
  results+=(.data/playwright-results.json)
fi
set -e

# Stop the services first, so the totals are the last line printed.
trap - EXIT
stop_services

node scripts/test-summary.mjs "$started_at" "${results[@]}"
exit "$status"
