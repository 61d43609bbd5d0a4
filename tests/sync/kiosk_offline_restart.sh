#!/usr/bin/env bash
# The real kiosk against the real peer: it pulls the clinic's content into its encrypted store;
# restarted with the server unreachable, it shows the cached content at once and says the
# server cannot be reached. Usage: kiosk_offline_restart.sh KIOSK PEER_DIR
set -euo pipefail
kiosk=$1
peer=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$work/store.key"
chmod 600 "$work/store.key"
port=$(cat "$peer/port")
write_config() {
  cat > "$work/kiosk.json" <<JSON
{
  "server_url": "$1",
  "ca_file": "$peer/ca/ca.pem",
  "certificate_file": "$peer/device/device.pem",
  "key_file": "$peer/device/device.key",
  "server_pins": ["$(cat "$peer/pin.txt")"],
  "store_key_file": "$work/store.key",
  "staff_pin_hash": "$(echo 1357 | "$kiosk" --hash-pin)",
  "data_dir": "$work"
}
JSON
}
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
