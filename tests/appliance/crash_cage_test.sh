#!/usr/bin/env bash
# Crash → clean restart in the appliance's session (issue 16): the kiosk runs under headless
# cage as an unprivileged user, is killed mid-session with a name typed — by SIGKILL, SIGSEGV and
# SIGABRT in turn — and started again the way peer-kiosk.service does (cage, the unit's
# GLIBC_TUNABLES, the same config and store). Each time: cage itself exits 0 (cage 0.1.4: why the
# unit says Restart=always), the new instance shows Welcome with nothing of the killed session,
# the walk-in queued before the crash is delivered to the real peer, and neither name is in any
# file written, in the store, or in the new instance's memory. The scenarios are the forensic
# crash test's (crash_session_cage.txt: tests/forensic/crash_session.txt at cage's screen size;
# tests/forensic/crash_restart.txt).
# Usage: crash_cage_test.sh KIOSK PEER_DIR STORE_SCAN
set -euo pipefail
# It runs the session as a test user of its own, which only root can make and become: a person
# running README command 2 (who has sudo, as install-deps.sh needs) runs it through sudo.
if [[ $(id -u) -ne 0 ]]; then
  if sudo -n true 2>/dev/null; then
    exec sudo -n bash "$0" "$@"
  fi
  echo "crash test under cage skipped: it needs root or sudo without a password (it creates a test user)"
  exit 77
fi
kiosk=$(realpath "$1")
peer=$(realpath "$2")
store_scan=$(realpath "$3")
here=$(cd "$(dirname "$0")" && pwd)
forensic=$(cd "$here/../forensic" && pwd)
started=$(date +%s.%N)

# shellcheck source=../forensic/common.sh
source "$forensic/common.sh"
# shellcheck source=headless_cage.sh
source "$here/headless_cage.sh"
user=peer-kiosk-test
ensure_user "$user"
tunables=$(sed -n 's/^Environment=GLIBC_TUNABLES=//p' "$here/../../packaging/peer-kiosk.service")
[[ -n $tunables ]]
# The kiosk user reads its own copies of the device's key and certificates (as on the tablet).
cp "$peer/ca/ca.pem" "$peer/device/device.pem" "$peer/device/device.key" "$work/config/"
sed -i "s#$peer/ca/ca.pem#$work/config/ca.pem#; s#$peer/device/#$work/config/#g" "$work/config/kiosk.json"
chown -R "$user:" "$work"
chmod 0711 "$work"
# The kiosk binary may sit in a root-only tree: the test user runs a copy.
install -m 0755 "$kiosk" "$work/tmp/kiosk"
ENV=$(cage_env "$user" "$work/run")

# start RUN SCENARIO [ENV…]: cage + kiosk as $user under strace, in the background ($tracer).
start() {
  local run=$1 scenario=$2
  shift 2
  # shellcheck disable=SC2086
  ( cd "$work" && exec strace -f -qq -o "$work/$run.trace" -e trace=open,openat,creat,rename,renameat,renameat2,link,linkat,memfd_create,execve \
    runuser -u "$user" -- env $ENV "$@" cage -- "$work/tmp/kiosk" --config "$work/config/kiosk.json" \
      --scenario "$scenario" --output "$work/tmp" > "$work/$run.stdout" 2> "$work/$run.stderr" ) &
  tracer=$!
}
wait_for_pause() {
  for _ in $(seq 1 900); do
    if [[ $(grep -c "paused for inspection" "$work/$1.stdout" 2>/dev/null || true) -ge $2 ]]; then
      kiosk_pid=$(grep "paused for inspection" "$work/$1.stdout" | head -1 | sed 's/.*pid \([0-9]*\).*/\1/')
      return 0
    fi
    kill -0 "$tracer" 2>/dev/null || { echo "the session ended early:"; cat "$work/$1.stdout" "$work/$1.stderr"; exit 1; }
    sleep 0.2
  done
  echo "the kiosk did not pause within 180 s"; cat "$work/$1.stdout" "$work/$1.stderr"; exit 1
}
dirs=("$work/data" "$work/config" "$work/tmp" "$work/run")
known='"resourceType":"HealthcareService"'
found=0

for signal in KILL SEGV ABRT; do
  echo "== SIG$signal"
  canary=$(fresh); queued=$(fresh)
  printf '%s\n' "$canary" > "$work/secret/canary"
  printf '%s\n' "$queued" > "$work/secret/queued"
  chown "$user:" "$work/secret/canary" "$work/secret/queued"
  peer_post reset '{}'
  start "crash-$signal" "$here/crash_session_cage.txt"
  wait_for_pause "crash-$signal" 1
  peer_post fault '{"match": "/Appointment", "kind": "status:503", "count": 1000}'
  kill -USR1 "$kiosk_pid"
  wait_for_pause "crash-$signal" 2
  kill "-$signal" "$kiosk_pid"
  status=0
  wait "$tracer" || status=$?
  kiosk_pid=
  echo "killed the kiosk (SIG$signal) with a name typed; cage exited with status $status"
  [[ $status == 0 ]] || { echo "cage 0.1.4 was expected to exit 0 whatever happened to its client"; found=1; }
  python3 "$forensic/forensic_scan.py" files "$canary" "$work/crash-$signal.trace" "$work" "${dirs[@]}" || found=1
  "$store_scan" "$work/data/kiosk.db" "$work/config/store.key" "$canary" "$known" --outbox-may-be-full >/dev/null || found=1
  if compgen -G "$work/core*" >/dev/null || compgen -G "$work/tmp/core*" >/dev/null; then echo "a core file was written"; found=1; fi

  # Started again as the unit does: cage, the unit's GLIBC_TUNABLES (no re-exec), same config and store.
  peer_post reset '{}'
  start "restart-$signal" "$forensic/crash_restart.txt" GLIBC_TUNABLES="$tunables"
  wait_for_pause "restart-$signal" 1
  # glibc splits GLIBC_TUNABLES at its colons in place, so the raw environment is compared; and
  # the kiosk was executed once (no re-exec: the tunables were already there).
  python3 -c 'import sys; sys.exit(0 if b"GLIBC_TUNABLES=" + sys.argv[2].replace(":", "\0").encode() + b"\0" in open(f"/proc/{sys.argv[1]}/environ", "rb").read() else 1)' \
    "$kiosk_pid" "$tunables" || { echo "the restart did not get the unit's GLIBC_TUNABLES"; found=1; }
  # The re-exec is execv("/proc/self/exe"): the first run (no tunables set) shows it, the restart must not.
  reexecs=$(grep -c 'execve("/proc/self/exe".* = 0' "$work/restart-$signal.trace" || true)
  control=$(grep -c 'execve("/proc/self/exe".* = 0' "$work/crash-$signal.trace" || true)
  echo "re-exec: $control in the first run (no GLIBC_TUNABLES), $reexecs in the restart (the unit's)"
  [[ $reexecs == 0 && $control -ge 1 ]] || { echo "the restart re-executed itself, or the trace cannot see a re-exec"; found=1; }
  delivered=$(python3 "$forensic/peer.py" "$peer" find "$queued" | awk '{print $1}' | tr '\n' ' ')
  echo "Welcome shown; on the server, the walk-in queued before the crash: $delivered"
  [[ $delivered == "waitlist " ]] || found=1
  for c in "$canary" "$queued"; do
    python3 "$forensic/forensic_scan.py" memory "$kiosk_pid" "$c" || found=1
    python3 "$forensic/forensic_scan.py" files "$c" "$work/restart-$signal.trace" "$work" "${dirs[@]}" || found=1
    "$store_scan" "$work/data/kiosk.db" "$work/config/store.key" "$c" "$known" >/dev/null || found=1
  done
  if grep -a -q "$canary\|$queued" "$work"/*.stderr "$work"/*.stdout; then echo "log: a name in the session's output"; found=1; fi
  kill -USR1 "$kiosk_pid"
  wait "$tracer" || { echo "the restarted kiosk failed its scenario:"; cat "$work/restart-$signal.stdout" "$work/restart-$signal.stderr"; exit 1; }
  kiosk_pid=
  grep -h "steps passed" "$work/restart-$signal.stdout"
done
printf 'time: %.1f s\n' "$(echo "$(date +%s.%N) - $started" | bc)"
if (( found )); then
  echo "crash test under cage FAILED"
  exit 1
fi
echo "crash test under cage passed: SIGKILL, SIGSEGV and SIGABRT each restarted to Welcome, delivered the queued walk-in, kept nothing"
