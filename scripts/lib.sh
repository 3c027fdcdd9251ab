# shellcheck shell=bash
# Shared helpers for the scripts in this directory. Source it; do not run it.
# The caller sets `set -euo pipefail`; everything here is safe under it.

# Prefix for progress lines; callers may override before sourcing.
: "${LOG_PREFIX:=vjs}"

# log MESSAGE...: one progress line on stderr (stdout stays clean for data).
log() {
  printf '[%s] %s\n' "$LOG_PREFIX" "$*" >&2
}

# die MESSAGE...: error line on stderr, exit 1.
die() {
  printf '[%s] error: %s\n' "$LOG_PREFIX" "$*" >&2
  exit 1
}

# checkout_root: absolute, symlink-free path of the checkout (parent of scripts/).
# Works in a plain copy without .git (CI caches, test clones).
checkout_root() {
  (cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
}

# short_hash STRING: first 8 hex digits of its SHA-256.
short_hash() {
  printf '%s' "$1" | sha256sum | cut -c1-8
}

# now_ms: wall clock in milliseconds (for timings).
now_ms() {
  date +%s%3N
}

# tcp_answers PORT [HOST]: true if something accepts a TCP connection there.
tcp_answers() {
  local port=$1 host=${2:-127.0.0.1}
  # shellcheck disable=SC2016 # $1/$2 expand in the child bash
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$host" "$port" 2>/dev/null
}

# port_in_use PORT: true if a connection to 127.0.0.1:PORT succeeds or, when
# `ss` is available, anything listens on that port on a loopback or wildcard
# address (both would make our bind to 127.0.0.1:PORT fail).
port_in_use() {
  local port=$1
  tcp_answers "$port" && return 0
  if command -v ss >/dev/null 2>&1; then
    ss -Hltn "sport = :$port" 2>/dev/null |
      awk '{print $4}' |
      grep -Eq '^(127\.0\.0\.1|0\.0\.0\.0|\*|\[::\]|\[::ffff:127\.0\.0\.1\]):' && return 0
  fi
  return 1
}

# first_free_port START [EXCLUDE...]: first port >= START (within 100) that is
# not in use and not in the exclusion list; prints it, fails if none.
first_free_port() {
  local port=$1 last=$(($1 + 100)) ex skip
  shift
  while ((port <= last && port <= 65535)); do
    skip=0
    for ex in "$@"; do
      [[ $ex == "$port" ]] && skip=1
    done
    if ((skip == 0)) && ! port_in_use "$port"; then
      printf '%s\n' "$port"
      return 0
    fi
    port=$((port + 1))
  done
  return 1
}

# read_pid FILE: print the pid in FILE (first line) if it is a positive integer.
read_pid() {
  local pid=''
  [[ -f $1 ]] || return 1
  IFS= read -r pid <"$1" || [[ -n $pid ]] || return 1
  [[ $pid =~ ^[1-9][0-9]*$ ]] || return 1
  printf '%s\n' "$pid"
}

# pid_alive PID: process exists (and is not a zombie).
pid_alive() {
  local state=''
  kill -0 "$1" 2>/dev/null || return 1
  if [[ -r /proc/$1/stat ]]; then
    # third field of /proc/PID/stat is the state; Z = zombie
    state=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null || true)
    [[ $state != Z ]] || return 1
  fi
  return 0
}

# pid_cwd_is PID DIR: the process's working directory is DIR. Postgres (every
# backend) and Redis chdir into their data directory, which makes this a
# reliable "is this process ours" test that survives pid reuse.
pid_cwd_is() {
  local cwd
  cwd=$(readlink "/proc/$1/cwd" 2>/dev/null) || return 1
  [[ $cwd == "$(cd "$2" 2>/dev/null && pwd -P)" ]]
}

# pids_with_cwd DIR [COMM]: pids of the processes (that we may inspect) whose
# working directory is DIR, optionally only those named COMM.
pids_with_cwd() {
  local proc target cwd
  target=$(cd "$1" 2>/dev/null && pwd -P) || return 0
  for proc in /proc/[0-9]*; do
    if [[ -n ${2:-} ]]; then pid_comm_is "${proc#/proc/}" "$2" || continue; fi
    cwd=$(readlink "$proc/cwd" 2>/dev/null) || continue
    [[ $cwd == "$target" ]] && printf '%s\n' "${proc#/proc/}"
  done
  return 0
}

# pid_comm_is PID NAME: the process's executable name (/proc/PID/comm) is NAME.
pid_comm_is() {
  local comm=''
  { IFS= read -r comm <"/proc/$1/comm"; } 2>/dev/null || return 1
  [[ $comm == "$2" ]]
}

# pids_with_cmdline NAME STRING: pids of NAME processes whose command line
# contains STRING.
pids_with_cmdline() {
  local proc
  for proc in /proc/[0-9]*; do
    pid_comm_is "${proc#/proc/}" "$1" && pid_cmdline_has "${proc#/proc/}" "$2" &&
      printf '%s\n' "${proc#/proc/}"
  done
  return 0
}

# pid_cmdline_has PID STRING: the process's command line contains STRING.
pid_cmdline_has() {
  local cmd
  cmd=$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null) || return 1
  [[ $cmd == *"$2"* ]]
}

# close_extra_fds: close every file descriptor above 2 in the current (sub)shell.
# Call it in a subshell right before starting a daemon, so the daemon does not
# keep a caller's pipe (CI step, $(...)) or a lock file open for its lifetime.
close_extra_fds() {
  local fd
  for fd in "/proc/$BASHPID/fd/"*; do
    fd=${fd##*/}
    if [[ $fd =~ ^[0-9]+$ ]] && ((fd > 2)); then eval "exec $fd>&-" 2>/dev/null || true; fi
  done
  return 0
}

# wait_for TIMEOUT_SECONDS COMMAND...: poll COMMAND every 0.1 s until it
# succeeds (return 0) or the timeout passes (return 1).
wait_for() {
  local deadline=$(($(now_ms) + $1 * 1000))
  shift
  until "$@"; do
    (($(now_ms) < deadline)) || return 1
    sleep 0.1
  done
}

# wait_gone TIMEOUT_SECONDS PID: wait for a process to exit.
wait_gone() {
  local deadline=$(($(now_ms) + $1 * 1000))
  while pid_alive "$2"; do
    (($(now_ms) < deadline)) || return 1
    sleep 0.1
  done
}

# tail_log FILE [OFFSET]: last lines of a log (only what was written after byte
# OFFSET, if given), indented, on stderr (for error reports).
tail_log() {
  [[ -s $1 ]] || return 0
  printf '[%s] --- last lines of %s ---\n' "$LOG_PREFIX" "$1" >&2
  tail -c +$((${2:-0} + 1)) "$1" | tail -n 15 | sed 's/^/    /' >&2
}
