#!/usr/bin/env bash
# The real kiosk with a broken lesson file among the shipped ones: it starts, logs one line naming
# the file and the field, and Learn still offers the other lessons.
set -euo pipefail
kiosk=$1
assets=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$assets" "$work/assets"
cat > "$work/assets/lessons/16-broken.json" <<'JSON'
{ "id": "broken", "number": 16, "minutes": 2, "title": "lesson.hello.title", "summary": "lesson.hello.summary",
  "learned": "lesson.hello.learned", "steps": [ { "kind": "juggle", "text": "lesson.hello.intro" } ] }
JSON
cat > "$work/scenario.txt" <<'TXT'
tap Touch to start
tap Learn
expect learn.lesson.hello-tablet
scroll-to learn.lesson.meet-your-peer
expect-not learn.lesson.broken
TXT
SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy TZ=UTC "$kiosk" --windowed --assets "$work/assets" --scenario "$work/scenario.txt" \
  > "$work/out" 2> "$work/err" || { cat "$work/out" "$work/err"; exit 1; }
cat "$work/err"
grep -q 'lessons: 16-broken.json: steps\[0\].kind: must be one of read, tap' "$work/err" || { echo "no log line naming the file and the field"; exit 1; }
[[ $(grep -c 'lessons: ' "$work/err") == 1 ]] || { echo "expected exactly one lesson problem"; exit 1; }
echo "broken lesson skipped, the rest work"
