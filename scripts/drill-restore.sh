#!/usr/bin/env bash
# npm run drill:restore [-- --project <id>] [-- --production --project <id> [--backup <name>]]
# On the emulators when none is given: reuses running ones, else starts them for the drill.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${FIRESTORE_EMULATOR_HOST:-}" ] || [[ " $* " == *" --production "* ]]; then
  exec npx tsx scripts/drill-restore.ts "$@"
fi
if ./emulators.sh status >/dev/null 2>&1; then
  eval "$(./emulators.sh env)"
  exec npx tsx scripts/drill-restore.ts "$@"
fi
exec ./emulators.sh exec "npx tsx scripts/drill-restore.ts $*"
