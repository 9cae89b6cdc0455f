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
echo "building entente (release; the first build takes a few minutes) ..." >&2
log="$(mktemp)"
if ! swift build -c release --product entente >"$log" 2>&1; then
  cat "$log" >&2
  echo "error: the release build failed (output above)." >&2
  exit 1
fi
rm -f "$log"
bin="$(swift build -c release --show-bin-path)/entente"
exec "$bin" run "$scenario" "$@"
