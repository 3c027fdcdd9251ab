# shellcheck shell=bash
# ensure_node_modules: install npm dependencies when node_modules is missing or older
# than the lock file. Source after lib.sh.
ensure_node_modules() {
  local root
  root=$(checkout_root)
  if [[ ! -d $root/node_modules ]] || [[ $root/package-lock.json -nt $root/node_modules/.package-lock.json ]]; then
    # `npm install`, not `npm ci`: npm 11's ci refuses this lock file over optional
    # platform packages it lists without versions (msgpackr-extract, unrs-resolver);
    # install follows the lock file all the same.
    log "installing npm dependencies"
    (cd "$root" && npm install --no-audit --no-fund --loglevel=error >&2) || die "npm install failed"
  fi
}
