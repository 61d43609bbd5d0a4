# Sourced by the shell tests that run the kiosk against the test peer. Needs $peer (the peer's
# directory, from start-peer.sh) and $kiosk; sets $port.
port=$(cat "$peer/port")

# new_store_key FILE: a store key as write-device-config.sh makes one (64 hex digits, mode 0600).
new_store_key() {
  head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$1"
  chmod 600 "$1"
}

# peer_curl ARGS…: curl with the device's client certificate, trusting the clinic CA.
peer_curl() { curl -sS --cacert "$peer/ca/ca.pem" --cert "$peer/device/device.pem" --key "$peer/device/device.key" "$@"; }

# peer_post ENDPOINT BODY: a test-only request to the peer (reset, fault, index).
peer_post() { peer_curl -X POST "https://127.0.0.1:$port/__test/$1" -d "$2" >/dev/null; }

# write_kiosk_config FILE SERVER_URL STORE_KEY DATA_DIR [LOG_LEVEL]: the kiosk's config for the
# peer over mutual TLS, with the peer's pin and the staff PIN 1357.
write_kiosk_config() {
  cat > "$1" <<JSON
{
  "server_url": "$2",
  "ca_file": "$peer/ca/ca.pem",
  "certificate_file": "$peer/device/device.pem",
  "key_file": "$peer/device/device.key",
  "server_pins": ["$(cat "$peer/pin.txt")"],
  "store_key_file": "$3",
  "staff_pin_hash": "$(echo 1357 | "$kiosk" --hash-pin)",
  "data_dir": "$4",
  "time_zone": "UTC",
  "log_level": "${5:-info}"
}
JSON
}
