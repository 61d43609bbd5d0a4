# The forensic tests' steps, as functions (sourced after common.sh, which sets $work and the
# peer): start the kiosk under strace on a scenario, wait for its pauses, and search everything.

# start_kiosk SCENARIO: the kiosk under `strace -f` (every thread; -o keeps the trace out of
# stderr), with its HOME, TMPDIR and XDG directories in $work; sets $tracer.
start_kiosk() {
  cd "$work"
  HOME="$work/home" TMPDIR="$work/tmp" XDG_CONFIG_HOME="$work/home/.config" XDG_CACHE_HOME="$work/home/.cache" \
  SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy \
    strace -f -qq -o "$work/trace" -e trace=open,openat,creat,rename,renameat,renameat2,link,linkat,memfd_create \
    "$kiosk" --windowed --config "$work/config/kiosk.json" --scenario "$1" --output "$work/tmp" \
    > "$work/stdout" 2> "$work/stderr" &
  tracer=$!
}

# wait_for_pause N: until the kiosk's stdout says it paused for the Nth time; then sets $kiosk_pid.
wait_for_pause() {
  for _ in $(seq 1 1500); do
    if [[ $(grep -c "paused for inspection" "$work/stdout" 2>/dev/null || true) -ge $1 ]]; then
      kiosk_pid=$(grep "paused for inspection" "$work/stdout" | head -1 | sed 's/.*pid \([0-9]*\).*/\1/')
      return 0
    fi
    if ! kill -0 "$tracer" 2>/dev/null; then
      echo "the kiosk exited early:"; cat "$work/stdout" "$work/stderr"; exit 1
    fi
    sleep 0.2
  done
  echo "the kiosk did not pause within 300 s"; cat "$work/stdout" "$work/stderr"; exit 1
}

# search_everything CANARIES (comma-separated): memory, files, store and log, as forensic_test.sh
# describes; sets memory_found (0, 1, 2 unreadable), files_found, store_found, log_found and
# leaves the memory search's report in $work/memory.
search_everything() {
  memory_found=0
  scan_memory "$kiosk_pid" "$1" > "$work/memory" || memory_found=$?
  cat "$work/memory"
  files_found=0
  python3 "$here/forensic_scan.py" files "$1" "$work/trace" "$work" \
    "$work/data" "$work/config" "$work/home" "$work/tmp" || files_found=1
  store_found=0
  local c
  # The store holds JSON as nlohmann-json writes it (UTF-8); a JSON-escaped copy (\u00e9) is
  # searched too.
  for c in ${1//,/ } $(python3 -c 'import json, sys; print(" ".join(j for c in sys.argv[1].split(",") if (j := json.dumps(c)[1:-1]) != c))' "$1"); do
    "$store_scan" "$work/data/kiosk.db" "$work/config/store.key" "$c" '"resourceType":"HealthcareService"' || store_found=$?
    [[ $store_found == 0 ]] || break
  done
  log_found=0
  for c in ${1//,/ }; do
    if grep -a -q -F "$c" "$work/stderr" "$work/stdout"; then echo "log: CANARY $c in the kiosk's output"; log_found=1; fi
  done
}

# end_kiosk: lets the paused kiosk finish its scenario and checks it did.
end_kiosk() {
  kill -USR1 "$kiosk_pid"
  wait "$tracer" || { echo "the kiosk failed its scenario:"; cat "$work/stdout" "$work/stderr"; exit 1; }
  kiosk_pid=
}
