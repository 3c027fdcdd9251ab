#!/usr/bin/env bash
# Local backing services for this checkout: PostgreSQL 15, Redis 7 and an SMTP
# mail sink, all on 127.0.0.1, all owned by this checkout (state in .data/).
#
#   bash scripts/services.sh start   # start what is not running (idempotent, crash-safe)
#   bash scripts/services.sh stop    # stop what this checkout started (safe when nothing runs);
#                                    # `stop redis mail-sink` stops only those named
#   bash scripts/services.sh status  # one line per service
#   bash scripts/services.sh env     # `export ...` lines: eval "$(bash scripts/services.sh env)"
#   bash scripts/services.sh reset   # stop, then delete this script's state (database, redis, mail, ports)
#
# A service whose URL is already in the environment (DATABASE_URL, REDIS_URL,
# SMTP_URL) is not started; `env` echoes the given value. A URL equal to the one
# this script prints for its own service counts as ours (so `start` still works
# in a shell that has eval'ed `env`).
#
# PostgreSQL has two roles, as a deployment should: `vjs` owns the schema and runs the
# migrations (MIGRATION_DATABASE_URL), and the app connects as `vjs_app` (DATABASE_URL),
# which the migration grants only what the app needs: on audit_log and its seals, INSERT
# and SELECT, so the app can never alter, delete or truncate the audit log.
#
# Layout:
#   .data/services.env        ports chosen for this checkout (defaults 55432/56379/51025)
#   .data/logs/*.log          postgres.log, redis.log, mail-sink.log, apt.log
#   .data/run/*.pid           redis.pid, mail-sink.pid (postgres: .data/pg/postmaster.pid)
#   .data/pg -> /tmp/vjs-<name>-<hash>/pgdata
#                             the cluster lives outside the checkout because the
#                             postgres OS user may not be able to traverse it
#   .data/redis/              redis.conf (regenerated on start) and the AOF
#   .data/mail/*.eml          messages received by the mail sink
#
# Progress goes to stderr; only `status` and `env` write to stdout.
# SERVICES_TIMEOUT (seconds, default 60) bounds every wait.
set -euo pipefail

LOG_PREFIX=services
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ROOT=$(checkout_root)
STATE=$ROOT/.data
LOGS=$STATE/logs
RUN=$STATE/run
PORTS_FILE=$STATE/services.env
TIMEOUT=${SERVICES_TIMEOUT:-60}
[[ $TIMEOUT =~ ^[1-9][0-9]*$ ]] || die "SERVICES_TIMEOUT must be a positive number of seconds"

DEFAULT_PG_PORT=55432
DEFAULT_REDIS_PORT=56379
DEFAULT_SMTP_PORT=51025
PG_PORT=$DEFAULT_PG_PORT
REDIS_PORT=$DEFAULT_REDIS_PORT
SMTP_PORT=$DEFAULT_SMTP_PORT

# PostgreSQL: cluster under /tmp, named after this checkout's absolute path.
name=${ROOT##*/}
name=${name//[^A-Za-z0-9._-]/_}
PG_RUN=/tmp/vjs-${name:0:24}-$(short_hash "$ROOT") # also the unix socket directory
PGDATA_DIR=$PG_RUN/pgdata
PG_LINK=$STATE/pg
PG_LOG=$LOGS/postgres.log
PG_BIN=${PG_BIN:-}
if ((EUID == 0)); then
  PG_OS_USER=postgres # PostgreSQL refuses to run as root
else
  PG_OS_USER=$(id -un)
fi

REDIS_DIR=$STATE/redis
REDIS_CONF=$REDIS_DIR/redis.conf
REDIS_PIDFILE=$RUN/redis.pid
REDIS_LOG=$LOGS/redis.log

SINK_JS=$ROOT/scripts/mail-sink.mjs
MAIL_DIR=$STATE/mail
MAIL_PIDFILE=$RUN/mail-sink.pid
MAIL_LOG=$LOGS/mail-sink.log

# libpq variables from the caller's shell must not redirect our admin commands.
unset PGHOST PGHOSTADDR PGPORT PGDATABASE PGUSER PGPASSWORD PGPASSFILE PGOPTIONS PGSERVICE PGDATA

# ---------------------------------------------------------------- state & ports

ensure_state_dirs() {
  mkdir -p "$STATE" "$LOGS" "$RUN" "$REDIS_DIR" "$MAIL_DIR"
}

load_ports() {
  local key value
  [[ -f $PORTS_FILE ]] || return 0
  while IFS='=' read -r key value; do
    [[ $value =~ ^[0-9]+$ ]] || continue
    case $key in
      PG_PORT | REDIS_PORT | SMTP_PORT) printf -v "$key" '%s' "$value" ;;
    esac
  done <"$PORTS_FILE"
}

save_ports() {
  local tmp=$PORTS_FILE.tmp.$$
  {
    echo '# Ports chosen by scripts/services.sh for this checkout (kept across restarts).'
    echo "PG_PORT=$PG_PORT"
    echo "REDIS_PORT=$REDIS_PORT"
    echo "SMTP_PORT=$SMTP_PORT"
  } >"$tmp"
  mv -f "$tmp" "$PORTS_FILE"
}

# choose_port VAR LABEL: keep the recorded port if free, else take the next
# free one (not used by our other services) and record it.
choose_port() {
  local var=$1 label=$2 current new
  current=${!var}
  port_in_use "$current" || return 0
  new=$(first_free_port $((current + 1)) "$PG_PORT" "$REDIS_PORT" "$SMTP_PORT") ||
    die "$label: port $current is in use and no free port was found in $((current + 1))-$((current + 100))"
  log "$label: port $current is in use by another program; using $new (recorded in ${PORTS_FILE#"$ROOT"/})"
  printf -v "$var" '%s' "$new"
  save_ports
}

# new_log_text FILE OFFSET: what was appended to FILE after byte OFFSET.
new_log_text() {
  [[ -f $1 ]] || return 0
  tail -c +$(($2 + 1)) "$1" 2>/dev/null || true
}

log_size() {
  if [[ -f $1 ]]; then stat -c %s "$1"; else echo 0; fi
}

our_database_url() { printf 'postgres://vjs_app:vjs_app@127.0.0.1:%s/vjs' "$PG_PORT"; }
our_migration_database_url() { printf 'postgres://vjs:vjs@127.0.0.1:%s/vjs' "$PG_PORT"; }
our_redis_url() { printf 'redis://127.0.0.1:%s' "$REDIS_PORT"; }
our_smtp_url() { printf 'smtp://127.0.0.1:%s' "$SMTP_PORT"; }

# Given in the environment and not the value we would print ourselves.
pg_external() { [[ -n ${DATABASE_URL:-} && $DATABASE_URL != "$(our_database_url)" ]]; }
redis_external() { [[ -n ${REDIS_URL:-} && $REDIS_URL != "$(our_redis_url)" ]]; }
smtp_external() { [[ -n ${SMTP_URL:-} && $SMTP_URL != "$(our_smtp_url)" ]]; }

# ------------------------------------------------------------------- PostgreSQL

find_pg_bin() {
  local dir major candidates=()
  [[ -n $PG_BIN ]] && candidates+=("$PG_BIN")
  candidates+=(/usr/lib/postgresql/15/bin)
  if command -v pg_config >/dev/null 2>&1; then
    candidates+=("$(pg_config --bindir 2>/dev/null || true)")
  fi
  for dir in /usr/lib/postgresql/*/bin; do candidates+=("$dir"); done
  PG_BIN=
  for dir in "${candidates[@]}"; do
    if [[ -n $dir && -x $dir/postgres && -x $dir/initdb && -x $dir/pg_ctl && -x $dir/pg_isready ]]; then
      PG_BIN=$dir
      break
    fi
  done
  [[ -n $PG_BIN ]] ||
    die "PostgreSQL server binaries not found: install the Debian package postgresql-15 (apt-get install postgresql-15) or set PG_BIN"
  major=$("$PG_BIN/postgres" --version | sed -nE 's/^[^0-9]*([0-9]+).*/\1/p')
  if [[ -z $major ]] || ((major < 15)); then
    die "$PG_BIN/postgres is version ${major:-unknown}: PostgreSQL 15 is required"
  fi
  ((major == 15)) || log "postgres: note: using PostgreSQL $major binaries (the project targets 15)"
  PG_MAJOR=$major
}

# as_pg CMD...: run as the cluster's OS user, from a directory it can read,
# with no inherited descriptors beyond stdin/stdout/stderr.
as_pg() {
  if ((EUID == 0)); then
    (cd "$PG_RUN" && close_extra_fds && exec runuser -u "$PG_OS_USER" -- "$@")
  else
    (cd "$PG_RUN" && close_extra_fds && exec "$@")
  fi
}

pg_pid() { read_pid "$PGDATA_DIR/postmaster.pid"; }

# Port of the running postmaster: line 4 of postmaster.pid.
pg_running_port() { sed -n 4p "$PGDATA_DIR/postmaster.pid" 2>/dev/null; }

pg_ours_alive() {
  local pid
  pid=$(pg_pid 2>/dev/null) && pid_alive "$pid" && pid_cwd_is "$pid" "$PGDATA_DIR"
}

pg_answers() {
  local isready=${PG_BIN:+$PG_BIN/}pg_isready
  "$isready" -q -h 127.0.0.1 -p "$1" -t 1 >/dev/null 2>&1
}

# Every postgres process of this cluster has its cwd in the data directory.
pg_cluster_pids() { pids_with_cwd "$PGDATA_DIR" postgres; }
pg_no_leftovers() { [[ -z $(pg_cluster_pids) ]]; }

# The postmaster is gone (crash, SIGKILL, reboot, pid reused by something else):
# wait for orphaned backends to exit, then remove postmaster.pid and socket locks.
pg_clean_stale() {
  local pid leftovers
  [[ -d $PGDATA_DIR ]] || return 0
  pg_ours_alive && return 0
  leftovers=$(pg_cluster_pids)
  if [[ -n $leftovers ]]; then
    log "postgres: waiting for leftover processes of a crashed server to exit"
    wait_for 10 pg_no_leftovers || {
      local stragglers
      mapfile -t stragglers < <(pg_cluster_pids)
      ((${#stragglers[@]} == 0)) || kill -KILL "${stragglers[@]}" 2>/dev/null || true
      sleep 0.5
    }
  fi
  if [[ -e $PGDATA_DIR/postmaster.pid ]]; then
    pid=$(pg_pid 2>/dev/null || echo '?')
    rm -f "$PGDATA_DIR/postmaster.pid"
    log "postgres: removed stale postmaster.pid (pid $pid is not our postmaster any more)"
  fi
  rm -f "$PG_RUN"/.s.PGSQL.*
}

# The /tmp directory must be ours: a real directory owned by the cluster's OS
# user (we create it 0700), never a symlink someone else planted.
pg_prepare_dirs() {
  local owner
  if [[ -L $PG_RUN || (-e $PG_RUN && ! -d $PG_RUN) ]]; then
    die "$PG_RUN exists and is not a plain directory: remove it"
  fi
  if [[ ! -d $PG_RUN ]]; then
    mkdir -m 700 "$PG_RUN"
    ((EUID == 0)) && chown "$PG_OS_USER:" "$PG_RUN"
  fi
  owner=$(stat -c %U "$PG_RUN")
  if [[ $owner != "$PG_OS_USER" ]]; then
    if ((EUID == 0)) && [[ $owner == root ]]; then
      chown "$PG_OS_USER:" "$PG_RUN"
    else
      die "$PG_RUN is owned by $owner, expected $PG_OS_USER: remove it"
    fi
  fi
  chmod 700 "$PG_RUN"
  if [[ -e $PG_LINK && ! -L $PG_LINK ]]; then
    die "$PG_LINK exists and is not a symlink: move it away"
  fi
  if [[ $(readlink "$PG_LINK" 2>/dev/null || true) != "$PGDATA_DIR" ]]; then
    ln -sfn "$PGDATA_DIR" "$PG_LINK"
  fi
}

# pg_write_file PATH < content: a config file the server can read.
pg_write_file() {
  cat >"$1"
  chmod 600 "$1"
  if ((EUID == 0)); then chown "$PG_OS_USER:" "$1"; fi
}

pg_initdb() {
  local version locale=C
  if [[ -s $PGDATA_DIR/PG_VERSION ]]; then
    version=$(<"$PGDATA_DIR/PG_VERSION")
    [[ $version == "$PG_MAJOR" ]] ||
      die "the cluster in $PGDATA_DIR was created by PostgreSQL $version but the binaries are $PG_MAJOR: run 'bash scripts/services.sh reset' (deletes local data)"
    return 0
  fi
  # No PG_VERSION: nothing usable there (first run, or an initdb that died).
  # --no-sync: a throwaway cluster, see the fsync note in pg_write_config.
  rm -rf "$PGDATA_DIR"
  if locale -a 2>/dev/null | grep -qixE 'c\.utf-?8'; then locale=C.UTF-8; fi
  log "postgres: creating cluster in $PGDATA_DIR (initdb)"
  if ! as_pg "$PG_BIN/initdb" -D "$PGDATA_DIR" -U postgres --encoding=UTF8 --locale="$locale" \
    --auth-local=peer --auth-host=scram-sha-256 --no-sync --no-instructions >>"$PG_LOG" 2>&1 </dev/null; then
    tail_log "$PG_LOG"
    die "postgres: initdb failed: see $PG_LOG"
  fi
  pg_write_file "$PGDATA_DIR/pg_hba.conf" <<'EOF'
# Written by scripts/services.sh. Local development cluster.
# TYPE  DATABASE  USER      ADDRESS         METHOD
# Admin access for the script itself. The socket directory is mode 0700 and
# owned by the cluster's OS user, so only that user (and root) can reach it.
local   all       postgres                  trust
local   all       all                       scram-sha-256
host    all       all       127.0.0.1/32    scram-sha-256
EOF
  printf "\n# Settings for the local development cluster (regenerated on every start).\ninclude 'vjs-local.conf'\n" \
    >>"$PGDATA_DIR/postgresql.conf"
  pg_write_file "$PGDATA_DIR/vjs-local.conf" </dev/null
}

pg_write_config() {
  pg_write_file "$PGDATA_DIR/vjs-local.conf" <<EOF
# Generated by scripts/services.sh on every start: edit the script, not this file.
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_RUN'
max_connections = 200
shared_buffers = 256MB
password_encryption = scram-sha-256

# Throwaway local cluster for development and tests ONLY: durability is traded
# for speed. A postgres crash is still safe (the OS keeps the written pages);
# an OS crash or power loss can corrupt the cluster, and the remedy is
# 'bash scripts/services.sh reset'. Never use these three on a shared or
# production server.
fsync = off
synchronous_commit = off
full_page_writes = off

logging_collector = off
log_line_prefix = '%m [%p] %q%u@%d '
EOF
}

# Roles and database (idempotent). vjs owns the database and its schema and may create
# databases (tests clone one per test file from a template) but is not a superuser;
# vjs_app is the role the api and the worker log in as: no ownership, no CREATEDB, only
# the privileges the migration grants it.
pg_bootstrap() {
  if ! as_pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_RUN" -p "$PG_PORT" -U postgres -d postgres \
    >>"$PG_LOG" 2>&1 <<'SQL'; then
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'vjs') THEN
    -- local-development-only credential
    CREATE ROLE vjs LOGIN CREATEDB NOSUPERUSER NOCREATEROLE PASSWORD 'vjs';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'vjs_app') THEN
    -- local-development-only credential
    CREATE ROLE vjs_app LOGIN NOCREATEDB NOSUPERUSER NOCREATEROLE NOINHERIT PASSWORD 'vjs_app';
  END IF;
END
$$;
SELECT 'CREATE DATABASE vjs OWNER vjs'
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'vjs') \gexec
SQL
    tail_log "$PG_LOG"
    die "postgres: creating roles/database vjs failed: see $PG_LOG"
  fi
}

pg_start() {
  local attempt offset t0 pid port
  if pg_external; then
    log "postgres: DATABASE_URL is set in the environment; not starting a local server"
    return 0
  fi
  find_pg_bin
  pg_prepare_dirs
  if pg_ours_alive; then
    pid=$(pg_pid)
    port=$(pg_running_port)
    if wait_for "$TIMEOUT" pg_answers "$port"; then
      if [[ $port != "$PG_PORT" ]]; then PG_PORT=$port && save_ports; fi
      # A cluster made before a role was added (vjs_app) gets it now: bootstrap is idempotent.
      pg_bootstrap
      log "postgres: already running (pid $pid, 127.0.0.1:$port)"
      return 0
    fi
    tail_log "$PG_LOG"
    die "postgres: our server (pid $pid) runs but does not answer on 127.0.0.1:$port after ${TIMEOUT}s: see $PG_LOG (or run 'stop' then 'start')"
  fi
  pg_clean_stale
  t0=$(now_ms)
  pg_initdb
  for attempt in 1 2 3; do
    choose_port PG_PORT postgres
    pg_write_config
    offset=$(log_size "$PG_LOG")
    log "postgres: starting on 127.0.0.1:$PG_PORT (log: $PG_LOG)"
    if as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -w -t "$TIMEOUT" -s start >>"$PG_LOG" 2>&1 </dev/null &&
      wait_for "$TIMEOUT" pg_answers "$PG_PORT"; then
      save_ports
      pg_bootstrap
      log "postgres: ready in $(($(now_ms) - t0)) ms (pid $(pg_pid))"
      return 0
    fi
    # Lost a race for the port with another program: try the next one.
    if ((attempt < 3)) && new_log_text "$PG_LOG" "$offset" | grep -q 'Address already in use' &&
      ! pg_ours_alive; then
      pg_clean_stale
      continue
    fi
    break
  done
  tail_log "$PG_LOG" "$offset"
  die "postgres: failed to start (waited at most ${TIMEOUT}s): see $PG_LOG"
}

pg_stop() {
  local pid
  if pg_ours_alive; then
    pid=$(pg_pid)
    log "postgres: stopping (pid $pid)"
    kill -INT "$pid" 2>/dev/null || true # fast shutdown, as `pg_ctl stop -m fast`
    if ! wait_gone "$TIMEOUT" "$pid"; then
      log "postgres: fast shutdown timed out; immediate shutdown"
      kill -QUIT "$pid" 2>/dev/null || true
      wait_gone 10 "$pid" || kill -KILL "$pid" 2>/dev/null || true
    fi
    pg_clean_stale
    log "postgres: stopped"
  else
    pg_clean_stale
    log "postgres: not running"
  fi
}

pg_status() {
  local pid port
  if pg_external; then
    printf '%-9s %-8s %s\n' postgres external "DATABASE_URL from the environment"
  elif pg_ours_alive && pid=$(pg_pid) && port=$(pg_running_port) && pg_answers "$port"; then
    printf '%-9s %-8s %s\n' postgres running "127.0.0.1:$port (pid $pid, data $PGDATA_DIR)"
  elif pg_ours_alive; then
    printf '%-9s %-8s %s\n' postgres starting "127.0.0.1:$(pg_running_port) (pid $(pg_pid), not answering yet)"
  else
    printf '%-9s %-8s %s\n' postgres stopped "127.0.0.1:$PG_PORT$(port_note "$PG_PORT")"
  fi
}

# ------------------------------------------------------------------------ Redis

ensure_redis_installed() {
  local version major
  if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
    ((EUID == 0)) ||
      die "redis-server is not installed: install the Debian package redis-server (apt-get install redis-server)"
    command -v apt-get >/dev/null 2>&1 ||
      die "redis-server is not installed and apt-get is not available: install Redis 7"
    log "redis: redis-server is not installed; installing the Debian package (log: $LOGS/apt.log)"
    {
      apt-get -o DPkg::Lock::Timeout=300 update -qq &&
        DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq redis-server
    } >>"$LOGS/apt.log" 2>&1 </dev/null || {
      tail_log "$LOGS/apt.log"
      die "installing redis-server failed: see $LOGS/apt.log"
    }
    # The package may start its own instance on 6379; we never use it.
    if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
      die "redis-server/redis-cli still not on PATH after installing the package (PATH=$PATH)"
    fi
  fi
  version=$(redis-server --version | sed -nE 's/.* v=([0-9][0-9.]*).*/\1/p')
  major=${version%%.*}
  if [[ -z $major ]] || ((major < 7)); then
    die "redis-server ${version:-of unknown version} is installed but Redis >= 7 is required: upgrade the redis-server package"
  fi
}

# Our redis: the one in the pid file or, should that file be lost or stale,
# any redis-server whose cwd is our data dir (Redis chdirs there). Two servers
# on one AOF would corrupt it, so a lost one is adopted, never duplicated.
redis_pids() { pids_with_cwd "$REDIS_DIR" redis-server; }

redis_pid() {
  local pid
  if pid=$(read_pid "$REDIS_PIDFILE" 2>/dev/null) && pid_alive "$pid" && pid_cwd_is "$pid" "$REDIS_DIR"; then
    echo "$pid"
    return 0
  fi
  pid=$(redis_pids | head -n 1)
  [[ -n $pid ]] && echo "$pid"
}

redis_ours_alive() { redis_pid >/dev/null; }

# Redis sets its process title to "redis-server 127.0.0.1:PORT".
redis_running_port() {
  tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | sed -nE 's/^redis-server [^ ]*:([0-9]+).*/\1/p'
}

redis_answers() {
  [[ $(timeout 2 redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null) == PONG ]]
}

redis_ready() { redis_ours_alive && redis_answers "$REDIS_PORT"; }
# Redis chdirs into its `dir` while reading the config, before it binds: no
# process there any more means it exited (bad config, port taken, ...).
redis_ready_or_dead() { redis_ready || [[ -z $(redis_pids) ]]; }

redis_write_config() {
  cat >"$REDIS_CONF" <<EOF
# Generated by scripts/services.sh on every start: edit the script, not this file.
bind 127.0.0.1
protected-mode yes
port $REDIS_PORT
daemonize yes
supervised no
pidfile "$REDIS_PIDFILE"
logfile "$REDIS_LOG"
dir "$REDIS_DIR"
appendonly yes
appendfsync everysec
maxmemory-policy noeviction
EOF
}

redis_start() {
  local attempt offset t0 pid port
  if redis_external; then
    log "redis: REDIS_URL is set in the environment; not starting a local server"
    return 0
  fi
  ensure_redis_installed
  if pid=$(redis_pid); then
    port=$(redis_running_port "$pid")
    if [[ -n $port && $port != "$REDIS_PORT" ]]; then REDIS_PORT=$port && save_ports; fi
    [[ $(read_pid "$REDIS_PIDFILE" 2>/dev/null) == "$pid" ]] || echo "$pid" >"$REDIS_PIDFILE"
    if wait_for "$TIMEOUT" redis_answers "$REDIS_PORT"; then
      log "redis: already running (pid $pid, 127.0.0.1:$REDIS_PORT)"
      return 0
    fi
    tail_log "$REDIS_LOG"
    die "redis: our server (pid $pid) runs but does not answer on 127.0.0.1:$REDIS_PORT after ${TIMEOUT}s: see $REDIS_LOG"
  fi
  if [[ -e $REDIS_PIDFILE ]]; then
    log "redis: removed stale pid file (pid $(read_pid "$REDIS_PIDFILE" 2>/dev/null || echo '?') is not our redis)"
    rm -f "$REDIS_PIDFILE"
  fi
  t0=$(now_ms)
  for attempt in 1 2 3; do
    choose_port REDIS_PORT redis
    redis_write_config
    offset=$(log_size "$REDIS_LOG")
    log "redis: starting on 127.0.0.1:$REDIS_PORT (log: $REDIS_LOG)"
    if (close_extra_fds && exec redis-server "$REDIS_CONF") >>"$REDIS_LOG" 2>&1 </dev/null &&
      wait_for "$TIMEOUT" redis_ready_or_dead && redis_ready; then
      save_ports
      log "redis: ready in $(($(now_ms) - t0)) ms (pid $(redis_pid))"
      return 0
    fi
    if ((attempt < 3)) && new_log_text "$REDIS_LOG" "$offset" | grep -q 'Address already in use' &&
      ! redis_ours_alive; then
      rm -f "$REDIS_PIDFILE"
      continue
    fi
    break
  done
  tail_log "$REDIS_LOG" "$offset"
  die "redis: failed to start (waited at most ${TIMEOUT}s): see $REDIS_LOG"
}

redis_stop() {
  local pid pids
  if redis_ours_alive; then
    mapfile -t pids < <({ redis_pid && redis_pids; } | sort -u)
    for pid in "${pids[@]}"; do
      log "redis: stopping (pid $pid)"
      kill -TERM "$pid" 2>/dev/null || true # redis flushes the AOF on SIGTERM
    done
    for pid in "${pids[@]}"; do
      wait_gone "$TIMEOUT" "$pid" || {
        log "redis: pid $pid did not exit in ${TIMEOUT}s; killing it"
        kill -KILL "$pid" 2>/dev/null || true
      }
    done
    rm -f "$REDIS_PIDFILE"
    log "redis: stopped"
  else
    rm -f "$REDIS_PIDFILE"
    log "redis: not running"
  fi
}

redis_status() {
  local pid port
  if redis_external; then
    printf '%-9s %-8s %s\n' redis external "REDIS_URL from the environment"
  elif pid=$(redis_pid) && port=$(redis_running_port "$pid") && redis_answers "${port:-$REDIS_PORT}"; then
    printf '%-9s %-8s %s\n' redis running "127.0.0.1:${port:-$REDIS_PORT} (pid $pid)"
  else
    printf '%-9s %-8s %s\n' redis stopped "127.0.0.1:$REDIS_PORT$(port_note "$REDIS_PORT")"
  fi
}

# -------------------------------------------------------------------- mail sink

# Our sink: the pid file's process or, if that file is lost, any node running
# this checkout's mail-sink.mjs.
mail_pids() { pids_with_cmdline node "$SINK_JS"; }

mail_pid() {
  local pid
  if pid=$(read_pid "$MAIL_PIDFILE" 2>/dev/null) && pid_alive "$pid" && pid_comm_is "$pid" node &&
    pid_cmdline_has "$pid" "$SINK_JS"; then
    echo "$pid"
    return 0
  fi
  pid=$(mail_pids | head -n 1)
  [[ -n $pid ]] && echo "$pid"
}

mail_ours_alive() { mail_pid >/dev/null; }

mail_ready() { mail_ours_alive && tcp_answers "$SMTP_PORT"; }

mail_start() {
  local attempt offset t0 pid spawned
  if smtp_external; then
    log "mail-sink: SMTP_URL is set in the environment; not starting the local mail sink"
    return 0
  fi
  command -v node >/dev/null 2>&1 || die "mail-sink: node is not on PATH"
  [[ -d $ROOT/node_modules/smtp-server ]] ||
    die "mail-sink: the npm package smtp-server is missing from node_modules: run 'npm ci' first"
  if pid=$(mail_pid); then
    [[ $(read_pid "$MAIL_PIDFILE" 2>/dev/null) == "$pid" ]] || echo "$pid" >"$MAIL_PIDFILE"
    if wait_for 10 tcp_answers "$SMTP_PORT"; then
      log "mail-sink: already running (pid $pid, 127.0.0.1:$SMTP_PORT)"
      return 0
    fi
    log "mail-sink: pid $pid does not answer on 127.0.0.1:$SMTP_PORT; restarting it"
    mail_stop
  fi
  if [[ -e $MAIL_PIDFILE ]]; then
    log "mail-sink: removed stale pid file"
    rm -f "$MAIL_PIDFILE"
  fi
  t0=$(now_ms)
  for attempt in 1 2 3; do
    choose_port SMTP_PORT mail-sink
    offset=$(log_size "$MAIL_LOG")
    log "mail-sink: starting on 127.0.0.1:$SMTP_PORT (messages: $MAIL_DIR, log: $MAIL_LOG)"
    # setsid: own session, so Ctrl-C in the terminal that ran `npm run up`
    # does not reach it; --wait keeps $! alive exactly as long as node is.
    (
      close_extra_fds
      exec env MAIL_SINK_HOST=127.0.0.1 MAIL_SINK_PORT="$SMTP_PORT" MAIL_SINK_DIR="$MAIL_DIR" \
        MAIL_SINK_PIDFILE="$MAIL_PIDFILE" nohup setsid --wait node "$SINK_JS"
    ) >>"$MAIL_LOG" 2>&1 </dev/null &
    spawned=$!
    if wait_for "$TIMEOUT" mail_ready_or_dead "$spawned" && mail_ready; then
      save_ports
      log "mail-sink: ready in $(($(now_ms) - t0)) ms (pid $(mail_pid))"
      return 0
    fi
    kill -TERM "$spawned" 2>/dev/null || true
    if ((attempt < 3)) && new_log_text "$MAIL_LOG" "$offset" | grep -q 'EADDRINUSE'; then
      rm -f "$MAIL_PIDFILE"
      continue
    fi
    break
  done
  tail_log "$MAIL_LOG" "$offset"
  die "mail-sink: failed to start (waited at most ${TIMEOUT}s): see $MAIL_LOG"
}

# Stop polling once the sink answers or the process we spawned has died.
mail_ready_or_dead() { mail_ready || ! pid_alive "$1"; }

mail_stop() {
  local pid pids
  if mail_ours_alive; then
    mapfile -t pids < <({ mail_pid && mail_pids; } | sort -u)
    for pid in "${pids[@]}"; do
      log "mail-sink: stopping (pid $pid)"
      kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
      wait_gone 10 "$pid" || kill -KILL "$pid" 2>/dev/null || true
    done
    rm -f "$MAIL_PIDFILE"
    log "mail-sink: stopped"
  else
    rm -f "$MAIL_PIDFILE"
    log "mail-sink: not running"
  fi
}

mail_status() {
  local pid
  if smtp_external; then
    printf '%-9s %-8s %s\n' mail-sink external "SMTP_URL from the environment"
  elif pid=$(mail_pid) && tcp_answers "$SMTP_PORT"; then
    printf '%-9s %-8s %s\n' mail-sink running "127.0.0.1:$SMTP_PORT (pid $pid, messages in $MAIL_DIR)"
  else
    printf '%-9s %-8s %s\n' mail-sink stopped "127.0.0.1:$SMTP_PORT$(port_note "$SMTP_PORT")"
  fi
}

# ---------------------------------------------------------------------- commands

port_note() {
  if port_in_use "$1"; then printf ' (in use by another program: start will pick the next free port)'; fi
}

take_lock() {
  ensure_state_dirs
  exec 9>"$STATE/.lock"
  flock -w "$((TIMEOUT * 3))" 9 || die "another services.sh is still running for this checkout (lock $STATE/.lock)"
}

cmd_start() {
  local t0
  t0=$(now_ms)
  take_lock
  load_ports
  pg_start
  redis_start
  mail_start
  log "all services up in $(($(now_ms) - t0)) ms; use: eval \"\$(bash scripts/services.sh env)\""
}

cmd_stop() {
  local service
  take_lock
  load_ports
  if (($# == 0)); then set -- mail-sink redis postgres; fi
  for service in "$@"; do
    case $service in
      mail-sink) mail_stop ;;
      redis) redis_stop ;;
      postgres) pg_stop ;;
      *) die "stop: no service '$service' (postgres, redis, mail-sink)" ;;
    esac
  done
}

cmd_status() {
  load_ports
  # pg_isready from the server binaries if there are any (status never dies).
  PG_BIN=$( (find_pg_bin && echo "$PG_BIN") 2>/dev/null) || PG_BIN=
  pg_status
  redis_status
  mail_status
}

cmd_env() {
  local port pid
  load_ports
  # A running server of ours is the truth for its port.
  if pg_ours_alive && port=$(pg_running_port) && [[ -n $port ]]; then PG_PORT=$port; fi
  if pid=$(redis_pid) && port=$(redis_running_port "$pid") && [[ -n $port ]]; then REDIS_PORT=$port; fi
  if pg_external; then
    printf 'export DATABASE_URL=%q\n' "$DATABASE_URL"
    if [[ -n ${MIGRATION_DATABASE_URL:-} ]]; then printf 'export MIGRATION_DATABASE_URL=%q\n' "$MIGRATION_DATABASE_URL"; fi
  else
    printf 'export DATABASE_URL=%q\n' "$(our_database_url)"
    printf 'export MIGRATION_DATABASE_URL=%q\n' "$(our_migration_database_url)"
  fi
  if redis_external; then
    printf 'export REDIS_URL=%q\n' "$REDIS_URL"
  else
    printf 'export REDIS_URL=%q\n' "$(our_redis_url)"
  fi
  if smtp_external; then
    printf 'export SMTP_URL=%q\n' "$SMTP_URL"
    if [[ -n ${MAIL_SINK_DIR:-} ]]; then printf 'export MAIL_SINK_DIR=%q\n' "$MAIL_SINK_DIR"; fi
  else
    printf 'export SMTP_URL=%q\n' "$(our_smtp_url)"
    printf 'export MAIL_SINK_DIR=%q\n' "$MAIL_DIR"
  fi
}

# Only what this script owns: other tools keep files in .data/ too.
cmd_reset() {
  cmd_stop
  log "deleting the local database ($PG_RUN), redis data, stored mail, logs and ports of this checkout"
  case $PG_RUN in /tmp/vjs-?*) rm -rf -- "$PG_RUN" ;; esac
  rm -rf -- "$PG_LINK" "$REDIS_DIR" "$MAIL_DIR" "$PORTS_FILE" "$REDIS_PIDFILE" "$MAIL_PIDFILE" \
    "$PG_LOG" "$REDIS_LOG" "$MAIL_LOG" "$LOGS/apt.log"
}

usage() {
  sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
}

main() {
  cd "$ROOT"
  case ${1:-} in
    start) cmd_start ;;
    stop) shift; cmd_stop "$@" ;;
    status) cmd_status ;;
    env) cmd_env ;;
    reset) cmd_reset ;;
    -h | --help | help)
      usage
      ;;
    *)
      usage
      exit 2
      ;;
  esac
}

main "$@"
