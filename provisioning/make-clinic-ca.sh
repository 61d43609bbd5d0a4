#!/usr/bin/env bash
# Creates the clinic's own certificate authority, which signs the certificates of its kiosk
# tablets (client certificates) and of its TLS gateway (server certificate). Run it once per
# clinic on a trusted machine and keep DIR/ca.key offline: whoever holds it can enrol devices.
#
# Usage: make-clinic-ca.sh DIR [CA_NAME]
#   Writes DIR/ca.key (ECDSA P-256, mode 0600) and DIR/ca.pem (self-signed, valid 10 years).
#   CA_NAME becomes the certificate's common name (default "Clinic kiosk CA").
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: $0 DIR [CA_NAME]" >&2
  exit 2
fi
dir=$1
name=${2:-Clinic kiosk CA}
if [[ ! $name =~ ^[A-Za-z0-9\ ._-]+$ ]]; then
  echo "$0: CA_NAME may hold only letters, digits, spaces and . _ -" >&2
  exit 2
fi
if [[ -e $dir/ca.key ]]; then
  # Replacing a CA silently would lock every enrolled tablet out of the clinic.
  echo "$0: $dir/ca.key already exists; refusing to overwrite it" >&2
  exit 1
fi

umask 077
mkdir -p "$dir"
config=$(mktemp)
trap 'rm -f "$config"' EXIT

# A private config keeps the result independent of the machine's /etc/ssl/openssl.cnf.
cat >"$config" <<CNF
[req]
distinguished_name = dn
prompt             = no
x509_extensions    = ca_ext
[dn]
CN = $name
[ca_ext]
basicConstraints       = critical, CA:true
keyUsage               = critical, keyCertSign, cRLSign
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always
CNF

openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$dir/ca.key"
chmod 0600 "$dir/ca.key"
openssl req -config "$config" -new -x509 -key "$dir/ca.key" -sha256 -days 3650 \
  -set_serial "0x$(openssl rand -hex 16)" -out "$dir/ca.pem"
chmod 0644 "$dir/ca.pem"
echo "clinic CA written: $dir/ca.pem (key: $dir/ca.key, keep it offline)"
