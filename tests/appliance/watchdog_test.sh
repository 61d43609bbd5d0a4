#!/usr/bin/env bash
# The kiosk tells systemd it is up and alive (issue 16): run live under Xvfb with a NOTIFY_SOCKET
# and WATCHDOG_USEC=1 s, as peer-kiosk.service would give it, for 4 s on an idle Welcome: READY=1
# once, a WATCHDOG=1 every half second or so, and the loop still (nearly) never on the CPU.
# Without NOTIFY_SOCKET nothing is sent (the kiosk runs the same off systemd).
# Usage: watchdog_test.sh KIOSK
set -euo pipefail
kiosk=$(realpath "$1")
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
python3 - "$work/notify.sock" "$work/notify.log" <<'PY' &
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
with open(sys.argv[2], "w", buffering=1) as log:
    while True:
        log.write(s.recv(4096).decode() + "\n")
PY
pids+=($!)
for _ in $(seq 50); do [[ -S $work/notify.sock ]] && break; sleep 0.1; done
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$work/display" >/dev/null 2>&1 &
pids+=($!)
# Xvfb names its display once it is ready; on a busy machine (a cage test starting Xwayland at
# the same time) that can take seconds.
for _ in $(seq 300); do [[ -s $work/display ]] && break; sleep 0.1; done
[[ -s $work/display ]] || { echo "Xvfb did not start within 30 s"; exit 1; }
DISPLAY=:$(cat "$work/display") SDL_AUDIODRIVER=dummy NOTIFY_SOCKET=$work/notify.sock WATCHDOG_USEC=1000000 "$kiosk" --windowed >"$work/kiosk.log" 2>&1 &
kiosk_pid=$!
pids+=("$kiosk_pid")
sleep 1.5
kill -0 "$kiosk_pid" 2>/dev/null || { echo "the kiosk ended before the test could watch it:"; cat "$work/kiosk.log"; exit 1; }
cpu_before=$(awk '{print $1}' "/proc/$kiosk_pid/schedstat")
sleep 4
cpu_after=$(awk '{print $1}' "/proc/$kiosk_pid/schedstat")
kill -TERM "$kiosk_pid"
wait "$kiosk_pid" || { echo "the kiosk did not stop cleanly on SIGTERM"; cat "$work/kiosk.log"; exit 1; }
ready=$(grep -c '^READY=1$' "$work/notify.log" || true)
pings=$(grep -c '^WATCHDOG=1$' "$work/notify.log" || true)
stopping=$(grep -c '^STOPPING=1$' "$work/notify.log" || true)
cpu=$(python3 -c "print(f'{($cpu_after - $cpu_before) / 4e9 * 100:.3f}')")
echo "READY=1: $ready, WATCHDOG=1: $pings in about 5.5 s, STOPPING=1: $stopping; loop CPU over 4 s idle: $cpu %"
grep -q "watchdog on: a ping every 500 ms" "$work/kiosk.log" || { echo "the kiosk did not see the watchdog"; cat "$work/kiosk.log"; exit 1; }
[[ $ready == 1 && $pings -ge 8 && $stopping == 1 ]] || { echo "watchdog test FAILED"; exit 1; }
python3 -c "import sys; sys.exit(0 if $cpu < 1.0 else 1)" || { echo "the watchdog keeps the loop busy"; exit 1; }
echo "watchdog test passed"
