# Sourced by sign-device-csr.sh and make-server-cert.sh: the clinic CA's `openssl ca` settings.
# `openssl ca` (not `openssl x509 -req`) because OpenSSL 3.0's x509 command cannot set an
# arbitrary start date, and the expired test certificate needs one. Its bookkeeping files live
# in a throwaway directory; serial numbers are random (-rand_serial), so none must be kept (the
# serial file must still be named, though -rand_serial never reads it).
#
# write_ca_config WORK CA_DIR: writes WORK/ca.cnf (and WORK/index.txt) signing with CA_DIR's
# ca.key and ca.pem, copying no extension from a request; the caller appends its own
# extension section.
write_ca_config() {
  touch "$1/index.txt"
  cat >"$1/ca.cnf" <<CNF
[ca]
default_ca = clinic
[clinic]
database        = $1/index.txt
new_certs_dir   = $1
serial          = $1/serial
certificate     = $2/ca.pem
private_key     = $2/ca.key
default_md      = sha256
policy          = policy_cn
unique_subject  = no
copy_extensions = none
email_in_dn     = no
[policy_cn]
commonName = supplied
CNF
}
