#!/usr/bin/env bash
# Renders a real `streetwise compare --report` in headless Chromium: the report's own script must set
# data-rendered="ok" on <body> (every chart has a non-empty bounding box), and a screenshot must come
# out as a PNG of some size. Usage: check_report_render.sh STREETWISE_BINARY SCENARIO_DIR WORK_DIR
# Fails (never skips) when Chromium is missing: the check is part of the suite.
set -euo pipefail

streetwise=$1
scenarios=$2
work=$3

chromium=$(command -v chromium || true)
if [[ -z "$chromium" ]]; then
  echo "FAIL: chromium is not installed; run .ci/install-deps.sh (as root) to install it" >&2
  exit 1
fi

rm -rf "$work"
mkdir -p "$work"
cd "$work"
export STREETWISE_CACHE_DIR="$work/cache"
unset STREETWISE_MAP_PATH

cat > vandals.yaml <<EOF
extends: $scenarios/default.yaml
name: vandals
crime:
  vandalism: {rate: 0.0338}
EOF
"$streetwise" compare "$scenarios/default.yaml" vandals.yaml --replicates 3 \
  --set residents.count=2000 --set time.days=2 --report report.html > compare.log

# A fresh profile per run, nothing fetched, no first-run dialogs: only the file itself is loaded.
browser() {
  rm -rf "$work/profile"
  timeout 60 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile" "$@" 2> "$work/chromium.log"
}

browser --dump-dom "file://$work/report.html" > dom.html || {
  echo "FAIL: chromium --dump-dom failed; its messages:" >&2
  cat chromium.log >&2
  exit 1
}
body=$(grep -o '<body[^>]*>' dom.html | head -n 1 || true)
echo "rendered body: $body"
charts=$(sed -n 's/.*data-charts="\([0-9]*\)".*/\1/p' <<< "$body")
drawn=$(sed -n 's/.*data-drawn-charts="\([0-9]*\)".*/\1/p' <<< "$body")
if [[ "$body" != *'data-rendered="ok"'* || -z "$charts" || "$charts" -lt 4 || "$drawn" != "$charts" ]]; then
  echo "FAIL: the report did not render every chart (expected data-rendered=\"ok\" and at least 4 charts)" >&2
  cat chromium.log >&2
  exit 1
fi

browser --screenshot="$work/report.png" --window-size=1400,2000 "file://$work/report.html" || {
  echo "FAIL: chromium --screenshot failed; its messages:" >&2
  cat chromium.log >&2
  exit 1
}
size=$(stat -c %s report.png 2> /dev/null || echo 0)
signature=$(head -c 8 report.png | od -An -tx1 | tr -d ' \n')
# A blank 1400 x 2000 page compresses to a few KB; text and charts take far more.
if [[ "$signature" != "89504e470d0a1a0a" || "$size" -lt 50000 ]]; then
  echo "FAIL: the screenshot is not a PNG or is nearly empty ($size bytes)" >&2
  exit 1
fi
echo "OK: $charts charts rendered, screenshot $work/report.png ($size bytes)"
