#!/usr/bin/env bash
# The appliance's restart, measured (issue 16; run by hand as root, figures in
# docs/performance.md): the kiosk runs live under headless cage as an unprivileged user, is
# killed (SIGKILL), and as soon as cage has exited a new cage + kiosk is started the way
# peer-kiosk.service starts it (the unit's GLIBC_TUNABLES, so no re-exec). Prints, per run and as
# median/worst: kill → first frame presented by the new instance (compositor start included;
# the unit's RestartSec comes on top), and new cage started → first frame.
# Usage: restart_bench.sh KIOSK [RUNS]
set -euo pipefail
kiosk=$(realpath "$1")
runs=${2:-10}
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=headless_cage.sh
source "$here/headless_cage.sh"
user=peer-kiosk-test
ensure_user "$user"
work=$(mktemp -d)
pid=
trap '[[ -n $pid ]] && kill -KILL -- "-$pid" 2>/dev/null; rm -rf "$work"' EXIT
chmod 0711 "$work"
install -m 0755 "$kiosk" "$work/kiosk"
ENV=$(cage_env "$user" "$work/run")
tunables=$(sed -n 's/^Environment=GLIBC_TUNABLES=//p' "$here/../../packaging/peer-kiosk.service")
now_ns() { python3 -c 'import time; print(time.clock_gettime_ns(time.CLOCK_MONOTONIC))'; }
totals=() starts=()
for i in $(seq "$runs"); do
  # shellcheck disable=SC2086
  setsid runuser -u "$user" -- env $ENV GLIBC_TUNABLES="$tunables" cage -- "$work/kiosk" >"$work/a.log" 2>&1 &
  pid=$!
  for _ in $(seq 100); do grep -q "kiosk ready" "$work/a.log" && break; sleep 0.05; done
  sleep 0.5
  kiosk_pid=$(pgrep -u "$user" -x kiosk)
  killed=$(python3 -c 'import os, signal, sys, time; t = time.clock_gettime_ns(time.CLOCK_MONOTONIC); os.kill(int(sys.argv[1]), signal.SIGKILL); print(t)' "$kiosk_pid")
  wait "$pid" || true
  pid=
  begun=$(now_ns)
  # shellcheck disable=SC2086
  frame=$(runuser -u "$user" -- env $ENV GLIBC_TUNABLES="$tunables" cage -- "$work/kiosk" --exit-after-first-frame 2>/dev/null | sed -n 's/^first-frame-monotonic-ns //p')
  total=$(( (frame - killed) / 1000000 )); start=$(( (frame - begun) / 1000000 ))
  totals+=("$total"); starts+=("$start")
  echo "run $i: kill → first frame $total ms (new cage started → first frame $start ms)"
done
stats() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {printf "median %d ms, worst %d ms", a[int((NR+1)/2)], a[NR]}'; }
echo "kill → first frame of the new instance under cage: $(stats "${totals[@]}") ($runs runs)"
echo "new cage started → first frame: $(stats "${starts[@]}")"
