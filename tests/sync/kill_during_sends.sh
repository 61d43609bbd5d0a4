#!/usr/bin/env bash
# The crash test of issue 6: 100 queued items (walk-ins and bookings), the sending process
# killed with SIGKILL at random moments again and again, then restarted until the outbox is
# empty: every item must exist on the server exactly once.
# Usage: kill_during_sends.sh OUTBOX_DRIVER PEER_DIR
set -euo pipefail
driver=$1
peer=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=../peer/test-env.sh
source "$(dirname "$0")/../peer/test-env.sh"
new_store_key "$work/key"

"$driver" reset "$peer"
"$driver" enqueue "$work/kiosk.db" "$work/key" "$peer" 100
kills=0
for round in $(seq 1 12); do
  "$driver" send "$work/kiosk.db" "$work/key" "$peer" &
  pid=$!
  sleep "0.$(( (RANDOM % 30) + 2 ))"
  if kill -9 "$pid" 2>/dev/null; then kills=$((kills + 1)); fi
  wait "$pid" 2>/dev/null || true
done
echo "killed the sender $kills times"
"$driver" send "$work/kiosk.db" "$work/key" "$peer"
"$driver" verify "$peer" 100
