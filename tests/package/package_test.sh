#!/usr/bin/env bash
# The appliance package, end to end on this machine (issue 16; run as root by .ci/run):
#  1. builds the release preset and `cpack -G DEB` → peer-kiosk_<version>_<arch>.deb
#  2. lintian: no errors, no warnings
#  3. installs it with apt (its dependencies from Debian), checks the layout, the user, the
#     conffiles and `systemd-analyze verify` of the installed units
#  4. starts the kiosk once as the unit would (cage headless, as the peer-kiosk user, the
#     unit's GLIBC_TUNABLES and command line): READY=1 and watchdog pings reach a
#     NOTIFY_SOCKET, the first frame is drawn, SIGTERM stops the session
#  5. removes (conffiles and state stay) and purges it, and checks that nothing is left behind
#     under /etc, /usr, /var and /lib that was not there before the install.
# Usage: package_test.sh [SOURCE_DIR]   (default: this checkout)
set -euo pipefail
src=$(cd "${1:-$(dirname "$0")/../..}" && pwd)
here=$src/tests/appliance
work=$(mktemp -d -p /var/tmp)   # not in /tmp: the session gets a private /tmp, as PrivateTmp= gives it
session_pid=
cleanup() {
  # The session's process group (setsid): runuser, cage, Xwayland and the kiosk.
  [[ -n $session_pid ]] && kill -KILL -- "-$session_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
step() { echo; echo "== $*"; }
[[ $(id -u) == 0 ]] || { echo "package_test.sh installs a package: run it as root (CI does)"; exit 2; }

step "build the release preset and the package"
cd "$src"
cmake --preset release >"$work/configure.log" \
  || { cat "$work/configure.log"; exit 1; }
cmake --build --preset release >"$work/build.log" 2>&1 || { tail -50 "$work/build.log"; exit 1; }
(cd build-release && rm -f peer-kiosk_*.deb && cpack -G DEB >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; exit 1; }
deb=$(ls "$src"/build-release/peer-kiosk_*.deb)
echo "built $(basename "$deb")"
[[ $(basename "$deb") =~ ^peer-kiosk_[0-9][^_]*_[a-z0-9]+\.deb$ ]]
dpkg-deb -f "$deb" Package Version Architecture Depends
dpkg-deb -c "$deb" | awk '{print $1, $2, $6, $7, $8}'

step "lintian"
lintian --fail-on error,warning --display-level ">=info" "$deb" | tee "$work/lintian.txt" || { echo "lintian failed"; exit 1; }
echo "lintian: $(grep -c '^[EW]:' "$work/lintian.txt" || true) errors and warnings"

step "install"
# The dependencies first, so the snapshot below sees only what the package itself adds.
depends=$(dpkg-deb -f "$deb" Depends | sed 's/([^)]*)//g; s/|[^,]*//g; s/,/ /g')
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $depends >"$work/deps.log" 2>&1 || { cat "$work/deps.log"; exit 1; }
if dpkg -s peer-kiosk >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq peer-kiosk >/dev/null
fi
snapshot() {
  find /etc /usr /var /lib /opt /srv -xdev \
    \( -path /var/cache -o -path /var/log -o -path /var/lib/apt -o -path /var/lib/dpkg -o -path /var/tmp \
       -o -path /var/lib/systemd/timers -o -path /var/lib/ucf -o -path /var/mail -o -path /var/spool -o -path /usr/lib/python3 \) -prune \
    -o -print 2>/dev/null | sort
}
snapshot > "$work/before.txt"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb" >"$work/install.log" 2>&1 || { cat "$work/install.log"; exit 1; }
dpkg -s peer-kiosk | grep -E '^(Status|Version):'
for f in /usr/bin/peer-kiosk /usr/libexec/peer-kiosk/kiosk /usr/sbin/peer-kiosk-enroll /usr/share/peer-kiosk/assets/strings/en.json \
         /lib/systemd/system/peer-kiosk.service /etc/peer-kiosk/kiosk.json /etc/pam.d/peer-kiosk /usr/lib/sysctl.d/50-peer-kiosk.conf \
         /usr/share/man/man1/peer-kiosk.1.gz /usr/share/man/man8/peer-kiosk-enroll.8.gz /usr/share/doc/peer-kiosk/copyright \
         /usr/share/doc/peer-kiosk/changelog.Debian.gz; do
  [[ -e $f ]] || { echo "missing after install: $f"; exit 1; }
done
dpkg-query -W -f='${Conffiles}\n' peer-kiosk | grep -q /etc/peer-kiosk/kiosk.json || { echo "kiosk.json is not a conffile"; exit 1; }
getent passwd peer-kiosk | grep -q ':/var/lib/peer-kiosk:/usr/sbin/nologin$' || { echo "no peer-kiosk system user"; exit 1; }
[[ $(stat -c '%U %a' /var/lib/peer-kiosk) == "peer-kiosk 700" ]] || { echo "state dir: $(stat -c '%U %a' /var/lib/peer-kiosk)"; exit 1; }
if dpkg -L peer-kiosk | grep -q '^/home'; then echo "the package ships files under /home"; exit 1; fi
echo "installed: binaries, content, units, man pages, copyright, changelog, conffiles, user, state dir"
systemd-analyze verify /lib/systemd/system/peer-kiosk.service /lib/systemd/system/peer-kiosk-retry.service \
  /lib/systemd/system/peer-kiosk-retry.timer 2>&1 | tee "$work/verify.txt"
[[ ! -s $work/verify.txt ]] || { echo "systemd-analyze verify is not clean"; exit 1; }
echo "systemd-analyze verify: clean"
systemd-analyze security --offline=true --no-pager /lib/systemd/system/peer-kiosk.service | tail -1

step "start the kiosk once, as the unit does, under headless cage"
# shellcheck source=../appliance/headless_cage.sh
source "$here/headless_cage.sh"
exec_start=$(sed -n 's/^ExecStart=//p' /lib/systemd/system/peer-kiosk.service)
tunables=$(sed -n 's/^Environment=GLIBC_TUNABLES=//p' /lib/systemd/system/peer-kiosk.service)
# The unit's NOTIFY_SOCKET, played by a listener that records what the kiosk says.
python3 - "$work/notify.sock" "$work/notify.log" <<'PY' &
import socket, sys, os
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1]); os.chmod(sys.argv[1], 0o777)
with open(sys.argv[2], "w", buffering=1) as log:
    while True:
        log.write(s.recv(4096).decode() + "\n")
PY
listener=$!
for _ in $(seq 50); do [[ -S $work/notify.sock ]] && break; sleep 0.1; done
chmod 0755 "$work"
# A private /tmp for the session (the unit's PrivateTmp=yes): Xwayland's sockets and keymaps go there.
# shellcheck disable=SC2016
setsid unshare --mount --propagation private sh -c 'mount -t tmpfs -o mode=1777 tmpfs /tmp && exec "$@"' session \
  runuser -u peer-kiosk -- env $(cage_env peer-kiosk "$work/run") GLIBC_TUNABLES="$tunables" \
  NOTIFY_SOCKET="$work/notify.sock" WATCHDOG_USEC=2000000 $exec_start >"$work/session.log" 2>&1 &
session_pid=$!
for _ in $(seq 300); do
  grep -q "WATCHDOG=1" "$work/notify.log" 2>/dev/null && [[ $(grep -c WATCHDOG=1 "$work/notify.log") -ge 3 ]] && break
  kill -0 "$session_pid" 2>/dev/null || break
  sleep 0.1
done
kiosk_pid=$(pgrep -u peer-kiosk -x peer-kiosk || true)
echo "notify socket: $(sort "$work/notify.log" | uniq -c | tr '\n' ' ')"
grep -q "READY=1" "$work/notify.log" || { echo "no READY=1"; cat "$work/session.log"; exit 1; }
[[ $(grep -c WATCHDOG=1 "$work/notify.log") -ge 3 ]] || { echo "no watchdog pings"; cat "$work/session.log"; exit 1; }
[[ -n $kiosk_pid ]] || { echo "the kiosk is not running under cage"; cat "$work/session.log"; exit 1; }
# glibc splits GLIBC_TUNABLES at its colons in place: compare the raw environment.
python3 -c 'import sys; sys.exit(0 if b"GLIBC_TUNABLES=" + sys.argv[2].replace(":", "\0").encode() + b"\0" in open(f"/proc/{sys.argv[1]}/environ", "rb").read() else 1)' \
  "$kiosk_pid" "$tunables" || { echo "GLIBC_TUNABLES not passed"; exit 1; }
[[ $(tr '\0' ' ' < "/proc/$kiosk_pid/cmdline") == *"--assets /usr/share/peer-kiosk/assets"* ]]
grep "kiosk ready\|renderer" "$work/session.log" || true
# systemd stops the unit with SIGTERM to its main process: cage.
kill -TERM "$(pgrep -u peer-kiosk -x cage)"
for _ in $(seq 100); do kill -0 "$session_pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$session_pid" 2>/dev/null; then echo "the session did not stop on SIGTERM"; exit 1; fi
session_pid=
kill "$listener" 2>/dev/null || true
rm -rf "$work/run"   # the session's runtime directory (logind removes it on a tablet)
# Exited is enough (a zombie waits for this machine's PID 1 to reap it; systemd reaps its own).
sleep 1
alive=$(ps -u peer-kiosk -o pid=,stat=,comm= | awk '$2 !~ /^Z/' || true)
[[ -z $alive ]] || { echo "processes of peer-kiosk still running: $alive"; exit 1; }
echo "the kiosk ran under cage as peer-kiosk (READY=1, watchdog pings), and stopped on SIGTERM"

step "remove, then purge"
DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq peer-kiosk >"$work/remove.log" 2>&1 || { cat "$work/remove.log"; exit 1; }
[[ ! -e /usr/libexec/peer-kiosk/kiosk && -f /etc/peer-kiosk/kiosk.json && -d /var/lib/peer-kiosk ]] \
  || { echo "after remove: the binary must be gone, the conffile and the state must stay"; exit 1; }
echo "removed: binary gone, /etc/peer-kiosk/kiosk.json and /var/lib/peer-kiosk kept"
DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq peer-kiosk >"$work/purge.log" 2>&1 || { cat "$work/purge.log"; exit 1; }
snapshot > "$work/after.txt"
left=$(comm -13 "$work/before.txt" "$work/after.txt")
gone=$(comm -23 "$work/before.txt" "$work/after.txt")
if [[ -n $left || -n $gone ]]; then
  echo "after purge, not as before the install:"; echo "$left" | sed 's/^/  left: /'; echo "$gone" | sed 's/^/  gone: /'; exit 1
fi
uid=$(id -u peer-kiosk)
owned=$(find / -xdev -uid "$uid" -not -path '/proc/*' 2>/dev/null | head -5)
[[ -z $owned ]] || { echo "files still owned by peer-kiosk: $owned"; exit 1; }
echo "purged: nothing left under /etc /usr /var /lib (the peer-kiosk system user stays, as Debian does)"
echo "package test passed"
