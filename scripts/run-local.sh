#!/usr/bin/env bash
# Runs a scenario as a local cluster: one coordinator process and one process per state.
#
#   scripts/run-local.sh [SCENARIO] [entente run options...]
#
# Installs what is missing, builds in release mode, runs, prints the summary (last line:
# the digest). Default scenario: scenarios/europe-1914.yaml. Examples:
#   scripts/run-local.sh scenarios/europe-1936.yaml --seed 7 --transport tcp
#   scripts/run-local.sh scenarios/small.yaml --out runs/mine
# ENTENTE_BIN_DIR=DIR: no build, DIR's entente (scripts/lib.sh).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

scenario="scenarios/europe-1914.yaml"
if [ $# -gt 0 ] && [[ "$1" != -* ]]; then
  scenario="$1"
  shift
fi
deps
bin="$(build release entente)"
exec "$bin" run "$scenario" "$@"
