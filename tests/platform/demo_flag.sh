#!/usr/bin/env bash
# --demo runs the built-in demo clinic even when the config names a clinic server (what
# provisioning/demo.sh relies on): no store key is read and no network is used.
#
# Usage: demo_flag.sh KIOSK
set -uo pipefail
kiosk=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A config for a clinic server whose store key file does not exist: only a kiosk that tries to
# connect reads it (and stops).
cat >"$work/server.json" <<JSON
{
  "server_url": "https://127.0.0.1:9/fhir/R4",
  "ca_file": "$work/ca.pem",
  "certificate_file": "$work/device.pem",
  "key_file": "$work/device.key",
  "server_pins": ["sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="],
  "store_key_file": "$work/no-such-key",
  "staff_pin_hash": "$(echo 1357 | "$kiosk" --hash-pin)",
  "data_dir": "$work/data"
}
JSON
"$kiosk" --config "$work/server.json" --windowed --exit-after-first-frame >"$work/server.out" 2>&1
rc=$?
if [[ $rc -ne 1 ]] || ! grep -q 'no-such-key' "$work/server.out"; then
  cat "$work/server.out"
  echo "FAIL: without --demo the kiosk should try the server and stop on the missing store key (exit $rc)"
  exit 1
fi
"$kiosk" --config "$work/server.json" --demo --windowed --exit-after-first-frame >"$work/demo.out" 2>&1
rc=$?
if [[ $rc -ne 0 ]] || ! grep -q '^first-frame-monotonic-ns ' "$work/demo.out"; then
  cat "$work/demo.out"
  echo "FAIL: with --demo the kiosk should draw the demo clinic (exit $rc)"
  exit 1
fi
if [[ -e $work/data ]]; then
  echo "FAIL: with --demo the kiosk made its data dir"
  exit 1
fi
echo "--demo: the demo clinic, even with a server configured"
