#!/usr/bin/env bash
# The forensic test with short names (issue 14 items 2, 3 and 5); forensic_test.sh explains the
# searches. A name of up to 15 bytes fits inside a std::string object itself (the small string
# optimisation): on a stack, or inside another object, where glibc's freed-heap scrubbing never
# reaches. short_names.txt types canaries of 4, 8 and 15 capitals into every field a person can
# type into (walk-in name, booking name, a lesson's first name and practice field, keyboard
# practice, a guided session's patient reference), one with accented letters (é, ñ, ó) on the
# Spanish keyboard into the name fields and keyboard practice, the staff PIN (8 digits), a
# wrong PIN and a lesson's practice passcode (6 digits). Memory and files are searched for every canary in every form forensic_scan.py lists
# (UTF-8, Latin-1, UTF-16/32, JSON-escaped, the accessibility tree's labels, cases, halves).
# Pixels: the frames drawn right after wipes must equal a Welcome drawn before anybody touched
# the kiosk, and the name as drawn in its field must be in none of them.
#
# Usage: short_names_test.sh real|control KIOSK PEER_DIR STORE_SCAN FRAME_CHECK
#   real     no canary may be found anywhere; the frames must be Welcome's.
#   control  KIOSK is kiosk_forensic_control (wipe() keeps the screens): each of the four typed
#            canaries (4, 8, 15 letters, accented), the wrong PIN and the passcode left on their
#            pads MUST be found
#            in memory, which shows the search can fail for each.
set -euo pipefail
mode=$1
kiosk=$(realpath "$2")
peer=$(realpath "$3")
store_scan=$(realpath "$4")
frame_check=$(realpath "$5")
here=$(cd "$(dirname "$0")" && pwd)
started=$(date +%s.%N)

# shellcheck source=common.sh
source "$here/common.sh"
# shellcheck source=run.sh
source "$here/run.sh"

# letters N: N random capitals. digits N: N random digits, the first not 0.
letters() { local c; c=$(head -c 4096 /dev/urandom | tr -dc 'A-Z' | head -c "$1"); [[ ${#c} == "$1" ]]; echo "$c"; }
digits() { local c; c=$(head -c 4096 /dev/urandom | tr -dc '1-9' | head -c 1)$(head -c 4096 /dev/urandom | tr -dc '0-9' | head -c $(($1 - 1))); echo "$c"; }
# accented: 8 letters, capitals with é, ñ and ó between them (11 bytes of UTF-8), e.g. "QWéZñKóB".
accented() { local c; c=$(letters 5); echo "${c:0:2}é${c:2:1}ñ${c:3:1}ó${c:4:1}"; }
new_canary() {
  case $1 in
    s4) letters 4 ;; s8) letters 8 ;; s15) letters 15 ;; es) accented ;; pin|wrong) digits 8 ;; code) digits 6 ;;
  esac
}
names=(s4 s8 s15 es pin wrong code)
declare -A canary
for n in "${names[@]}"; do canary[$n]=$(new_canary "$n"); done
all_canaries() { local n out=; for n in "${names[@]}"; do out+=${out:+,}${canary[$n]}; done; echo "$out"; }

# The staff PIN is a canary too: the config's hash is made from it.
python3 - "$work/config/kiosk.json" "$(echo "${canary[pin]}" | "$kiosk" --hash-pin)" <<'PY'
import json, sys
config = json.load(open(sys.argv[1]))
config["staff_pin_hash"] = sys.argv[2]
json.dump(config, open(sys.argv[1], "w"))
PY

start_kiosk "$here/short_names.txt"

# Pause 1, nothing typed yet: a short canary must not be in the process by chance (4 capitals
# can be: fonts, certificates, random bytes). Any canary found now is drawn again.
wait_for_pause 1
for _ in 1 2 3 4 5; do
  baseline=$(scan_memory "$kiosk_pid" "$(all_canaries)" || true)
  again=()
  for n in "${names[@]}"; do
    if grep -q -F "CANARY ${canary[$n]} " <<<"$baseline"; then again+=("$n"); fi
  done
  [[ ${#again[@]} == 0 ]] && break
  echo "by chance in memory before anything was typed: ${again[*]} (drawn again)"
  for n in "${again[@]}"; do
    [[ $n == pin ]] && { echo "the PIN canary is in memory before it was typed"; exit 1; }
    canary[$n]=$(new_canary "$n")
  done
done
[[ ${#again[@]} == 0 ]] || { echo "could not find canaries absent from memory"; exit 1; }
for n in "${names[@]}"; do printf '%s\n' "${canary[$n]}" > "$work/secret/$n"; echo "canary $n: ${canary[$n]}"; done
python3 "$here/forensic_scan.py" forms "${canary[es]}"
end_pause() { kill -USR1 "$kiosk_pid"; }
end_pause

# Pause 2: what arrived at the clinic, for each typed canary: a walk-in (waitlist) and a booking;
# a progress record (task) for each of the 4, 8 and 15 letters. Then the front desk marks them done,
# and the kiosk pulls the list again before the tablet-only fields are typed.
wait_for_pause 2
for n in s4 s8 s15 es; do
  arrived=$(python3 "$here/peer.py" "$peer" find "${canary[$n]}" | awk '{print $1}' | sort | tr '\n' ' ')
  echo "on the server, named with $n: $arrived"
  expected="booked task waitlist "
  [[ $n == es ]] && expected="booked waitlist "
  [[ $arrived == "$expected" ]] || { echo "expected $expected"; exit 1; }
  python3 "$here/peer.py" "$peer" finish "${canary[$n]}" >/dev/null
done
end_pause

# Pause 3, right after the last wipe: everything is searched.
wait_for_pause 3
inspected=$(date +%s.%N)
search_everything "$(all_canaries)"
frames_differ=0
for after in after-booking-wipe after-guided-wipe last-welcome; do
  "$frame_check" same "$work/tmp/fresh-welcome.png" "$work/tmp/$after.png" 0 || frames_differ=1
done
# The comparison can fail: the booking screen with the name typed is not Welcome.
if "$frame_check" same "$work/tmp/fresh-welcome.png" "$work/tmp/name-typed.png" 0 >/dev/null; then
  echo "frames: the screen with a typed name compares equal to Welcome: the comparison cannot fail"; frames_differ=1
fi
drawn_found=0
"$frame_check" absent "$work/tmp/name-empty.png" "$work/tmp/name-typed.png" \
  "$work/tmp/after-booking-wipe.png" "$work/tmp/after-guided-wipe.png" "$work/tmp/last-welcome.png" || drawn_found=$?
end_kiosk
finished=$(date +%s.%N)
printf 'times: scenario to inspection %.1f s, inspection %.1f s\n' \
  "$(echo "$inspected - $started" | bc)" "$(echo "$finished - $inspected" | bc)"

if [[ $store_found == 2 ]]; then echo "the store could not be read"; exit 1; fi
if [[ $memory_found == 2 ]]; then echo "the kiosk's memory could not be read (run the test as root)"; exit 1; fi
if [[ $drawn_found == 2 ]]; then echo "the drawn name could not be searched for"; exit 1; fi
for n in "${names[@]}"; do
  echo "in memory, $n (${#canary[$n]} characters): $(grep -c -F "CANARY ${canary[$n]} " "$work/memory" || true) times"
done
if [[ $mode == control ]]; then
  missing=()
  for n in s4 s8 s15 es wrong code; do
    grep -q -F "CANARY ${canary[$n]} " "$work/memory" || missing+=("$n")
  done
  if [[ ${#missing[@]} == 0 ]]; then
    echo "control run: every short canary was found in memory, as it must be when the wipe is skipped"
    exit 0
  fi
  echo "control run: NOT found although the wipe was skipped: ${missing[*]}: the search cannot fail for them"
  exit 1
fi
if (( memory_found || files_found || store_found || log_found || frames_differ || drawn_found )); then
  echo "short names forensic test FAILED: memory $memory_found, files $files_found, store $store_found, log $log_found," \
    "frames differ $frames_differ, drawn name $drawn_found"
  exit 1
fi
echo "short names forensic test passed: no canary in any file, in memory, in the store or the log; Welcome after each wipe equals a fresh one"
