#!/usr/bin/env bash
# The booking flow of the real kiosk against the real FHIR peer over mutual TLS: the kiosk's
# scenario picks tomorrow's first free time with anyone and a name, and the server then holds
# exactly one booked Appointment for it, carrying that name, with its slot busy.
# Usage: kiosk_books_with_server.sh KIOSK PEER_DIR SCENARIO_DIR
set -euo pipefail
kiosk=$1
peer=$2
scenarios=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$work/store.key"
chmod 600 "$work/store.key"
port=$(cat "$peer/port")
curl_peer() { curl -sS --cacert "$peer/ca/ca.pem" --cert "$peer/device/device.pem" --key "$peer/device/device.key" "$@"; }
curl_peer -X POST "https://127.0.0.1:$port/__test/reset" -d '{}' >/dev/null
cat > "$work/kiosk.json" <<JSON
{
  "server_url": "https://127.0.0.1:$port/fhir/R4",
  "ca_file": "$peer/ca/ca.pem",
  "certificate_file": "$peer/device/device.pem",
  "key_file": "$peer/device/device.key",
  "server_pins": ["$(cat "$peer/pin.txt")"],
  "store_key_file": "$work/store.key",
  "staff_pin_hash": "$(echo 1357 | "$kiosk" --hash-pin)",
  "data_dir": "$work",
  "time_zone": "UTC"
}
JSON
SDL_VIDEODRIVER=dummy "$kiosk" --windowed --config "$work/kiosk.json" --scenario "$scenarios/book_with_server.txt" --output "$work"
booked=$(curl_peer "https://127.0.0.1:$port/fhir/R4/Appointment?status=booked" | python3 -c '
import json, sys
b = json.load(sys.stdin)
apps = [e["resource"] for e in b.get("entry", [])]
names = [p["actor"].get("display") for a in apps for p in a.get("participant", []) if "display" in p.get("actor", {})]
print(len(apps), names[0] if names else "", apps[0]["slot"][0]["reference"] if apps else "")')
read -r count name slot <<< "$booked"
echo "booked appointments on the server: $count, named $name"
test "$count" = 1
test "$name" = "Rae"
status=$(curl_peer "https://127.0.0.1:$port/fhir/R4/$slot" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')
echo "its slot is now $status"
test "$status" = busy
