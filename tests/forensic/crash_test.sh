#!/usr/bin/env bash
# The crash test (issue 7): the kiosk killed (SIGKILL) in the middle of a session never resumes it.
#
# Run 1 (crash_session.txt, under strace): the server answers 503 to Appointment requests, so a
# walk-in named QUEUED stays in the outbox; then a second person types CANARY as a booking name
# and the kiosk is killed with the name on screen. Between the runs: CANARY is in no file the
# process wrote and nowhere in the decrypted store (QUEUED is, in the outbox, encrypted).
# Run 2 (crash_restart.txt, same data dir, server healthy again): the kiosk shows Welcome, the
# queued walk-in is delivered (the server holds it, named QUEUED), and then neither QUEUED nor
# CANARY is in any file, anywhere in the running process's memory, or in the store.
#
# Usage: crash_test.sh KIOSK PEER_DIR STORE_SCAN
set -euo pipefail
kiosk=$(realpath "$1")
peer=$(realpath "$2")
store_scan=$(realpath "$3")
here=$(cd "$(dirname "$0")" && pwd)
started=$(date +%s.%N)

# shellcheck source=common.sh
source "$here/common.sh"
canary=$(fresh)
queued=$(fresh)
printf '%s\n' "$canary" > "$work/secret/canary"
printf '%s\n' "$queued" > "$work/secret/queued"
echo "canary (typed when killed): $canary; queued walk-in: $queued"

# start RUN SCENARIO: the kiosk under strace, in the background ($tracer); output in $work/RUN.*
start() {
  ( cd "$work" && HOME="$work/home" TMPDIR="$work/tmp" XDG_CONFIG_HOME="$work/home/.config" XDG_CACHE_HOME="$work/home/.cache" \
    SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy \
    exec strace -f -qq -o "$work/$1.trace" -e trace=open,openat,creat,rename,renameat,renameat2,link,linkat,memfd_create \
    "$kiosk" --windowed --config "$work/config/kiosk.json" --scenario "$here/$2" --output "$work/tmp" \
    > "$work/$1.stdout" 2> "$work/$1.stderr" ) &
  tracer=$!
}
# wait_for_pause RUN N: until the Nth pause; sets kiosk_pid.
wait_for_pause() {
  for _ in $(seq 1 900); do
    if [[ $(grep -c "paused for inspection" "$work/$1.stdout" 2>/dev/null || true) -ge $2 ]]; then
      kiosk_pid=$(grep "paused for inspection" "$work/$1.stdout" | head -1 | sed 's/.*pid \([0-9]*\).*/\1/')
      return 0
    fi
    if ! kill -0 "$tracer" 2>/dev/null; then
      echo "the kiosk exited early:"; cat "$work/$1.stdout" "$work/$1.stderr"; exit 1
    fi
    sleep 0.2
  done
  echo "the kiosk did not pause within 180 s"; cat "$work/$1.stdout" "$work/$1.stderr"; exit 1
}
dirs=("$work/data" "$work/config" "$work/home" "$work/tmp")
known='"resourceType":"HealthcareService"'
found=0

# Run 1: queue a walk-in the server refuses, type a name, SIGKILL.
start crash crash_session.txt
wait_for_pause crash 1
peer_post fault '{"match": "/Appointment", "kind": "status:503", "count": 1000}'
kill -USR1 "$kiosk_pid"
wait_for_pause crash 2
# Sanity: the search does see the name in the running process before the kill.
if scan_memory "$kiosk_pid" "$canary" >/dev/null || [[ $? != 1 ]]; then
  echo "the typed name was not found in the kiosk's memory before the kill: the search is blind"; exit 1
fi
echo "before the kill, the typed name is in the kiosk's memory (as it must be: it is on screen)"
kill -KILL "$kiosk_pid"
{ wait "$tracer"; } 2>/dev/null || true
kiosk_pid=
echo "killed the kiosk with a name typed and a walk-in in the outbox"
python3 "$here/forensic_scan.py" files "$canary" "$work/crash.trace" "$work" "${dirs[@]}" || found=1
"$store_scan" "$work/data/kiosk.db" "$work/config/store.key" "$canary" "$known" --outbox-may-be-full || found=1
queued_in_store=$("$store_scan" "$work/data/kiosk.db" "$work/config/store.key" "$queued" "$known" --outbox-may-be-full | grep -c "CANARY in table outbox" || true)
echo "the queued walk-in is in the outbox: $queued_in_store row(s)"
[[ $queued_in_store -ge 1 ]]

# Run 2: the server is healthy again; restart on the same data dir.
peer_post reset '{}'
start restart crash_restart.txt
wait_for_pause restart 1
delivered=$(python3 "$here/peer.py" "$peer" find "$queued" | awk '{print $1}' | tr '\n' ' ')
echo "on the server, named with the queued walk-in's name: $delivered"
[[ $delivered == "waitlist " ]] || found=1
for c in "$canary" "$queued"; do
  scan_memory "$kiosk_pid" "$c" || found=1
  python3 "$here/forensic_scan.py" files "$c" "$work/restart.trace" "$work" "${dirs[@]}" || found=1
  "$store_scan" "$work/data/kiosk.db" "$work/config/store.key" "$c" "$known" || found=1
done
if grep -a -q "$canary\|$queued" "$work"/*.stderr "$work"/*.stdout; then echo "log: a canary in the kiosk's output"; found=1; fi
kill -USR1 "$kiosk_pid"
wait "$tracer" || { echo "the restarted kiosk failed its scenario:"; cat "$work/restart.stdout" "$work/restart.stderr"; exit 1; }
kiosk_pid=
printf 'time: %.1f s\n' "$(echo "$(date +%s.%N) - $started" | bc)"
if (( found )); then
  echo "crash test FAILED"
  exit 1
fi
echo "crash test passed: the restart showed Welcome, delivered the queued walk-in, and kept nothing"
