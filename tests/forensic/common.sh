# Shared by forensic_test.sh and crash_test.sh (sourced, after they set $kiosk and $peer): a
# private work tree removed at exit (the kiosk killed first if it still runs), fresh canaries, a
# store key, the peer's test endpoints, and the kiosk's config for the peer over mutual TLS.
work=$(mktemp -d)
kiosk_pid=
cleanup() {
  [[ -n $kiosk_pid ]] && kill -KILL "$kiosk_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work"/{data,config,home,tmp,secret}

# fresh: 24 random capital letters (the on-screen keyboard types them; nothing else looks like them).
fresh() { local c; c=$(head -c 4096 /dev/urandom | tr -dc 'A-Z' | head -c 24); [[ ${#c} == 24 ]]; echo "$c"; }

head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$work/config/store.key"
chmod 600 "$work/config/store.key"
port=$(cat "$peer/port")
# peer_post ENDPOINT BODY: a test-only request to the peer (reset, fault, index).
peer_post() {
  curl -sS --cacert "$peer/ca/ca.pem" --cert "$peer/device/device.pem" --key "$peer/device/device.key" \
    -X POST "https://127.0.0.1:$port/__test/$1" -d "$2" >/dev/null
}
peer_post reset '{}'
cat > "$work/config/kiosk.json" <<JSON
{
  "server_url": "https://127.0.0.1:$port/fhir/R4",
  "ca_file": "$peer/ca/ca.pem",
  "certificate_file": "$peer/device/device.pem",
  "key_file": "$peer/device/device.key",
  "server_pins": ["$(cat "$peer/pin.txt")"],
  "store_key_file": "$work/config/store.key",
  "staff_pin_hash": "$(echo 1357 | "$kiosk" --hash-pin)",
  "data_dir": "$work/data",
  "time_zone": "UTC",
  "log_level": "debug"
}
JSON
