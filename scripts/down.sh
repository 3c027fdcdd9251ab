#!/usr/bin/env bash
# npm run down: stop what `npm run up` started (api, worker, PostgreSQL, Redis, mail sink).
set -euo pipefail
LOG_PREFIX=down
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ROOT=$(checkout_root)
RUN=$ROOT/.data/run
for process in api worker; do
  if pid=$(read_pid "$RUN/$process.pid") && pid_alive "$pid" && pid_cmdline_has "$pid" "dist/src/"; then
    log "stopping the $process (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    wait_gone 20 "$pid" || kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$RUN/$process.pid"
done
bash "$ROOT/scripts/services.sh" stop
