#!/usr/bin/env bash
# The forensic test (issue 7): nothing of a person stays on the kiosk.
#
# The real kiosk, synced with the test peer over mutual TLS, is driven through forensic.txt: a
# fresh canary (24 random capitals, typed on the on-screen keyboard from a file the scenario only
# names) is given as the walk-in name and as the booking name; the first session ends with
# "I'm done", the second by the idle wipe. The outbox delivers, the test finds both appointments
# on the server carrying the canary, marks them done there, the kiosk pulls again, and then —
# while the kiosk is still running — the canary is searched for:
#   files   every file the process opened for writing, created or renamed to (strace -f), and
#           everything under its data, config, HOME and TMPDIR directories;
#   memory  every writable mapping of the process, read through /proc/PID/mem;
#   store   every page of the SQLCipher file and its WAL decrypted with the key, and every row.
#
# Usage: forensic_test.sh real|control KIOSK PEER_DIR STORE_SCAN
#   real     the canary must be found nowhere.
#   control  KIOSK is kiosk_forensic_control (wipe() keeps the screens): the canary MUST be found
#            in memory, which shows the search can fail.
set -euo pipefail
mode=$1
kiosk=$(realpath "$2")
peer=$(realpath "$3")
store_scan=$(realpath "$4")
here=$(cd "$(dirname "$0")" && pwd)
started=$(date +%s.%N)

# shellcheck source=common.sh
source "$here/common.sh"
# shellcheck source=run.sh
source "$here/run.sh" # start_kiosk (under strace -f, every thread), wait_for_pause
canary=$(fresh)
printf '%s\n' "$canary" > "$work/secret/canary"
echo "canary: $canary"

start_kiosk "$here/forensic.txt"
wait_for_pause 1
# What arrived at the clinic: one walk-in (waitlist) and one booking, both named with the canary,
# and one guided session's progress record with the canary as its patient reference.
arrived=$(python3 "$here/peer.py" "$peer" find "$canary" | awk '{print $1}' | sort | tr '\n' ' ')
echo "on the server, named with the canary: $arrived"
[[ $arrived == "booked task waitlist " ]]
python3 "$here/peer.py" "$peer" finish "$canary" >/dev/null
kill -USR1 "$kiosk_pid"

wait_for_pause 2
inspected=$(date +%s.%N)
status=0
memory_found=0
scan_memory "$kiosk_pid" "$canary" || memory_found=$?
files_found=0
python3 "$here/forensic_scan.py" files "$canary" "$work/trace" "$work" \
  "$work/data" "$work/config" "$work/home" "$work/tmp" || files_found=1
store_found=0
"$store_scan" "$work/data/kiosk.db" "$work/config/store.key" "$canary" '"resourceType":"HealthcareService"' || store_found=$?
# The kiosk's own log never carries the canary either.
log_found=0
if grep -a -q "$canary" "$work/stderr" "$work/stdout"; then echo "log: CANARY in the kiosk's output"; log_found=1; fi

kill -USR1 "$kiosk_pid"
wait "$tracer" || { echo "the kiosk failed its scenario:"; cat "$work/stdout" "$work/stderr"; exit 1; }
kiosk_pid=
finished=$(date +%s.%N)
printf 'times: scenario to inspection %.1f s, inspection %.1f s\n' \
  "$(echo "$inspected - $started" | bc)" "$(echo "$finished - $inspected" | bc)"

if [[ $store_found == 2 ]]; then echo "the store could not be read"; exit 1; fi
if [[ $memory_found == 2 ]]; then echo "the kiosk's memory could not be read (run the test as root)"; exit 1; fi
if [[ $mode == control ]]; then
  if [[ $memory_found == 1 ]]; then
    echo "control run: the canary was found in memory, as it must be when the wipe is skipped"
    exit 0
  fi
  echo "control run: the canary was NOT found although the wipe was skipped: the search cannot fail"
  exit 1
fi
if (( memory_found || files_found || store_found || log_found )); then
  echo "forensic test FAILED: memory $memory_found, files $files_found, store $store_found, log $log_found"
  exit 1
fi
echo "forensic test passed: the canary is in no file, nowhere in memory and nowhere in the store"
