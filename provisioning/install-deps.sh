#!/usr/bin/env bash
# Installs the Debian 12 packages the kiosk builds, runs and is tested with. Safe to run again:
# apt-get skips what is already there. Needs root (or sudo).
#   install-deps.sh        what README commands 1 and 2 need (build, run, every ctest)
#   install-deps.sh --dev  also the tools of CI's further checks (.ci/run): the Debian package,
#                          the pristine Debian root, sanitizers, fuzzing, static analysis
set -euo pipefail

packages=(
  # build
  build-essential cmake pkg-config
  # the design card: SDL2, Dear ImGui 1.86, SQLCipher, libcurl, Catch2 — and JSON, FreeType
  libsdl2-dev libimgui-dev libstb-dev libsqlcipher-dev libcurl4-openssl-dev catch2
  nlohmann-json3-dev libfreetype-dev libssl-dev libsodium-dev
  # read-aloud: eSpeak NG and its voices (espeak-ng-data comes with it)
  libespeak-ng-dev espeak-ng-data
  # fonts (Noto Sans for text, DejaVu Sans for arrows, Material Design icons for the pictures)
  fonts-noto-core fonts-dejavu-core fonts-material-design-icons-iconfont
  # headless runs, screenshots and benchmarks
  xvfb xauth zbar-tools libqrencode-dev
  # the forensic test (tests/forensic): traces the kiosk's file writes
  strace bc
  # the test scripts: the throwaway PKI, requests to the test peer, reading its answers
  openssl curl python3
  # the appliance: the loop's systemd watchdog (sd_notify); the headless cage session tests
  libsystemd-dev cage xwayland
)
# ---- optional: development and CI tools only, never needed to build or run the kiosk --------
dev_packages=(
  # fuzzing (tests/fuzz, the `fuzz` preset): clang-14; libFuzzer, the sanitizer runtimes and
  # FuzzedDataProvider.h come with libclang-rt-14-dev
  clang-14 libclang-rt-14-dev
  # static analysis (.ci/tidy.sh, .clang-tidy)
  clang-tidy-14
  # the Debian package (tests/package): CPack's shlibdeps, lintian, systemd-analyze
  dpkg-dev lintian systemd
  # the pristine check (tests/pristine)
  debootstrap
)
for arg in "$@"; do
  case $arg in
    --dev) packages+=("${dev_packages[@]}") ;;
    *) echo "install-deps: unknown argument $arg (only --dev)" >&2; exit 2 ;;
  esac
done


sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi

# The sync tests' FHIR peer (tests/peer) needs npm, and npm needs a node: Debian's nodejs and npm
# are enough. The peer itself runs on the Node.js runtime that tests/peer/package-lock.json pins
# (from the npm registry), not on this one: Debian 12's nodejs is 18, too old for Medplum 4.5.
# Only the tests need them, never the kiosk. A machine that already has node and npm (from any
# source) keeps them: asking apt for Debian's npm there could fight the node it has.
if ! command -v node >/dev/null; then
  packages+=(nodejs)
fi
if ! command -v npm >/dev/null; then
  packages+=(npm)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
