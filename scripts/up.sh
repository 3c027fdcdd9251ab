#!/usr/bin/env bash
# npm run up: the service with demo data on local services, from a fresh clone.
# Installs what is missing, starts PostgreSQL, Redis and the mail sink (unless
# DATABASE_URL/REDIS_URL/SMTP_URL are set), builds, migrates, loads demo data, then
# serves the api and the worker in the foreground (Ctrl-C stops both).
set -euo pipefail
LOG_PREFIX=up
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=scripts/deps.sh
source "$(dirname "${BASH_SOURCE[0]}")/deps.sh"

ROOT=$(checkout_root)
cd "$ROOT"
RUN=$ROOT/.data/run
mkdir -p "$RUN" "$ROOT/.data/logs"

ensure_node_modules

# A previous `up` that crashed may have left its api or worker running: stop them.
for process in api worker; do
  if pid=$(read_pid "$RUN/$process.pid") && pid_alive "$pid" && pid_cmdline_has "$pid" "dist/src/"; then
    log "stopping the $process left by an earlier run (pid $pid)"
    kill "$pid" 2>/dev/null || true
    wait_gone 15 "$pid" || kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$RUN/$process.pid"
done

bash scripts/services.sh start
eval "$(bash scripts/services.sh env)"
export DATABASE_URL MIGRATION_DATABASE_URL REDIS_URL SMTP_URL MAIL_SINK_DIR
export NODE_ENV=${NODE_ENV:-development}

log "building"
npx --no-install tsc -p tsconfig.build.json
# The web workspace's stylesheet (GOV.UK and MoJ Frontend in Arial); skipped when up to date.
node scripts/build-assets.mjs

log "migrating the database"
node dist/src/composition/migrate.js run >&2

log "loading demo data"
node dist/src/composition/demo/load-demo-data.js

if [[ -z ${PORT:-} ]]; then
  PORT=3000
  if port_in_use "$PORT"; then
    PORT=$(first_free_port 3001) || die "no free port for the api near 3000; set PORT"
    log "port 3000 is taken; the api uses $PORT"
  fi
fi
export PORT
if [[ -z ${WORKER_HEALTH_PORT:-} ]]; then
  WORKER_HEALTH_PORT=$(first_free_port $((PORT + 1)) "$PORT") || die "no free port for the worker; set WORKER_HEALTH_PORT"
fi
export WORKER_HEALTH_PORT

children=()
shutdown() {
  trap - INT TERM EXIT
  log "stopping the api and the worker"
  for pid in "${children[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${children[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -f "$RUN/api.pid" "$RUN/worker.pid"
  log "stopped (PostgreSQL, Redis and the mail sink keep running; npm run down stops them)"
}
trap shutdown INT TERM EXIT

node dist/src/main.js &
children+=($!)
echo $! >"$RUN/api.pid"
# A 512 MB heap (WORKER_MAX_OLD_SPACE_MB): V8 collects before the worker grows past ~300 MB (issue 20).
node --max-old-space-size="${WORKER_MAX_OLD_SPACE_MB:-512}" dist/src/worker.js &
children+=($!)
echo $! >"$RUN/worker.pid"

if wait_for 60 tcp_answers "$PORT"; then
  log "web:     http://127.0.0.1:$PORT/   (sign in as caseworker@demo.invalid, supervisor@demo.invalid or admin@demo.invalid, password demo-password-2026)"
  log "api:     http://127.0.0.1:$PORT/api/v1   (OpenAPI: http://127.0.0.1:$PORT/docs, ready: /health/ready)"
  log "worker:  ready: http://127.0.0.1:$WORKER_HEALTH_PORT/health/ready"
  log "mail:    messages land in $MAIL_SINK_DIR"
  log "stop:    Ctrl-C here, then npm run down"
else
  die "the api did not start listening on port $PORT"
fi
# Wait until either process exits (or Ctrl-C), then stop the other.
wait -n "${children[@]}" || true
