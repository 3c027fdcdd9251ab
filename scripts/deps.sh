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
