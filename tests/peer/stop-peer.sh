#!/usr/bin/env bash
# Stops the test peer that start-peer.sh OUTDIR started, and only that process.
#
# Usage: stop-peer.sh OUTDIR
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 OUTDIR" >&2
  exit 2
fi
pid_file=$1/pid
if [[ ! -f $pid_file ]]; then
  echo "$0: no peer recorded in $1" >&2
  exit 0
fi
pid=$(cat "$pid_file")
# Guard against a recycled pid: only stop a process that is our server.
if [[ ! -r /proc/$pid/cmdline ]] || ! tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q 'server\.mjs'; then
  echo "$0: peer (pid $pid) is not running" >&2
  rm -f "$pid_file"
  exit 0
fi
kill -TERM "$pid"
for _ in $(seq 1 50); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$pid" 2>/dev/null; then
  kill -KILL "$pid"
fi
rm -f "$pid_file"
echo "peer (pid $pid) stopped"
