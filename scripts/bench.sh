#!/usr/bin/env bash
# Entente's benchmark: real runs against the messaging floor, the reference engine, the
# codec and the log writer, measured in one invocation (compare ratios, not absolute
# times: machines are shared).
#
#   scripts/bench.sh [SIZES...]          default: 4 16 64 200 (states in a grid scenario)
#
# Builds the release binaries, prints a Markdown table (and, per size, the wall time of a
# whole cluster run over the reference engine's; up to 64 states, the round latency with
# every state in Python, the agent kit, next to the all-Swift run; then the instructions a
# round of the reference engine executes, counted by callgrind, scripts/instructions.py)
# and writes bench.json and instructions.json into a new folder under /tmp (its path is
# printed). docs/PERFORMANCE.md has the last table and what each
# column means. Not part of the test suite: tests never assert timings.
# ENTENTE_BIN_DIR=DIR: no build, DIR's entente and entente-bench.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(4 16 64 200)
deps
bin="$(build release entente)"
build release entente-bench >/dev/null
# The agent kit's interpreter (pyzmq pinned), for the runs with every state in Python.
py="$(venv python scripts/requirements-test.txt)"
out="$(mktemp -d /tmp/entente-bench-XXXXXX)"
scenarios=()
for n in "${sizes[@]}"; do
  # Rounds: enough for stable percentiles, fewer where a round takes long.
  if [ "$n" -le 16 ]; then rounds=200; elif [ "$n" -le 64 ]; then rounds=100; else rounds=50; fi
  grid_scenario "$n" "$rounds" "$out/grid-$n.yaml" >/dev/null
  scenarios+=("$out/grid-$n.yaml")
done
ENTENTE_BENCH_PYTHON="$(cd "$py" && pwd)/bin/python" scripts/bench.py "$(dirname "$bin")" "$out" "${scenarios[@]}"
# Instructions a round of the reference engine (callgrind): the figure that holds still
# on a noisy machine.
deps bench
scripts/instructions.py "$(dirname "$bin")" "$out"
