#!/usr/bin/env bash
# Issue 16 (start-up): with no session bus (the appliance's case: no DBUS_SESSION_BUS_ADDRESS, no
# $XDG_RUNTIME_DIR/bus) SDL's start must not make libdbus "autolaunch" one — fork the kiosk and
# exec dbus-launch along PATH, a few milliseconds before the first frame, and a bus daemon of the
# kiosk's own if dbus-launch is installed. A dbus-launch first in PATH records whether it was run.
#
# Usage: no_dbus_autolaunch.sh KIOSK
set -uo pipefail
kiosk=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/bin" "$dir/runtime"
chmod 700 "$dir/runtime"
cat >"$dir/bin/dbus-launch" <<SCRIPT
#!/bin/sh
echo "\$*" >>"$dir/called"
exit 1
SCRIPT
chmod +x "$dir/bin/dbus-launch"

# DISPLAY is set (libdbus autolaunches only for an X11 session); the dummy driver never uses it.
env -u DBUS_SESSION_BUS_ADDRESS PATH="$dir/bin:$PATH" XDG_RUNTIME_DIR="$dir/runtime" DISPLAY=:99 \
  SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy timeout 30 "$kiosk" --demo --windowed --exit-after-first-frame >"$dir/out" 2>&1
rc=$?
if [[ $rc -ne 0 ]] || ! grep -q '^first-frame-monotonic-ns ' "$dir/out"; then
  cat "$dir/out"
  echo "FAIL: the kiosk did not draw its first frame (exit $rc)"
  exit 1
fi
if [[ -e $dir/called ]]; then
  echo "FAIL: dbus-launch was run at start: $(cat "$dir/called")"
  exit 1
fi
echo "PASS: no D-Bus autolaunch at start"
