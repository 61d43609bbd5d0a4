# Sourced by the appliance tests: run a command under headless cage as an unprivileged user, the
# way the appliance runs the kiosk (cage 0.1.4 refuses to run as root and needs its own
# XDG_RUNTIME_DIR). Needs: cage, xwayland; runuser (util-linux).
#
# ensure_user NAME: a system user for the test, made if missing; sets $run_uid.
ensure_user() {
  if ! getent passwd "$1" >/dev/null; then
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$1"
  fi
  run_uid=$(id -u "$1")
}
# cage_env USER RUNTIME_DIR: makes RUNTIME_DIR (0700, owned by USER) and prints the environment
# a headless session needs, for `env`.
cage_env() {
  install -d -m 0700 -o "$1" -g "$(id -gn "$1")" "$2"
  # /tmp/.X11-unix as a booted system has it (systemd-tmpfiles' x11.conf: 1777, root). Otherwise
  # Xwayland, started by the test user, makes it 0755 for itself, and no other user's X server
  # (Xvfb in the watchdog test, run by whoever runs the suite) can put its socket there.
  install -d -m 1777 -o root -g root /tmp/.X11-unix
  echo "XDG_RUNTIME_DIR=$2 WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman HOME=$2 SDL_AUDIODRIVER=dummy"
}
