#!/usr/bin/env bash
# npm run seed:synthetic -- --journeys N [...]: synthetic journeys for the report bench, into
# DATABASE_URL, or this checkout's local services (started, and migrated, here when it is unset).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [[ -z ${DATABASE_URL:-} ]]; then
  bash scripts/services.sh start >&2
  eval "$(bash scripts/services.sh env)"
fi
node dist/src/composition/migrate.js run >&2
exec node dist/src/composition/synthetic/seed-synthetic.cli.js "$@"
