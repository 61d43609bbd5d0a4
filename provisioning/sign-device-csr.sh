#!/usr/bin/env bash
# Runs at the clinic: signs a kiosk tablet's certificate signing request (from
# make-device-key.sh) with the clinic CA, making a client certificate the mutual-TLS gateway
# accepts. Extensions requested inside the CSR are ignored; this script decides them.
#
# Usage: sign-device-csr.sh [--expired] CA_DIR CSR OUT_PEM [DAYS]
#   CA_DIR holds ca.key and ca.pem (make-clinic-ca.sh). DAYS defaults to 365.
#   --expired (or SIGN_EXPIRED=1): for tests only, issue a certificate whose validity ended
#   yesterday (not before 30 days ago, not after 1 day ago), which any verifier must refuse.
set -euo pipefail

expired=${SIGN_EXPIRED:-0}
if [[ ${1:-} == --expired ]]; then
  expired=1
  shift
fi
if [[ $# -lt 3 || $# -gt 4 ]]; then
  echo "usage: $0 [--expired] CA_DIR CSR OUT_PEM [DAYS]" >&2
  exit 2
fi
ca_dir=$1
csr=$2
out=$3
days=${4:-365}
if [[ ! $days =~ ^[1-9][0-9]{0,4}$ ]]; then
  echo "$0: DAYS must be a positive whole number" >&2
  exit 2
fi
for f in "$ca_dir/ca.key" "$ca_dir/ca.pem" "$csr"; do
  [[ -r $f ]] || { echo "$0: cannot read $f" >&2; exit 1; }
done

# `openssl ca` with a throwaway database and a private config (why: ca-config.sh).
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=ca-config.sh
source "$(dirname "$0")/ca-config.sh"
write_ca_config "$work" "$ca_dir"
cat >>"$work/ca.cnf" <<CNF
[client_ext]
basicConstraints       = critical, CA:false
keyUsage               = critical, digitalSignature
extendedKeyUsage       = clientAuth
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid
CNF

if [[ $expired == 1 ]]; then
  validity=(-startdate "$(date -u -d '30 days ago' +%Y%m%d%H%M%SZ)"
            -enddate "$(date -u -d '1 day ago' +%Y%m%d%H%M%SZ)")
else
  validity=(-days "$days")
fi

openssl ca -batch -notext -rand_serial -config "$work/ca.cnf" -extensions client_ext \
  "${validity[@]}" -in "$csr" -out "$work/cert.pem" 2>"$work/log" \
  || { cat "$work/log" >&2; exit 1; }
install -m 0644 "$work/cert.pem" "$out"
openssl x509 -in "$out" -noout -subject -enddate
