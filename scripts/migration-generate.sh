#!/usr/bin/env bash
# npm run migration:generate -- Name: drafts migrations/<timestamp>-<name>.ts from the
# difference between the entities and the database at DATABASE_URL (default: the local
# one). Review it by hand: named indexes and constraints, grants, data changes.
set -euo pipefail
LOG_PREFIX=migration
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ROOT=$(checkout_root)
cd "$ROOT"
name=${1:-}
[[ $name =~ ^[A-Za-z][A-Za-z0-9]*$ ]] || die "usage: npm run migration:generate -- Name (letters and digits)"
if [[ -z ${DATABASE_URL:-} ]]; then
  bash scripts/services.sh start
  eval "$(bash scripts/services.sh env)"
fi
npx --no-install tsc -p tsconfig.build.json
node dist/src/composition/migrate.js run >&2
DATABASE_URL=$DATABASE_URL node dist/src/composition/generate-migration.js "$name"
