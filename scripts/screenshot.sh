#!/usr/bin/env bash
# Renders an HTML report (a sweep's or a run's report.html) to a PNG with headless
# Chromium from Debian's packages, to look at what a researcher will see.
#
#   scripts/screenshot.sh sweeps/x/report.html [out.png] [WIDTHxHEIGHT]
set -euo pipefail
page="${1:?usage: scripts/screenshot.sh REPORT.html [OUT.png] [WIDTHxHEIGHT]}"
out="${2:-${page%.html}.png}"
size="${3:-1250x1600}"
if ! command -v chromium >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="${size/x/,}" \
  --screenshot="$out" "file://$(realpath "$page")" 2>/dev/null
echo "$out"
