#!/usr/bin/env bash
# The provisioning chain of docs/provisioning.md, run for real: clinic CA, device key and CSR on
# the tablet, signing at the clinic, the gateway's certificate and pin, the device config — and
# the kiosk accepts the config. Usage: provisioning_test.sh KIOSK
set -euo pipefail
kiosk=$1
prov=$(cd "$(dirname "$0")/../provisioning" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$prov/make-clinic-ca.sh" "$work/clinic-ca" >/dev/null
"$prov/make-device-key.sh" "$work/tablet" kiosk-07 >/dev/null
"$prov/sign-device-csr.sh" "$work/clinic-ca" "$work/tablet/device.csr" "$work/tablet/device.pem" >/dev/null
"$prov/make-server-cert.sh" "$work/clinic-ca" fhir.clinic.example "$work/gateway" >/dev/null
pin=$("$prov/server-pin.sh" "$work/gateway/server.pem")
cp "$work/clinic-ca/ca.pem" "$work/tablet/ca.pem"
staff_hash=$(echo 97531 | "$kiosk" --hash-pin)
"$prov/write-device-config.sh" "$work/tablet" https://fhir.clinic.example/fhir/R4 "$staff_hash" "$pin" >/dev/null
openssl verify -CAfile "$work/clinic-ca/ca.pem" -purpose sslclient "$work/tablet/device.pem"
test "$(stat -c %a "$work/tablet/device.key")" = 600
test "$(stat -c %a "$work/tablet/store.key")" = 600
"$kiosk" --config "$work/tablet/kiosk.json" --check-config
# The device key made readable by its group: refused by --check-config (exit 2), naming the key.
chmod 0640 "$work/tablet/device.key"
set +e
refused=$("$kiosk" --config "$work/tablet/kiosk.json" --check-config 2>&1)
status=$?
set -e
echo "$refused"
test "$status" = 2
grep -q "key \"key_file\": key file .*device.key (this device's private key) can be read by others (chmod 600 it)" <<<"$refused"
echo "a device key readable by others is refused"
