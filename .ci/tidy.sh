#!/usr/bin/env bash
# Static analysis: clang-tidy-14 with the checks in .clang-tidy, on every source file in kiosk/
# (our headers too, through HeaderFilterRegex), two files at a time. Exit 0 only with zero
# findings; each finding is printed with its file, line and check.
# Usage: .ci/tidy.sh [BUILD_DIR]   (default build/, which needs compile_commands.json: any preset
#                                   configures it; CMAKE_EXPORT_COMPILE_COMMANDS is on)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
[[ -f $build/compile_commands.json ]] || { echo "tidy: no $build/compile_commands.json (run cmake --preset default first)"; exit 2; }
command -v run-clang-tidy-14 >/dev/null || { echo "tidy: clang-tidy-14 is missing (provisioning/install-deps.sh --dev)"; exit 2; }
out=$(mktemp)
trap 'rm -f "$out"' EXIT
start=$(date +%s)
# -quiet: no per-file banner. The file regex keeps Dear ImGui's backend and the tests out.
# run-clang-tidy-14 always asks for colour: the escapes are taken out before reading.
run-clang-tidy-14 -clang-tidy-binary clang-tidy-14 -p "$build" -j "${TIDY_JOBS:-2}" -quiet "^$PWD/kiosk/" 2>&1 \
  | sed 's/\x1b\[[0-9;]*m//g' >"$out" || true
# (grep finds nothing when all is well: `|| true`, or pipefail would end the script there, silently)
findings=$( { grep -E '^/.*: (warning|error): ' "$out" || true; } | sort -u | wc -l) # a header's finding is reported once per file including it
grep -E '^/.*: (warning|error): ' "$out" | sort -u || true
if grep -qE 'error: |Error while processing' "$out" && (( findings == 0 )); then cat "$out"; exit 1; fi
echo "tidy: $findings finding(s) in kiosk/ ($(( $(date +%s) - start )) s)"
(( findings == 0 ))
