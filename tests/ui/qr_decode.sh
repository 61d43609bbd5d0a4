#!/usr/bin/env bash
# Drives the real kiosk to a support group's QR code and to the crisis screen's, saves the
# screens as PNG, and decodes them with zbarimg (zbar-tools): what a phone camera would read.
# Usage: qr_decode.sh KIOSK SCENARIO_DIR
set -euo pipefail
kiosk=$1
scenarios=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$kiosk" --windowed --wall-clock 2026-11-30T10:00:00Z --scenario "$scenarios/find_help_qr.txt" --output "$out" >/dev/null
"$kiosk" --windowed --wall-clock 2026-11-30T10:00:00Z --scenario "$scenarios/crisis_everywhere.txt" --output "$out" >/dev/null
echo "support group QR: $(zbarimg --raw -q "$out/qr-hearing-voices.png")"
echo "crisis QR: $(zbarimg --raw -q "$out/qr-crisis.png")"
