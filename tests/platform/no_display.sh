#!/usr/bin/env bash
# README command 1 on a machine with no display (an ssh session, a CI runner): the kiosk must not
# start invisibly (SDL quietly falls back to its "offscreen" driver) and must not exit 0. It must
# say what is missing and how to run headless, and exit 1.
#
# Usage: no_display.sh KIOSK
set -uo pipefail
kiosk=$1
out=$(mktemp)
trap 'rm -f "$out"' EXIT

# No X11, no Wayland, no SDL driver chosen: what a new user's terminal without a desktop has.
env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER XDG_RUNTIME_DIR=/nonexistent \
  timeout 20 "$kiosk" --demo --windowed >"$out" 2>&1
rc=$?
cat "$out"
if [[ $rc -eq 124 ]]; then
  echo "FAIL: the kiosk kept running with no display (an invisible window) until killed after 20 s"
  exit 1
fi
if [[ $rc -ne 1 ]]; then
  echo "FAIL: exit code $rc with no display (expected 1)"
  exit 1
fi
for needed in 'no display' 'DISPLAY' 'WAYLAND_DISPLAY' 'SDL_VIDEODRIVER=dummy' 'xvfb-run'; do
  if ! grep -qF -- "$needed" "$out"; then
    echo "FAIL: the message does not mention \"$needed\""
    exit 1
  fi
done

# Asking for the offscreen driver on purpose is allowed (it is a real, if invisible, renderer).
env -u DISPLAY -u WAYLAND_DISPLAY SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy \
  timeout 20 "$kiosk" --demo --windowed --exit-after-first-frame >"$out" 2>&1
rc=$?
if [[ $rc -ne 0 ]] || ! grep -q '^first-frame-monotonic-ns ' "$out"; then
  cat "$out"
  echo "FAIL: SDL_VIDEODRIVER=offscreen, asked for on purpose, did not draw (exit $rc)"
  exit 1
fi
echo "no display: exit 1 with what is missing and how to run headless"
