#!/usr/bin/env bash
# Regenerates docs/screenshots from the kiosk's own gallery flag (every screen drawn by the real
# application under SDL's dummy driver). The full set is every gallery screen × 3 text sizes ×
# 2 themes × 2 languages; the repository keeps three of each screen: English dark at 100 % and
# 200 %, and Spanish light at 150 %.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
SDL_VIDEODRIVER=dummy TZ=UTC build/kiosk/kiosk --windowed --wall-clock 2026-11-30T10:00:00Z --screenshots "$out" >/dev/null
rm -f docs/screenshots/*.png
for f in "$out"/*-en-dark-100.png "$out"/*-en-dark-200.png "$out"/*-es-light-150.png; do
  cp "$f" docs/screenshots/
done
ls docs/screenshots/*.png | wc -l
