#!/usr/bin/env bash
# Runs ON the kiosk tablet during enrolment: makes the device's private key and a certificate
# signing request for it. Only the CSR goes to the clinic (sign-device-csr.sh); the private key
# never leaves the device.
#
# Usage: make-device-key.sh DIR DEVICE_NAME
#   Writes DIR/device.key (ECDSA P-256, mode 0600) and DIR/device.csr (CN=DEVICE_NAME).
#   DEVICE_NAME: letters, digits and . _ - only (for example "lobby-tablet-1").
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 DIR DEVICE_NAME" >&2
  exit 2
fi
dir=$1
name=$2
if [[ ! $name =~ ^[A-Za-z0-9._-]{1,64}$ ]]; then
  echo "$0: DEVICE_NAME must be 1-64 letters, digits or . _ -" >&2
  exit 2
fi
if [[ -e $dir/device.key ]]; then
  # The existing key may already carry a signed certificate; never replace it by accident.
  echo "$0: $dir/device.key already exists; refusing to overwrite it" >&2
  exit 1
fi

umask 077
mkdir -p "$dir"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$dir/device.key"
chmod 0600 "$dir/device.key"
openssl req -new -key "$dir/device.key" -sha256 -subj "/CN=$name" -out "$dir/device.csr"
chmod 0644 "$dir/device.csr"
echo "device key written: $dir/device.key (stays here); send $dir/device.csr to the clinic"
