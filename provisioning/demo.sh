#!/usr/bin/env bash
# Command 1 of the README: install what is missing, build, and start the kiosk with the demo
# clinic. Extra arguments go to the kiosk (for example --windowed).
set -euo pipefail
cd "$(dirname "$0")/.."
provisioning/install-deps.sh
cmake --preset default >/dev/null
cmake --build --preset default
exec build/kiosk/kiosk --demo "$@"
