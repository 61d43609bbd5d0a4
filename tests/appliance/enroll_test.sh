#!/usr/bin/env bash
# peer-kiosk-enroll end to end (issue 16): a tablet's key and CSR, signed by the test peer's
# clinic CA, taken back with the CA and the peer's pin; every refusal (missing file, wrong pin,
# certificate of another key, expired certificate, bad staff PIN) says what is wrong and writes
# nothing; then the enrolled config — the package's kiosk.json and conf.d/ — makes the real kiosk
# book a time on the real peer over mutual TLS.
# Usage: enroll_test.sh KIOSK PEER_DIR
set -euo pipefail
kiosk=$(realpath "$1")
peer=$(realpath "$2")
root=$(cd "$(dirname "$0")/../.." && pwd)
enroll=$root/provisioning/peer-kiosk-enroll
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=../peer/test-env.sh
source "$root/tests/peer/test-env.sh"
export PEER_KIOSK_ETC=$work/etc PEER_KIOSK_BIN=$kiosk PEER_KIOSK_USER=$(id -un)
mkdir -p "$work/etc" "$work/data"
cp "$root/packaging/kiosk.json" "$work/etc/kiosk.json"
pin=$(cat "$peer/pin.txt")
url=https://127.0.0.1:$port/fhir/R4

"$enroll" request test-tablet-07
test -f "$work/etc/pki/device.key" && test -f "$work/etc/pki/device.csr"
"$root/provisioning/sign-device-csr.sh" "$peer/ca" "$work/etc/pki/device.csr" "$work/signed.pem" >/dev/null
"$root/provisioning/sign-device-csr.sh" --expired "$peer/ca" "$work/etc/pki/device.csr" "$work/expired.pem" >/dev/null

# refuses EXPECTED_MESSAGE ARGS…: enroll finish must fail, say EXPECTED_MESSAGE, and write nothing.
refuses() {
  local expected=$1 out
  shift
  if out=$(printf '%s\n' "${staff_pin:-97531}" | "$enroll" finish --no-start "$@" 2>&1); then
    echo "enroll accepted what it must refuse ($*): $out"; exit 1
  fi
  [[ $out == *"$expected"* ]] || { echo "refusal without \"$expected\": $out"; exit 1; }
  [[ ! -e $work/etc/conf.d/50-device.json && ! -e $work/etc/pki/store.key ]] || { echo "a refused enroll wrote files"; exit 1; }
  echo "refused: $out"
}
refuses "is missing" --server "$url" --cert "$work/nope.pem" --ca "$peer/ca/ca.pem" --pin "$pin"
refuses "is not a pin" --server "$url" --cert "$work/signed.pem" --ca "$peer/ca/ca.pem" --pin "sha256//tooshort="
refuses "does not match this tablet's key" --server "$url" --cert "$peer/device/device.pem" --ca "$peer/ca/ca.pem" --pin "$pin"
refuses "has expired" --server "$url" --cert "$work/expired.pem" --ca "$peer/ca/ca.pem" --pin "$pin"
refuses "not a client certificate signed by" --server "$url" --cert "$work/signed.pem" --ca "$peer/foreign-ca/ca.pem" --pin "$pin"
refuses "must start with https://" --server "http://127.0.0.1:$port/fhir/R4" --cert "$work/signed.pem" --ca "$peer/ca/ca.pem" --pin "$pin"
staff_pin=12ab refuses "4 to 12 digits" --server "$url" --cert "$work/signed.pem" --ca "$peer/ca/ca.pem" --pin "$pin"

echo 97531 | "$enroll" finish --no-start --server "$url" --cert "$work/signed.pem" --ca "$peer/ca/ca.pem" --pin "$pin" --pin "$(cat "$peer/pin-foreign.txt")"
device=$work/etc/conf.d/50-device.json
grep -q '"staff_pin_hash": "\$argon2id\$' "$device"
if grep -q 97531 "$device" "$work"/etc/pki/*; then echo "the staff PIN itself was written"; exit 1; fi
test "$(stat -c %a "$work/etc/pki/device.key")" = 600
test "$(stat -c %a "$work/etc/pki/store.key")" = 600
test "$(stat -c %a "$work/etc/pki")" = 750
echo "enrolled: $(tr -d '\n' < "$device" | head -c 120)…"

# The enrolled tablet's config, as the unit passes it (the test only moves the store and the zone).
printf '{"data_dir": "%s", "time_zone": "UTC"}\n' "$work/data" > "$work/etc/conf.d/90-test.json"
peer_post reset '{}'
SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy "$kiosk" --windowed --config "$work/etc/kiosk.json" --config-dir "$work/etc/conf.d" \
  --scenario "$root/tests/sync/book_with_server.txt" --output "$work"
count=$(peer_curl "$url/Appointment?status=booked" | python3 -c 'import json,sys; print(len(json.load(sys.stdin).get("entry", [])))')
echo "booked appointments on the server: $count"
test "$count" = 1
echo "enroll test passed: refusals clear, the enrolled kiosk books over mutual TLS"
