#!/usr/bin/env bash
# The local emulator suite (Firestore, Pub/Sub, Auth, Storage) from firebase.json, offline.
#
#   ./emulators.sh start        start in the background, wait until every emulator answers
#   ./emulators.sh stop         stop what start started
#   ./emulators.sh status       which emulators answer
#   ./emulators.sh env          the *_EMULATOR_HOST exports (eval "$(./emulators.sh env)")
#   ./emulators.sh exec CMD     run CMD with the emulators up (reuses running ones, else starts
#                               them for CMD only); exits with CMD's status
#
# Emulator jars are looked up, first match wins, in:
#   1. $BACKBONE_EMULATORS_DIR (cloud-firestore-emulator.jar, cloud-pubsub-emulator-all.jar);
#      CI points it at ../shared/emulators
#   2. the Google Cloud SDK (gcloud components: cloud-firestore-emulator, pubsub-emulator)
#   3. firebase-tools' cache (~/.cache/firebase/emulators)
#   4. ../shared/emulators beside the repository (this workplace's machines)
#   otherwise firebase-tools downloads them (needs the internet).
# The Storage emulator's rules runtime is replaced by an allow-all stand-in built here from
# emulators/StorageRulesAllowAll.java unless firebase-tools' own runtime is in its cache.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
STATE="$ROOT/.backbone"
WORK="$STATE/emulators"
PIDFILE="$STATE/emulators.pid"
LOGFILE="$STATE/emulators.log"
PROJECT="${BACKBONE_PROJECT_ID:-demo-backbone}"
ONLY="${BACKBONE_EMULATORS:-firestore,pubsub,auth,storage}"
FIREBASE="$ROOT/node_modules/.bin/firebase"
export CHECKPOINT_DISABLE=1 FIREBASE_CLI_DISABLE_UPDATE_CHECK=true

declare -A PORTS=([firestore]=8080 [pubsub]=8085 [auth]=9099 [storage]=9199)
declare -A HOST_VARS=([firestore]=FIRESTORE_EMULATOR_HOST [pubsub]=PUBSUB_EMULATOR_HOST [auth]=FIREBASE_AUTH_EMULATOR_HOST [storage]=STORAGE_EMULATOR_HOST)

log() { echo "emulators: $*" >&2; }

first_file() { for f in "$@"; do [ -f "$f" ] && { echo "$f"; return 0; }; done; return 1; }

sdk_root() {
  if command -v gcloud >/dev/null 2>&1; then
    local bin; bin=$(readlink -f "$(command -v gcloud)"); dirname "$(dirname "$bin")"
  else
    echo /usr/lib/google-cloud-sdk
  fi
}

# Writes launchers in .backbone/emulators that firebase-tools accepts, and exports the
# *_EMULATOR_BINARY_PATH variables pointing at them.
prepare_binaries() {
  mkdir -p "$WORK"
  local sdk cache firestore_jar pubsub_jar
  sdk=$(sdk_root)
  cache="${HOME:-/root}/.cache/firebase/emulators"
  firestore_jar=$(first_file \
    "${BACKBONE_EMULATORS_DIR:-/nonexistent}/cloud-firestore-emulator.jar" \
    "$sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar" \
    $(ls -1 "$cache"/cloud-firestore-emulator-v*.jar 2>/dev/null | sort -V | tail -1) \
    "$ROOT/../shared/emulators/cloud-firestore-emulator.jar") || firestore_jar=""
  pubsub_jar=$(first_file \
    "${BACKBONE_EMULATORS_DIR:-/nonexistent}/cloud-pubsub-emulator-all.jar" \
    $(ls -1 "$sdk"/platform/pubsub-emulator/lib/cloud-pubsub-emulator-*-all.jar 2>/dev/null | tail -1) \
    $(ls -1 "$cache"/pubsub-emulator-*/pubsub-emulator/lib/cloud-pubsub-emulator-*.jar 2>/dev/null | sort -V | tail -1) \
    "$ROOT/../shared/emulators/cloud-pubsub-emulator-all.jar") || pubsub_jar=""

  if [ -n "$firestore_jar" ]; then
    # The SDK's jar has no Main-Class: a tiny launcher jar names it and puts the real jar on
    # its class path (relative, so the real jar is linked beside it).
    ln -sf "$firestore_jar" "$WORK/cloud-firestore-emulator.jar"
    if [ ! -f "$WORK/cloud-firestore-emulator-main.jar" ]; then
      printf 'Main-Class: com.google.cloud.datastore.emulator.firestore.CloudFirestore\nClass-Path: cloud-firestore-emulator.jar\n' >"$WORK/manifest.txt"
      (cd "$WORK" && jar cfm cloud-firestore-emulator-main.jar manifest.txt)
    fi
    export FIRESTORE_EMULATOR_BINARY_PATH="$WORK/cloud-firestore-emulator-main.jar"
    log "firestore: $firestore_jar"
  else
    log "firestore: no local jar found, firebase-tools will download it"
  fi
  if [ -n "$pubsub_jar" ]; then
    printf '#!/usr/bin/env sh\nexec java ${JAVA_OPTS:-} -jar "%s" "$@"\n' "$pubsub_jar" >"$WORK/cloud-pubsub-emulator"
    chmod +x "$WORK/cloud-pubsub-emulator"
    export PUBSUB_EMULATOR_BINARY_PATH="$WORK/cloud-pubsub-emulator"
    log "pubsub: $pubsub_jar"
  else
    log "pubsub: no local jar found, firebase-tools will download it"
  fi
  if ! ls "$cache"/cloud-storage-rules-runtime-*.jar >/dev/null 2>&1; then
    if [ ! -f "$WORK/storage-rules-allow-all.jar" ] || [ "$ROOT/emulators/StorageRulesAllowAll.java" -nt "$WORK/storage-rules-allow-all.jar" ]; then
      mkdir -p "$WORK/classes"
      javac -d "$WORK/classes" "$ROOT/emulators/StorageRulesAllowAll.java"
      (cd "$WORK" && jar cfe storage-rules-allow-all.jar StorageRulesAllowAll -C classes .)
    fi
    export STORAGE_EMULATOR_BINARY_PATH="$WORK/storage-rules-allow-all.jar"
    log "storage rules runtime: allow-all stand-in"
  fi
}

answers() { curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$1/" ; }

running() {
  local name
  for name in ${ONLY//,/ }; do answers "${PORTS[$name]}" || return 1; done
}

print_env() {
  local name
  for name in ${ONLY//,/ }; do [ "$name" = storage ] || echo "export ${HOST_VARS[$name]}=127.0.0.1:${PORTS[$name]}"; done
  # @google-cloud/storage wants a URL; firebase-admin wants host:port under its own name.
  if [[ ",$ONLY," == *",storage,"* ]]; then
    echo "export STORAGE_EMULATOR_HOST=http://127.0.0.1:${PORTS[storage]}"
    echo "export FIREBASE_STORAGE_EMULATOR_HOST=127.0.0.1:${PORTS[storage]}"
  fi
  echo "export GCLOUD_PROJECT=$PROJECT"
  # Off Google Cloud there is no metadata server: do not let client libraries probe for one.
  echo "export METADATA_SERVER_DETECTION=none"
}

start() {
  if running; then log "already running"; return 0; fi
  prepare_binaries
  mkdir -p "$STATE"
  log "starting $ONLY (project $PROJECT), log in $LOGFILE"
  # Job control gives firebase-tools its own process group, and keeps SIGINT (which it
  # handles to stop the emulators cleanly) from being ignored as in a plain background job.
  (set -m; cd "$ROOT"; "$FIREBASE" emulators:start --project "$PROJECT" --only "$ONLY" </dev/null >"$LOGFILE" 2>&1 & echo $! >"$PIDFILE")
  local i
  for i in $(seq 1 120); do
    if running; then log "ready"; return 0; fi
    if ! kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then log "firebase-tools exited:"; tail -30 "$LOGFILE" >&2; return 1; fi
    sleep 0.5
  done
  log "not ready after 60 s:"; tail -30 "$LOGFILE" >&2; stop; return 1
}

stop() {
  [ -f "$PIDFILE" ] || { log "not started by this script"; return 0; }
  local pid; pid=$(cat "$PIDFILE")
  # firebase-tools stops the emulator jars it started (they run in groups of their own) on SIGINT.
  kill -INT "$pid" 2>/dev/null || true
  local i
  for i in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -f "$PIDFILE"
  log "stopped"
}

status() {
  local name rc=0
  for name in ${ONLY//,/ }; do
    if answers "${PORTS[$name]}"; then echo "$name: up on 127.0.0.1:${PORTS[$name]}"; else echo "$name: down"; rc=1; fi
  done
  return $rc
}

run_exec() {
  local started=0 rc=0
  if ! running; then start; started=1; fi
  eval "$(print_env)"
  bash -c "$*" || rc=$?
  [ "$started" = 1 ] && stop
  return $rc
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  env) print_env ;;
  exec) shift; run_exec "$@" ;;
  *) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
