#!/usr/bin/env bash
# The forensic test's staff-names case (issue 14): names on the clinic's list are in the kiosk's
# memory only while staff look at them. Separate from forensic_test.sh (its own scenario,
# staff_names.txt, and its own canaries); the searches are the same (common.sh, forensic_scan.py).
#
# Two walk-ins wait on the clinic's list throughout — canary 1 typed on the kiosk by a person,
# canary 2 put on the server by the front desk — and the test peer sends their names even to the
# regular pull, which asks for none (`_elements`; FHIR lets a server ignore it).
#   phase A: the kiosk back on Welcome after the regular pulls: neither name anywhere in memory;
#   phase B: staff opened the list (both names fetched and shown), then "End staff mode": neither
#            name in memory, in any file or in the store.
#
# Usage: staff_names_test.sh real|control KIOSK PEER_DIR STORE_SCAN
#   control  KIOSK is kiosk_forensic_control (wipe() keeps the screens, the staff queue's list with
#            them): canary 2 must be found in phase B — and not in phase A, where only the pull's
#            own stripping (not the wipe) keeps it out.
set -euo pipefail
mode=$1
kiosk=$(realpath "$2")
peer=$(realpath "$3")
store_scan=$(realpath "$4")
here=$(cd "$(dirname "$0")" && pwd)

# shellcheck source=common.sh
source "$here/common.sh"
# shellcheck source=run.sh
source "$here/run.sh" # start_kiosk, wait_for_pause
canary=$(fresh)
canary2=$(fresh)
printf '%s\n' "$canary" > "$work/secret/canary"
printf '%s\n' "$canary2" > "$work/secret/canary2"
echo "canaries: $canary (typed on the kiosk), $canary2 (added at the front desk)"

# The front desk adds a walk-in named with canary 2 on the server.
peer_curl -X POST "https://127.0.0.1:$port/fhir/R4/Appointment" -H 'Content-Type: application/fhir+json' -d "{
  \"resourceType\": \"Appointment\", \"status\": \"waitlist\", \"created\": \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",
  \"appointmentType\": {\"coding\": [{\"system\": \"http://terminology.hl7.org/CodeSystem/v2-0276\", \"code\": \"WALKIN\"}]},
  \"participant\": [{\"actor\": {\"display\": \"$canary2\"}, \"status\": \"accepted\"}]}" >/dev/null

# scan_both PHASE: the memory search for each canary; sets found1 and found2 (0, 1 found, 2 unreadable).
scan_both() {
  echo "phase $1: memory"
  found1=0; scan_memory "$kiosk_pid" "$canary" || found1=$?
  found2=0; scan_memory "$kiosk_pid" "$canary2" || found2=$?
  if [[ $found1 == 2 || $found2 == 2 ]]; then echo "the kiosk's memory could not be read (run the test as root)"; exit 1; fi
}

start_kiosk "$here/staff_names.txt"
wait_for_pause 1
waiting=$(python3 "$here/peer.py" "$peer" find "$canary" | awk '{print $1}'; python3 "$here/peer.py" "$peer" find "$canary2" | awk '{print $1}')
echo "on the server: $(echo $waiting)"
[[ $(echo $waiting) == "waitlist waitlist" ]]
scan_both A
a1=$found1 a2=$found2
kill -USR1 "$kiosk_pid"

wait_for_pause 2
grep "staff list answered" "$work/stdout" || true
scan_both B
b1=$found1 b2=$found2
files_found=0
for c in "$canary" "$canary2"; do
  python3 "$here/forensic_scan.py" files "$c" "$work/trace" "$work" "$work/data" "$work/config" "$work/home" "$work/tmp" || files_found=1
done
store_found=0
for c in "$canary" "$canary2"; do
  "$store_scan" "$work/data/kiosk.db" "$work/config/store.key" "$c" '"resourceType":"HealthcareService"' || store_found=$?
done
log_found=0
if grep -a -q -e "$canary" -e "$canary2" "$work/stderr" "$work/stdout"; then echo "log: a canary in the kiosk's output"; log_found=1; fi
waiting=$(python3 "$here/peer.py" "$peer" find "$canary" | awk '{print $1}'; python3 "$here/peer.py" "$peer" find "$canary2" | awk '{print $1}')
echo "on the server after the staff session: $(echo $waiting)"

kill -USR1 "$kiosk_pid"
wait "$tracer" || { echo "the kiosk failed its scenario:"; cat "$work/stdout" "$work/stderr"; exit 1; }
kiosk_pid=
[[ $(echo $waiting) == "waitlist waitlist" ]]
if [[ $store_found == 2 ]]; then echo "the store could not be read"; exit 1; fi
echo "found in memory: phase A typed $a1, front desk $a2; phase B typed $b1, front desk $b2"

if [[ $mode == control ]]; then
  if [[ $b2 == 1 && $a2 == 0 ]]; then
    echo "control run: the staff list's name was found after End staff mode when the wipe is skipped, and not before staff looked"
    exit 0
  fi
  echo "control run: expected the front desk's canary in phase B only (the search cannot fail otherwise)"
  exit 1
fi
if (( a1 || a2 || b1 || b2 || files_found || store_found || log_found )); then
  echo "staff names forensic test FAILED: memory A $a1/$a2, B $b1/$b2, files $files_found, store $store_found, log $log_found"
  exit 1
fi
echo "staff names forensic test passed: no name of the clinic's list in memory on Welcome, nor after End staff mode; none in any file or the store"
