#!/usr/bin/env bash
# Prints the public-key pin of a TLS server certificate in the form libcurl's
# CURLOPT_PINNEDPUBLICKEY (and curl --pinnedpubkey) expects: "sha256//" followed by the base64
# SHA-256 of the certificate's SubjectPublicKeyInfo. Put it in the kiosk's configuration.
# The pin follows the key, not the certificate: renewing the certificate on the same key keeps it.
#
# Usage: server-pin.sh CERT_PEM
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 CERT_PEM" >&2
  exit 2
fi
[[ -r $1 ]] || { echo "$0: cannot read $1" >&2; exit 1; }
# Run as a command substitution so that, with pipefail, a file openssl cannot parse fails the
# script instead of printing the pin of empty input.
hash=$(openssl x509 -in "$1" -pubkey -noout | openssl pkey -pubin -outform der \
  | openssl dgst -sha256 -binary | openssl enc -base64)
echo "sha256//$hash"
