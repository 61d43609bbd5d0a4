#!/usr/bin/env bash
# Installs the Debian 12 packages the kiosk builds, runs and is tested with. Safe to run again:
# apt-get skips what is already there. Needs root (or sudo).
set -euo pipefail

packages=(
  # build
  build-essential cmake pkg-config
  # the design card: SDL2, Dear ImGui 1.86, SQLCipher, libcurl, Catch2 — and JSON, FreeType
  libsdl2-dev libimgui-dev libstb-dev libsqlcipher-dev libcurl4-openssl-dev catch2
  nlohmann-json3-dev libfreetype-dev libssl-dev libsodium-dev
  # read-aloud: eSpeak NG and its voices (espeak-ng-data comes with it)
  libespeak-ng-dev espeak-ng-data
  # fonts (Noto Sans for text, DejaVu Sans for arrows)
  fonts-noto-core fonts-dejavu-core
  # headless runs, screenshots and benchmarks
  xvfb xauth zbar-tools libqrencode-dev
  # the forensic test (tests/forensic): traces the kiosk's file writes
  strace bc
)

# --- CI and developer tools (issue 12): `install-deps.sh --ci`, run by .ci/run. Command 1 of the
# README does not need them. The asan preset uses GCC's own sanitizers (in build-essential).
ci_packages=(
  clang-14 libclang-rt-14-dev   # libFuzzer with ASan/UBSan (the fuzz preset)
  clang-tidy-14                 # static analysis (.ci/tidy.sh, .clang-tidy)
)
if [ "${1:-}" = "--ci" ]; then
  packages+=("${ci_packages[@]}")
fi
# --- end of CI tools

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi

# The sync tests' FHIR peer (tests/peer) runs on Node.js >= 20.19 with npm (Debian 12's own
# nodejs is 18, too old for Medplum 4.5): only the tests need it, never the kiosk.
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a==20&&b>=19)?0:1)' 2>/dev/null; then
  echo "install-deps: note: Node.js >= 20.19 with npm is needed to run the sync tests (tests/peer)" >&2
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
