# shellcheck shell=bash
# ensure_node_modules: install npm dependencies when node_modules is missing or older
# than the lock file. Source after lib.sh.
ensure_node_modules() {
  local root
  root=$(checkout_root)
  if [[ ! -d $root/node_modules ]] || [[ $root/package-lock.json -nt $root/node_modules/.package-lock.json ]]; then
    # `npm ci` installs exactly the lock file (which lists every optional platform
    # package, so it never needs rewriting); `npm install` only without one.
    if [[ -f $root/package-lock.json ]]; then
      log "installing npm dependencies (npm ci)"
      (cd "$root" && npm ci --no-audit --no-fund --loglevel=error >&2) || die "npm ci failed"
    else
      log "installing npm dependencies (npm install: no lock file)"
      (cd "$root" && npm install --no-audit --no-fund --loglevel=error >&2) || die "npm install failed"
    fi
  fi
}

# ensure_chromium: the browser tests (test/web, Playwright) drive Debian's chromium, since
# Playwright cannot download a browser of its own here. Installs the Debian package when
# it is missing and we are root (as services.sh does for redis-server); otherwise names it.
# Sets CHROMIUM_PATH for playwright.config.ts.
ensure_chromium() {
  local root path=${CHROMIUM_PATH:-/usr/lib/chromium/chromium}
  root=$(checkout_root)
  if [[ ! -x $path ]]; then
    ((EUID == 0)) || die "chromium is not installed: install the Debian package chromium (apt-get install chromium) or set CHROMIUM_PATH"
    command -v apt-get >/dev/null 2>&1 || die "chromium is not installed and apt-get is not available: install chromium or set CHROMIUM_PATH"
    mkdir -p "$root/.data/logs"
    log "chromium is not installed; installing the Debian package (log: .data/logs/apt.log)"
    {
      apt-get -o DPkg::Lock::Timeout=300 update -qq &&
        DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq chromium
    } >>"$root/.data/logs/apt.log" 2>&1 </dev/null || {
      tail -n 15 "$root/.data/logs/apt.log" >&2
      die "installing chromium failed: see .data/logs/apt.log"
    }
    [[ -x $path ]] || die "chromium installed, but $path is not there: set CHROMIUM_PATH"
  fi
  export CHROMIUM_PATH=$path
}
