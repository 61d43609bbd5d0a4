#!/usr/bin/env bash
# Runs one libFuzzer target for a bounded time from its seed corpus, as a ctest.
#   run.sh BINARY TARGET SECONDS FUZZ_SOURCE_DIR WORK_DIR
# New inputs go to WORK_DIR/<target>/corpus (the seeds in tests/fuzz/corpus/<target>/ are only
# read); a crash leaves WORK_DIR/<target>/crash-*: copy it into the seed corpus as a regression
# input, fix, rerun. KIOSK_FUZZ_SECONDS overrides SECONDS. Prints runs and executions per second.
set -uo pipefail
binary=$1 target=$2 seconds=${KIOSK_FUZZ_SECONDS:-$3} source=$4 work=$5/$2
mkdir -p "$work/corpus"
dict=()
[[ $target != time && $target != outbox ]] && dict=("-dict=$source/json.dict") # the JSON readers
log=$work/last-run.log
# -timeout: one input taking over 10 s is a finding (a hang); -rss_limit_mb: so is using 2 GB.
"$binary" -max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -artifact_prefix="$work/" "${dict[@]}" "$work/corpus" "$source/corpus/$target" >"$log" 2>&1
status=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
if [[ $status -ne 0 ]]; then
  tail -60 "$log"
  echo "fuzz $target: FINDING (exit $status); inputs: $(ls "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-* 2>/dev/null | tr '\n' ' ')"
  exit 1
fi
grep -E '^(INFO: seed corpus|#[0-9]+ +(INITED|DONE))' "$log" | head -5
echo "fuzz $target: no finding; ${runs:-?} runs in ${seconds} s, ${rate:-?} exec/s"
