#!/usr/bin/env bash
# How far the live page lags a run (docs/PERFORMANCE.md, "The live page"): a grid
# scenario of STATES states on the cluster engine with `entente run --serve`, watched
# by headless Chromium; prints the lag between each round_end in the log and the page
# showing it; then the same for the run's log written again at its pace with no cluster
# running (the page's own share). Not part of the test suite: tests never assert timings.
#
#   scripts/live-lag.sh [STATES] [ROUNDS]      default: 64 60
# ENTENTE_BIN_DIR=DIR: no build, DIR's entente.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
states="${1:-64}" rounds="${2:-60}"
deps
deps browser
bin="$(build release entente)"
py="$(venv python scripts/requirements-test.txt)"
out="$(mktemp -d /tmp/entente-live-lag-XXXXXX)"
grid_scenario "$states" "$rounds" "$out/grid.yaml" >/dev/null
"$py/bin/python" scripts/live_lag.py "$bin" "$out/grid.yaml" "$out"
echo "run folders: $out/run, $out/replay"
