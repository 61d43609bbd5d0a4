#!/usr/bin/env bash
# Issue 14, the real kiosk against the real FHIR peer over mutual TLS: a person joins the walk-in
# list with a name and leaves; staff open the queue, whose names are fetched from the clinic as it
# opens (timed: "staff list answered N ms after the step"), and it shows the walk-in's name; "End
# staff mode" from the queue ends it.
# Usage: kiosk_staff_names.sh KIOSK PEER_DIR SCENARIO_DIR
set -euo pipefail
kiosk=$(realpath "$1")
peer=$(realpath "$2")
scenarios=$(realpath "$3")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=../peer/test-env.sh
source "$(dirname "$0")/../peer/test-env.sh"
new_store_key "$work/store.key"
peer_post reset '{}'
write_kiosk_config "$work/kiosk.json" "https://127.0.0.1:$port/fhir/R4" "$work/store.key" "$work"
printf 'Rosalind\n' > "$work/name"
cd "$work"
SDL_VIDEODRIVER=dummy "$kiosk" --windowed --config "$work/kiosk.json" --scenario "$scenarios/staff_names_with_server.txt" --output "$work" > "$work/stdout"
grep "staff list answered" "$work/stdout"
echo "the staff queue showed the walk-in's name"
