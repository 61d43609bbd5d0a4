#!/usr/bin/env bash
# Regenerates docs/screenshots from the kiosk's own gallery flag (every screen drawn by the real
# application under SDL's dummy driver). The full set is every gallery screen × 3 text sizes ×
# 2 themes × 2 languages; the repository keeps three of each screen: English dark at 100 % and
# 200 %, and Spanish light at 150 %. Home, Learn, Find help, Book a peer and lesson 1 (issue 15's
# first screens) are kept at every text size in both languages, and on a 1024×600 screen at
# 170 dpi ("-small-").
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$(mktemp -d)
small=$(mktemp -d)
trap 'rm -rf "$out" "$small"' EXIT
SDL_VIDEODRIVER=dummy TZ=UTC build/kiosk/kiosk --windowed --wall-clock 2026-11-30T10:00:00Z --screenshots "$out" >/dev/null
SDL_VIDEODRIVER=dummy TZ=UTC build/kiosk/kiosk --windowed --size 1024x600 --dpi 170 --wall-clock 2026-11-30T10:00:00Z --screenshots "$small" >/dev/null
rm -f docs/screenshots/*.png
for f in "$out"/*-en-dark-100.png "$out"/*-en-dark-200.png "$out"/*-es-light-150.png; do
  cp "$f" docs/screenshots/
done
first="home learn find-help book-peer lesson-tap"
for screen in $first; do
  for variant in en-dark-150 es-light-100 es-light-200; do
    cp "$out/$screen-$variant.png" docs/screenshots/
  done
  for variant in en-dark-100 en-dark-200 es-light-100 es-light-200; do
    cp "$small/$screen-$variant.png" "docs/screenshots/$screen-small-$variant.png"
  done
done
ls docs/screenshots/*.png | wc -l
