#!/usr/bin/env bash
# Makes the key and certificate of the clinic's mutual-TLS gateway (nginx, or the test peer),
# signed by the clinic CA. Kiosks pin this key (server-pin.sh), so a new key means a new pin
# on every tablet: this script refuses to replace an existing key.
#
# Usage: make-server-cert.sh CA_DIR HOSTNAME OUT_DIR [IP]
#   Writes OUT_DIR/server.key (ECDSA P-256, mode 0600) and OUT_DIR/server.pem (serverAuth,
#   subjectAltName DNS:HOSTNAME and, if given, IP:IP; valid 397 days).
#   Example: make-server-cert.sh clinic-ca fhir.clinic.example gateway
#            make-server-cert.sh clinic-ca localhost peer 127.0.0.1
set -euo pipefail

if [[ $# -lt 3 || $# -gt 4 ]]; then
  echo "usage: $0 CA_DIR HOSTNAME OUT_DIR [IP]" >&2
  exit 2
fi
ca_dir=$1
host=$2
out_dir=$3
ip=${4:-}
if [[ ! $host =~ ^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$ ]]; then
  echo "$0: HOSTNAME must be a DNS name (letters, digits, dots, hyphens)" >&2
  exit 2
fi
if [[ -n $ip && ! $ip =~ ^([0-9]{1,3}\.){3}[0-9]{1,3}$ && ! $ip =~ ^[0-9A-Fa-f:]+$ ]]; then
  echo "$0: IP must be an IPv4 or IPv6 address" >&2
  exit 2
fi
for f in "$ca_dir/ca.key" "$ca_dir/ca.pem"; do
  [[ -r $f ]] || { echo "$0: cannot read $f" >&2; exit 1; }
done
if [[ -e $out_dir/server.key ]]; then
  echo "$0: $out_dir/server.key already exists; refusing to overwrite it (kiosks pin it)" >&2
  exit 1
fi

umask 077
mkdir -p "$out_dir"
san="DNS:$host"
[[ -n $ip ]] && san="$san,IP:$ip"

# `openssl ca` with a throwaway database and a private config (ca-config.sh).
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=ca-config.sh
source "$(dirname "$0")/ca-config.sh"
write_ca_config "$work" "$ca_dir"
cat >>"$work/ca.cnf" <<CNF
[server_ext]
basicConstraints       = critical, CA:false
keyUsage               = critical, digitalSignature
extendedKeyUsage       = serverAuth
subjectAltName         = $san
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid
CNF

openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$out_dir/server.key"
chmod 0600 "$out_dir/server.key"
openssl req -new -key "$out_dir/server.key" -sha256 -subj "/CN=$host" -out "$work/server.csr"
openssl ca -batch -notext -rand_serial -config "$work/ca.cnf" -extensions server_ext -days 397 \
  -in "$work/server.csr" -out "$work/server.pem" 2>"$work/log" \
  || { cat "$work/log" >&2; exit 1; }
install -m 0644 "$work/server.pem" "$out_dir/server.pem"
openssl x509 -in "$out_dir/server.pem" -noout -subject -ext subjectAltName -enddate
