#!/usr/bin/env bash
# Run on the tablet after enrollment: makes the store key and writes the kiosk's config file
# from the enrollment files, so the kiosk talks only to the clinic's gateway, with its key pinned.
#
# Usage: write-device-config.sh CONFIG_DIR SERVER_URL STAFF_PIN_HASH PIN [BACKUP_PIN]
#   CONFIG_DIR  holds ca.pem (the clinic CA), device.key and device.pem (from
#               make-device-key.sh and sign-device-csr.sh); kiosk.json and store.key are written
#               there. SERVER_URL is the FHIR base behind the gateway, e.g.
#               https://fhir.clinic.example/fhir/R4; STAFF_PIN_HASH from `kiosk --hash-pin`
#               (the clinic's staff PIN, hashed once for all tablets); PIN from server-pin.sh.
set -euo pipefail
if [[ $# -lt 4 ]]; then
  sed -n '2,11p' "$0" >&2
  exit 2
fi
dir=$1
url=$2
staff_hash=$3
pins="\"$4\""
if [[ $# -ge 5 ]]; then pins="$pins, \"$5\""; fi
[[ $staff_hash == '$argon2id$'* ]] || { echo "$0: the staff PIN hash must come from kiosk --hash-pin" >&2; exit 1; }
for f in ca.pem device.pem device.key; do
  [[ -f $dir/$f ]] || { echo "$0: $dir/$f is missing" >&2; exit 1; }
done
[[ $url == https://* ]] || { echo "$0: the server URL must start with https://" >&2; exit 1; }
umask 077
if [[ ! -f $dir/store.key ]]; then
  # 32 random bytes as 64 hex digits: the key of the encrypted store. It never leaves the tablet.
  head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$dir/store.key"
fi
chmod 600 "$dir/store.key" "$dir/device.key"
cat > "$dir/kiosk.json" <<JSON
{
  "server_url": "$url",
  "ca_file": "$dir/ca.pem",
  "certificate_file": "$dir/device.pem",
  "key_file": "$dir/device.key",
  "server_pins": [$pins],
  "store_key_file": "$dir/store.key",
  "staff_pin_hash": "$staff_hash",
  "data_dir": "/var/lib/peer-kiosk"
}
JSON
echo "wrote $dir/kiosk.json; check it with: kiosk --config $dir/kiosk.json --check-config"
