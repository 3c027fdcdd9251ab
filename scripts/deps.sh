# shellcheck shell=bash
# ensure_node_modules: install npm dependencies when node_modules is missing or older
# than the lock file. Source after lib.sh.
ensure_node_modules() {
  local root
  root=$(checkout_root)
  if [[ ! -d $root/node_modules ]] || [[ $root/package-lock.json -nt $root/node_modules/.package-lock.json ]]; then
    log "installing npm dependencies (npm ci)"
    (cd "$root" && npm ci --no-audit --no-fund --loglevel=error >&2) || die "npm ci failed"
  fi
}
