#!/usr/bin/env bash
# The real kiosk against the real peer: it pulls the clinic's content into its encrypted store;
# restarted with the server unreachable, it shows the cached content at once and says the
# server cannot be reached. Usage: kiosk_offline_restart.sh KIOSK PEER_DIR
set -euo pipefail
kiosk=$1
peer=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=../peer/test-env.sh
source "$(dirname "$0")/../peer/test-env.sh"
new_store_key "$work/store.key"
write_config() { write_kiosk_config "$work/kiosk.json" "$1" "$work/store.key" "$work"; }
run_for() { # seconds
  SDL_VIDEODRIVER=dummy "$kiosk" --windowed --config "$work/kiosk.json" 2> "$work/log" &
  local pid=$!
  sleep "$1"
  kill -TERM "$pid"
  wait "$pid"
  cat "$work/log"
}

write_config "https://127.0.0.1:$port/fhir/R4"
online=$(run_for 4)
echo "$online"
grep -q "pulled content: 3 peers, [0-9][0-9]* free slots, 6 directory entries" <<< "$online"
test -s "$work/kiosk.db"
if grep -a -q "Sam Rivera\|Practitioner" "$work/kiosk.db"; then echo "plaintext in the store!"; exit 1; fi

write_config "https://127.0.0.1:9/fhir/R4"
offline=$(run_for 3)
echo "$offline"
grep -q "cached content: 3 peers" <<< "$offline"
grep -q "cannot reach the clinic server" <<< "$offline"
echo "offline restart showed the cached content"
