#!/usr/bin/env bash
# peer-kiosk.service under a real systemd (issue 16; by hand, as root: these machines have no
# systemd as PID 1). Boots a Debian 12 root (debootstrap) with systemd-nspawn, installs the
# package in it, and starts the unit with every hardening directive as shipped; a drop-in only
# swaps the tablet's tty1/PAM/logind for a headless cage (no VT, no seat in a container). Checks:
# the unit becomes active (Type=notify: the kiosk said READY=1 inside the sandbox), the watchdog
# is armed, the kiosk runs as peer-kiosk with the unit's GLIBC_TUNABLES, and after SIGSEGV,
# SIGKILL and SIGABRT of the kiosk the unit is restarted (cage exits 0: Restart=always) and
# active again, timed from the kill.
# Usage: unit_in_container.sh DEB [ROOT]   (ROOT: a bookworm debootstrap; made when missing)
# Needs: systemd-container, debootstrap.
set -euo pipefail
deb=$(realpath "$1")
root=${2:-/var/tmp/peer-kiosk-nspawn-root}
if [[ ! -x $root/lib/systemd/systemd ]]; then
  debootstrap --variant=minbase --include=systemd,systemd-sysv,dbus,ca-certificates bookworm "$root" http://deb.debian.org/debian
fi
cp "$deb" "$root/root/peer-kiosk.deb"
systemd-nspawn -q --register=no --keep-unit -D "$root" --pipe sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --reinstall --no-install-recommends procps /root/peer-kiosk.deb' >/dev/null
mkdir -p "$root/etc/systemd/system/peer-kiosk.service.d"
cat > "$root/etc/systemd/system/peer-kiosk.service.d/headless.conf" <<'CONF'
# Test only: no VT, no seat in a container. Everything else, hardening included, as shipped.
[Unit]
ConditionPathExists=
[Service]
PAMName=
TTYPath=
TTYReset=no
TTYVHangup=no
TTYVTDisallocate=no
StandardInput=null
UtmpIdentifier=
RuntimeDirectory=peer-kiosk-session
RuntimeDirectoryMode=0700
Environment=WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 XDG_RUNTIME_DIR=/run/peer-kiosk-session SDL_AUDIODRIVER=dummy
CONF
systemd-nspawn -q --register=no --keep-unit -b -D "$root" --machine=peer-kiosk-test >/tmp/peer-kiosk-nspawn.log 2>&1 &
nspawn=$!
trap 'kill "$nspawn" 2>/dev/null; wait "$nspawn" 2>/dev/null || true' EXIT
leader=
for _ in $(seq 100); do
  leader=$(pgrep -P "$nspawn" -x systemd || true)
  [[ -n $leader ]] && break
  sleep 0.2
done
[[ -n $leader ]] || { echo "the container did not boot"; cat /tmp/peer-kiosk-nspawn.log; exit 1; }
inside() { nsenter -t "$leader" -a "$@"; }
for _ in $(seq 100); do
  state=$(inside systemctl is-system-running 2>/dev/null || true)
  [[ $state == running || $state == degraded ]] && break
  sleep 0.3
done
inside systemctl daemon-reload
inside systemd-analyze security peer-kiosk.service --no-pager | tail -1
t0=$(date +%s%N)
inside systemctl start peer-kiosk.service
echo "started (active after READY=1) in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
inside systemctl show -p ActiveState,SubState,WatchdogUSec,NRestarts peer-kiosk.service | tr '\n' ' '; echo
kiosk=$(inside pgrep -u peer-kiosk -x peer-kiosk)
inside sh -c "tr '\0' '\n' < /proc/$kiosk/environ | grep GLIBC_TUNABLES"
for signal in SEGV KILL ABRT; do
  before=$(inside systemctl show -p NRestarts --value peer-kiosk.service)
  kiosk=$(inside pgrep -u peer-kiosk -x peer-kiosk)
  t0=$(date +%s%N)
  inside kill "-$signal" "$kiosk"
  for _ in $(seq 200); do
    now=$(inside systemctl show -p NRestarts --value peer-kiosk.service)
    [[ $now != "$before" && $(inside systemctl is-active peer-kiosk.service || true) == active ]] && break
    sleep 0.02
  done
  echo "SIG$signal: restarted $(( now - before )) time(s), active again (READY=1) $(( ($(date +%s%N) - t0) / 1000000 )) ms after the kill"
  [[ $now != "$before" ]] || { inside journalctl -u peer-kiosk --no-pager | tail -30; exit 1; }
done
# A hung UI thread: the kiosk stopped (SIGSTOP) sends no pings; WatchdogSec=30s restarts the session.
before=$(inside systemctl show -p NRestarts --value peer-kiosk.service)
kiosk=$(inside pgrep -u peer-kiosk -x peer-kiosk)
t0=$(date +%s%N)
inside kill -STOP "$kiosk"
for _ in $(seq 600); do
  now=$(inside systemctl show -p NRestarts --value peer-kiosk.service)
  [[ $now != "$before" && $(inside systemctl is-active peer-kiosk.service || true) == active ]] && break
  sleep 0.1
done
echo "hung kiosk (SIGSTOP): restarted by the watchdog $(( ($(date +%s%N) - t0) / 1000000 )) ms after it stopped"
[[ $now != "$before" ]] || { inside journalctl -u peer-kiosk --no-pager | tail -30; exit 1; }
inside journalctl -u peer-kiosk --no-pager | grep -i "watchdog timeout" | tail -1
inside journalctl -u peer-kiosk --no-pager | grep -E "kiosk ready|watchdog|Main process exited|Scheduled restart" | tail -8
# A crash loop: a config the kiosk refuses makes it exit at once, again and again. After 10
# starts the start limit fails the unit, OnFailure= arms peer-kiosk-retry.timer (2 min; 5 s here
# through a test drop-in), which starts it again; once the config is fixed it comes back.
mkdir -p "$root/etc/systemd/system/peer-kiosk-retry.timer.d"
printf '[Timer]\nOnActiveSec=\nOnActiveSec=5s\n' > "$root/etc/systemd/system/peer-kiosk-retry.timer.d/test.conf"
inside systemctl daemon-reload
mkdir -p "$root/etc/peer-kiosk/conf.d"
echo '{"idle_timeout_seconds": 1}' > "$root/etc/peer-kiosk/conf.d/99-broken.json"
inside systemctl restart peer-kiosk.service || true
state=
for _ in $(seq 300); do
  state=$(inside systemctl show -p ActiveState --value peer-kiosk.service)
  [[ $state == failed ]] && break
  sleep 0.1
done
echo "crash loop: $state after $(inside systemctl show -p NRestarts --value peer-kiosk.service) restarts (the start limit); retry timer $(inside systemctl is-active peer-kiosk-retry.timer || true)"
[[ $state == failed ]] || { echo "the start limit did not stop the loop"; exit 1; }
rm "$root/etc/peer-kiosk/conf.d/99-broken.json"
for _ in $(seq 300); do
  [[ $(inside systemctl is-active peer-kiosk.service || true) == active ]] && break
  sleep 0.1
done
[[ $(inside systemctl is-active peer-kiosk.service || true) == active ]] || { inside journalctl -u peer-kiosk-retry --no-pager | tail; exit 1; }
inside journalctl -u peer-kiosk-retry.service --no-pager | grep -E "Starting|Finished" | tail -2
echo "after the start limit, peer-kiosk-retry.timer started the kiosk again: active"
rm -r "$root/etc/systemd/system/peer-kiosk-retry.timer.d"
inside systemctl stop peer-kiosk.service
echo "unit test in a container passed"
