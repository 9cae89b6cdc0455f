#!/usr/bin/env bash
# Runs a scenario as a local cluster: one coordinator process and one process per state.
#
#   scripts/run-local.sh [SCENARIO] [entente run options...]
#
# Installs what is missing, builds in release mode, runs, prints the summary (last line:
# the digest). Default scenario: scenarios/europe-1914.yaml. Examples:
#   scripts/run-local.sh scenarios/europe-1936.yaml --seed 7 --transport tcp
#   scripts/run-local.sh scenarios/small.yaml --out runs/mine
set -euo pipefail
cd "$(dirname "$0")/.."

scenario="scenarios/europe-1914.yaml"
if [ $# -gt 0 ] && [[ "$1" != -* ]]; then
  scenario="$1"
  shift
fi

scripts/install-deps.sh
echo "building (release) ..." >&2
swift build -c release --product entente 2>&1 | grep -E "error|warning: |Compiling entente|Build complete" >&2 || true
bin="$(swift build -c release --show-bin-path)/entente"
if [ ! -x "$bin" ]; then
  echo "error: the build did not produce $bin; run 'swift build -c release' to see why." >&2
  exit 1
fi
exec "$bin" run "$scenario" "$@"
