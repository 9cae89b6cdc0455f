#!/usr/bin/env bash
# A soak test: one long cluster run on this machine, every state its own process.
#
#   scripts/soak.sh [STATES [ROUNDS [entente run options...]]]   default: 200 200
#   scripts/soak.sh 200 200 --transport tcp                      # with CURVE
#
# Builds the release binary, writes a grid scenario of STATES states (scripts/lib.sh's
# grid_scenario), runs it and prints messages sent, delivered, lost and refused, absent
# states, start-up time, round latency p50/p90/p99 and the peak memory of the coordinator
# and of the states (scripts/soak.py), then the messaging floor of the same shape.
# Exits 1 if the run failed, a state was marked absent or a letter went missing.
# Not part of the test suite: at 200 states a round takes seconds and the log grows by
# megabytes a round; the run folder is kept (its path is printed) for a look afterwards.
# ENTENTE_BIN_DIR=DIR: no build, DIR's entente.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
states="${1:-200}"; rounds="${2:-200}"; shift $(( $# > 2 ? 2 : $# )) || true
deps
bin="$(build release entente)"
build release entente-bench >/dev/null   # the messaging floor, printed after the run
out="$(mktemp -d /tmp/entente-soak-XXXXXX)"
n="$(grid_scenario "$states" "$rounds" "$out/grid.yaml")"
echo "soak: $n states, $rounds rounds, run folder $out/run" >&2
scripts/soak.py "$bin" "$out/grid.yaml" "$rounds" "$out/run" "$@"
