#!/usr/bin/env bash
# The walk-through's experiment (docs/AGENTS.md): three policies, every state in Python
# (the agent kit installed with pip into .build/agent-venv), on europe-1914 and
# europe-1936: one sweep each over observation noise and seeds, then one table.
#
#   scripts/compare-policies.sh [SEEDS]      default 10 seeds; ENTENTE_BIN_DIR=DIR: no build
#
# Prints the table (Markdown) and where the sweeps are; the CSV is beside them.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
seeds="${1:-10}"
deps
bin="$(build release entente)"
venv=.build/agent-venv
if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
# pip install ./python, with pyzmq held at the version the tests pin.
"$venv/bin/pip" install --quiet --disable-pip-version-check -c scripts/requirements-test.txt ./python
python="$(cd "$venv" && pwd)/bin/python"
out="sweeps/compare-policies-$(date +%Y%m%d-%H%M%S)"
labels=()
for scenario in europe-1914 europe-1936; do
  for policy in walt:entente_agent waltz:entente_agent.examples.waltz schweller:entente_agent.examples.schweller; do
    name="${policy%%:*}" module="${policy#*:}"
    echo "compare-policies: $name on $scenario ..." >&2
    "$bin" sweep "scenarios/$scenario.yaml" --vary observation.noise=0.05,0.2 --seeds "$seeds" --jobs 2 --quiet \
      --state-command "*=$python -m $module" --out "$out/$name-$scenario" >/dev/null
    labels+=("$name=$out/$name-$scenario")
  done
done
"$python" -m entente_agent.compare --csv "${labels[@]}" > "$out/comparison.csv"
"$python" -m entente_agent.compare "${labels[@]}"
echo "sweeps: $out (table: $out/comparison.csv)" >&2
