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
# shellcheck source=../peer/test-env.sh
source "$(dirname "$0")/../peer/test-env.sh"
new_store_key "$work/store.key"
peer_post reset '{}'
write_kiosk_config "$work/kiosk.json" "https://127.0.0.1:$port/fhir/R4" "$work/store.key" "$work"
SDL_VIDEODRIVER=dummy "$kiosk" --windowed --config "$work/kiosk.json" --scenario "$scenarios/book_with_server.txt" --output "$work"
booked=$(peer_curl "https://127.0.0.1:$port/fhir/R4/Appointment?status=booked" | python3 -c '
import json, sys
b = json.load(sys.stdin)
apps = [e["resource"] for e in b.get("entry", [])]
names = [p["actor"].get("display") for a in apps for p in a.get("participant", []) if "display" in p.get("actor", {})]
print(len(apps), names[0] if names else "", apps[0]["slot"][0]["reference"] if apps else "")')
read -r count name slot <<< "$booked"
echo "booked appointments on the server: $count, named $name"
test "$count" = 1
test "$name" = "Rae"
status=$(peer_curl "https://127.0.0.1:$port/fhir/R4/$slot" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')
echo "its slot is now $status"
test "$status" = busy
