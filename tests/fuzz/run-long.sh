#!/usr/bin/env bash
# fuzz-long: every fuzz target for a long time on this machine (not in CI), one after the other.
#   tests/fuzz/run-long.sh [SECONDS_PER_TARGET] [TARGET...]      (default: 3600 s each, all targets)
# Needs a fuzz build: cmake --preset fuzz && cmake --build --preset fuzz. The corpus grows in
# build-fuzz/tests/fuzz/work/<target>/corpus and is kept between runs; findings stop that target
# and are listed at the end. Use `-j` by hand (two shells) to use more cores.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-3600}
shift || true
targets=("$@")
[[ ${#targets[@]} -eq 0 ]] && targets=(fhir_bundle time config lesson catalog keyboard outbox)
failed=()
for target in "${targets[@]}"; do
  binary=$root/build-fuzz/tests/fuzz/fuzz_$target
  [[ -x $binary ]] || { echo "no $binary: build the fuzz preset first" >&2; exit 2; }
  KIOSK_FUZZ_SECONDS=$seconds bash "$root/tests/fuzz/run.sh" "$binary" "$target" "$seconds" "$root/tests/fuzz" \
    "$root/build-fuzz/tests/fuzz/work" | tail -1 || failed+=("$target")
done
[[ ${#failed[@]} -eq 0 ]] && echo "fuzz-long: no finding" || { echo "fuzz-long: findings in ${failed[*]}"; exit 1; }
