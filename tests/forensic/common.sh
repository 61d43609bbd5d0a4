# Shared by forensic_test.sh and crash_test.sh (sourced, after they set $kiosk and $peer): a
# private work tree removed at exit (the kiosk killed first if it still runs), fresh canaries, a
# store key, and the kiosk's config for the peer over mutual TLS (tests/peer/test-env.sh).
if [[ ${KIOSK_SANITIZED:-} == 1 ]]; then # set by tests/CMakeLists.txt in the asan build
  echo "SKIPPED under AddressSanitizer: the memory search reads every writable mapping (ASan's shadow"
  echo "memory reserves terabytes), and the freed-heap scrubbing checked here is glibc's (GLIBC_TUNABLES,"
  echo "M_PERTURB), which ASan's allocator replaces. The normal build runs this test in full."
  exit 77
fi
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

# scan_memory PID CANARY: forensic_scan.py memory (exit 0 not found, 1 found, 2 unreadable). The
# kiosk is not dumpable, so only root (or CAP_SYS_PTRACE) may read its memory: an ordinary user
# running README command 2 (who has sudo, as install-deps.sh needs) reads it through sudo.
scan_memory() {
  local scan
  scan=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/forensic_scan.py
  if [[ $(id -u) -ne 0 ]] && sudo -n true 2>/dev/null; then
    sudo -n python3 "$scan" memory "$@"
  else
    python3 "$scan" memory "$@"
  fi
}

# shellcheck source=../peer/test-env.sh
source "$(dirname "${BASH_SOURCE[0]}")/../peer/test-env.sh"
new_store_key "$work/config/store.key"
peer_post reset '{}'
write_kiosk_config "$work/config/kiosk.json" "https://127.0.0.1:$port/fhir/R4" "$work/config/store.key" "$work/data" debug
