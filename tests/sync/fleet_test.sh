#!/usr/bin/env bash
# The fleet test (issue 11): KIOSKS kiosk processes, each a real SyncWorker with its own encrypted
# store and its own client certificate (made and signed by the provisioning scripts, as a clinic
# enrols each tablet), book 20 free slots on the shared peer (ATTEMPTS each, with typed names) and queue walk-ins,
# while drops, lost answers and 503s are injected. Exactly 20 booked Appointments, every slot busy
# with the one that booked it, every walk-in on the server once, every outbox empty, no name in
# any store. Prints the figures.
# Usage: fleet_test.sh FLEET_DRIVER PEER_DIR [KIOSKS] [ATTEMPTS] [WALKINS]
set -euo pipefail
driver=$1
peer=$2
kiosks=${3:-8}
attempts=${4:-25}
walkins=${5:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=../peer/test-env.sh
source "$(dirname "$0")/../peer/test-env.sh"
prov="$(cd "$(dirname "$0")/../../provisioning" && pwd)"

# Each kiosk enrols as a tablet does: its own key (made on the device), its CSR signed by the clinic
# CA. Distinct certificates, checked: the fleet is not one device eight times.
for k in $(seq 0 $((kiosks - 1))); do
  "$prov/make-device-key.sh" "$work/device$k" "fleet-kiosk-$k" >/dev/null 2>&1
  "$prov/sign-device-csr.sh" "$peer/ca" "$work/device$k/device.csr" "$work/device$k/device.pem" >/dev/null 2>&1
done
distinct=$(for k in $(seq 0 $((kiosks - 1))); do openssl x509 -in "$work/device$k/device.pem" -noout -fingerprint -sha256; done | sort -u | wc -l)
if (( distinct != kiosks )); then
  echo "fleet: $distinct distinct client certificates for $kiosks kiosks" >&2
  exit 1
fi

started=$(date +%s%N)
"$driver" setup "$peer" "$work/slots"
pids=()
for k in $(seq 0 $((kiosks - 1))); do
  new_store_key "$work/key$k"
  "$driver" kiosk "$peer" "$work/slots" "$work/kiosk$k.db" "$work/key$k" "$k" "$attempts" "$walkins" "$work/device$k" >"$work/out$k" 2>"$work/err$k" &
  pids+=($!)
done
# Faults while they run: dropped connections, answers lost after the server acted, 503s.
# Only while some kiosk still runs: on a fast machine they may all be done before round 4.
running() { local pid; for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && return 0; done; return 1; }
for round in 1 2 3 4; do
  sleep 1
  running || break
  "$driver" fault "$peer" /Slot/ drop 3
  "$driver" fault "$peer" /Appointment drop-after 2
  "$driver" fault "$peer" /Slot status:503 3
  "$driver" fault "$peer" /Appointment status:503 2
done
failed=0
for i in "${!pids[@]}"; do
  if ! wait "${pids[$i]}"; then
    echo "kiosk $i failed: $(cat "$work/err$i")" >&2
    failed=1
  fi
done
cat "$work"/out*
ended=$(date +%s%N)
# Faults the kiosks did not meet are disarmed: the check reads the server as it is.
peer_curl -X DELETE "https://127.0.0.1:$port/__test/fault" >/dev/null
"$driver" verify "$peer" "$work/slots" "$kiosks" "$walkins" || failed=1
awk -v ns="$((ended - started))" '
  { a += $4; b += $6; t += $8; n += $10; f += $12; w += $14 }
  END { printf "fleet: %d kiosks, %d booking attempts, %d booked, %d taken, %d retried (no answer in time), %d failed, %d walk-ins, %.1f s\n", NR, a, b, t, n, f, w, ns / 1e9 }' "$work"/out*
exit $failed
