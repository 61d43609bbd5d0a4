#!/usr/bin/env bash
# The pristine check: both README commands on a Debian 12 that has nothing but what a new user
# would have. Builds a minbase Debian 12 root with debootstrap (from the Debian mirror this
# machine's apt already uses), adds git, ca-certificates and sudo, clones the current HEAD of this
# repository into it as an ordinary user with sudo, and runs there, exactly as the README says:
#
#   2: provisioning/install-deps.sh && cmake --workflow --preset default
#   1: provisioning/demo.sh --windowed   (headless: under xvfb-run, with --exit-after-first-frame)
#
# It prints the time of each phase and the test summary, fails if either command fails, and
# unmounts what it mounts whatever happens. Needs root (debootstrap, chroot, mount) and Debian's
# debootstrap on the host (installed if missing); everything else comes in through the commands.
#
# Usage: tests/pristine/run.sh [--cache DIR] [--keep] [--workdir DIR]
#   --cache DIR    keep debootstrap's downloaded packages in DIR/bookworm-minbase.tgz and reuse
#                  them (saves the download when iterating; the install itself is still fresh).
#                  CI runs without it.
#   --keep         leave the root (and its logs) behind for a look; mounts are removed anyway.
#   --workdir DIR  where the root is made (default: a new directory under /var/tmp).
set -euo pipefail

cache=
keep=0
workdir=
while [[ $# -gt 0 ]]; do
  case $1 in
    --cache) cache=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    --workdir) workdir=$2; shift 2 ;;
    *) echo "usage: $0 [--cache DIR] [--keep] [--workdir DIR]" >&2; exit 2 ;;
  esac
done

if [[ $(id -u) -ne 0 ]]; then
  echo "$0: needs root (debootstrap, chroot, mount): run it with sudo" >&2
  exit 2
fi
if ! command -v debootstrap >/dev/null; then
  echo "$0: installing debootstrap" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap
fi

repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
head=$(git -C "$repo" rev-parse HEAD)
suite=bookworm
user=kiosk

# The Debian mirror and suites this machine's apt is configured with (never a fixed host).
mapfile -t sites < <(apt-get indextargets --format '$(RELEASE) $(SITE)' 'Identifier: Packages' \
  | awk -v s="$suite" '$1 == s || $1 == s"-updates" || $1 == s"-security"' | sort -u)
mirror=$(printf '%s\n' "${sites[@]}" | awk -v s="$suite" '$1 == s { print $2; exit }')
if [[ -z $mirror ]]; then
  echo "$0: this machine's apt has no Debian '$suite' source to take a mirror from" >&2
  exit 2
fi

if [[ -z $workdir ]]; then
  workdir=$(mktemp -d /var/tmp/pristine.XXXXXX)
else
  mkdir -p "$workdir"
  workdir=$(cd "$workdir" && pwd)
fi
root=$workdir/root
log=$workdir/log
mkdir -p "$log"
if [[ -e $root ]]; then
  echo "$0: $root already exists; give another --workdir" >&2
  exit 2
fi

# --- timing -------------------------------------------------------------------------------
phases=()
start_all=$(date +%s)
phase_start=
phase() {  # phase NAME: start timing a phase
  phase_name=$1
  phase_start=$(date +%s)
  echo
  echo "=== pristine: $phase_name ($(date -u +%H:%M:%S) UTC)"
}
phase_end() {
  local t=$(( $(date +%s) - phase_start ))
  phases+=("$(printf '%-44s %3d min %02d s' "$phase_name" $((t / 60)) $((t % 60)))")
  echo "=== pristine: $phase_name took $((t / 60)) min $((t % 60)) s"
}
report() {
  local t=$(( $(date +%s) - start_all ))
  echo
  echo "=== pristine: phases"
  printf '  %s\n' "${phases[@]}"
  printf '  %-44s %3d min %02d s\n' "total" $((t / 60)) $((t % 60))
}

# --- cleanup, whatever happens ------------------------------------------------------------
mounted=()
child=
cleanup() {
  local rc=$?
  set +e
  # Stop what this script started and what still runs inside the root (a test peer, a kiosk).
  [[ -n $child ]] && kill -KILL -- "-$child" 2>/dev/null
  if [[ -d $root ]]; then
    for p in /proc/[0-9]*; do
      [[ $(readlink "$p/root" 2>/dev/null) == "$root" ]] && kill -KILL "${p#/proc/}" 2>/dev/null
    done
  fi
  local i m
  for (( i = ${#mounted[@]} - 1; i >= 0; i-- )); do
    umount "${mounted[i]}" 2>/dev/null || umount -l "${mounted[i]}"
  done
  # Anything else mounted under the root (debootstrap mounts its own /proc while it works).
  for m in $(awk -v r="$root/" 'index($2, r) == 1 { print $2 }' /proc/mounts | sort -r); do
    umount "$m" 2>/dev/null || umount -l "$m"
  done
  if grep -q " $root/" /proc/mounts 2>/dev/null; then
    echo "$0: something is still mounted under $root; not deleting it" >&2
    grep " $root/" /proc/mounts >&2
    rc=1
  elif [[ $keep -eq 0 ]]; then
    rm -rf "$workdir"
  else
    echo "pristine: kept $workdir"
  fi
  [[ ${#phases[@]} -gt 0 ]] && report
  exit "$rc"
}
trap cleanup EXIT
trap 'echo "pristine: failed at line $LINENO: $BASH_COMMAND" >&2' ERR
trap 'exit 130' INT TERM

# run COMMAND...: in its own process group, waited for so that a signal stops the script at once
# (cleanup then kills the group).
run() {
  setsid "$@" &
  child=$!
  local status=0
  wait "$child" || status=$?
  child=
  return "$status"
}

mount_in() {  # mount_in TARGET MOUNT-ARGS...: mount under the root and remember it
  local target=$root$1
  shift
  mkdir -p "$target"
  mount "$@" "$target"
  mounted+=("$target")
}

in_root() {  # in_root COMMAND: run COMMAND as the user, in a login-like clean environment
  run chroot "$root" /usr/bin/env -i HOME=/home/$user USER=$user LOGNAME=$user SHELL=/bin/bash \
    LANG=C.UTF-8 PATH=/usr/local/bin:/usr/bin:/bin \
    /usr/sbin/runuser -u "$user" -- /bin/bash -c "cd /home/$user/peer-kiosk && $1"
}

echo "pristine: commit $head, Debian $suite from $mirror, in $root"

# --- 1. a minbase Debian 12 ---------------------------------------------------------------
phase "debootstrap --variant=minbase $suite"
bootstrap=(debootstrap --variant=minbase)
if [[ -n $cache ]]; then
  mkdir -p "$cache"
  tarball=$(cd "$cache" && pwd)/$suite-minbase.tgz
  if [[ ! -f $tarball ]]; then
    run "${bootstrap[@]}" --make-tarball="$tarball" "$suite" "$workdir/make-tarball" "$mirror" >"$log/debootstrap.log" 2>&1 \
      || { tail -20 "$log/debootstrap.log"; exit 1; }
    rm -rf "$workdir/make-tarball"
  fi
  bootstrap+=(--unpack-tarball="$tarball")
fi
run "${bootstrap[@]}" "$suite" "$root" "$mirror" >>"$log/debootstrap.log" 2>&1 \
  || { tail -20 "$log/debootstrap.log"; exit 1; }
phase_end

phase "git, ca-certificates, sudo; a user; the clone"
# The same sources a Debian 12 install has: the release, its updates and security.
: >"$root/etc/apt/sources.list"
for s in "${sites[@]}"; do
  read -r release site <<<"$s"
  echo "deb $site $release main" >>"$root/etc/apt/sources.list"
done
# This machine's network setup goes in, and nothing else of it: its resolver, and the certificate
# authorities its admin added (/usr/local/share/ca-certificates, e.g. for a TLS-inspecting proxy;
# npm needs them to reach its registry from here). ca-certificates takes them in when installed.
cp /etc/resolv.conf "$root/etc/resolv.conf"
mkdir -p "$root/usr/local/share/ca-certificates"
if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
  echo "pristine: this machine's own CAs go in too: $(cd /usr/local/share/ca-certificates && echo *.crt)"
fi
mount_in /proc -t proc proc
mount_in /sys -t sysfs sysfs
mount_in /dev --bind /dev
mount_in /dev/pts --bind /dev/pts
mount_in /dev/shm -t tmpfs -o mode=1777,nosuid,nodev tmpfs
mount_in /tmp -t tmpfs -o mode=1777,nosuid,nodev tmpfs
{
  run chroot "$root" apt-get update &&
  run chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends git ca-certificates sudo
} >"$log/base.log" 2>&1 || { tail -20 "$log/base.log"; exit 1; }
chroot "$root" useradd --create-home --shell /bin/bash "$user"
echo "$user ALL=(ALL) NOPASSWD:ALL" >"$root/etc/sudoers.d/$user"
chmod 0440 "$root/etc/sudoers.d/$user"
git clone --quiet --no-hardlinks "$repo" "$root/home/$user/peer-kiosk"
git -C "$root/home/$user/peer-kiosk" checkout --quiet --detach "$head"
chroot "$root" chown -R "$user:$user" "/home/$user/peer-kiosk"
echo "pristine: $(chroot "$root" dpkg-query -W -f='${binary:Package}\n' | wc -l) packages installed; no node, npm, cmake or compiler:"
for c in node npm cmake c++ python3 xvfb-run; do
  if chroot "$root" /bin/sh -c "command -v $c" >/dev/null; then
    echo "$0: $c is already in the root; it is not pristine" >&2
    exit 1
  fi
done
phase_end

# --- 2. README command 2 --------------------------------------------------------------------
command2='provisioning/install-deps.sh && cmake --workflow --preset default'
phase "command 2: $command2"
status2=0
in_root "$command2" >"$log/command2.log" 2>&1 || status2=$?
phase_end
echo "--- the test summary"
sed -n '/tests passed\|tests failed/,$p' "$log/command2.log" | head -60
if [[ $status2 -ne 0 ]]; then
  echo "--- the end of command 2's output"
  tail -40 "$log/command2.log"
  echo "pristine: FAILED: command 2 exited $status2 (log: $log/command2.log)" >&2
  keep=1
  exit 1
fi
grep -E '^install-deps:' "$log/command2.log" || true
# The disk it took: the whole root (Debian, the packages, the clone), the build, the test peer.
# (Information only: a du that trips over a file vanishing in the root does not fail the check.)
for d in "$root" "$root/home/$user/peer-kiosk/build" "$root/home/$user/peer-kiosk/tests/peer/node_modules" "$root/var/cache/apt/archives"; do
  echo "pristine: disk $(du -shx "$d" 2>/dev/null | cut -f1) ${d#"$root"}/"
done

# --- 3. README command 1, headless ------------------------------------------------------------
command1='xvfb-run -a -s "-screen 0 1280x800x24" provisioning/demo.sh --windowed --exit-after-first-frame'
phase "command 1: $command1"
status1=0
in_root "$command1" >"$log/command1.log" 2>&1 || status1=$?
phase_end
tail -5 "$log/command1.log"
if [[ $status1 -ne 0 ]] || ! grep -q '^first-frame-monotonic-ns ' "$log/command1.log"; then
  echo "pristine: FAILED: command 1 exited $status1 without drawing its first frame (log: $log/command1.log)" >&2
  keep=1
  exit 1
fi

echo
echo "pristine: PASSED: both README commands on a minbase Debian 12 (commit $head)"
