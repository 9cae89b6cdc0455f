#!/usr/bin/env bash
# The walk-through's experiment (docs/AGENTS.md): three policies, every state in Python
# (the agent kit installed with pip into .build/agent-venv), on europe-1914 with and
# without its starting alliances and on europe-1936 scored against the Second World
# War's sides: one sweep each over observation noise and seeds, then one table.
#
#   scripts/compare-policies.sh [SEEDS]      default 10 seeds; ENTENTE_BIN_DIR=DIR: no build
#
# Prints the table (Markdown) and where the sweeps are; the CSV is beside them.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
seeds="${1:-10}"
deps
bin="$(build release entente)"
bin="$(cd "$(dirname "$bin")" && pwd)/entente"
venv=.build/agent-venv
if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
# pip install ./python, with pyzmq held at the version the tests pin.
"$venv/bin/pip" install --quiet --disable-pip-version-check -c scripts/requirements-test.txt ./python
python="$(cd "$venv" && pwd)/bin/python"
out="sweeps/compare-policies-$(date +%Y%m%d-%H%M%S)"
# europe-1936 is scored against the sides of the Second World War, as docs/VALIDATION.md does.
ww2="$(cd scripts && python3 -c 'import sys, validate_history as h; print(h.ww2_reference(sys.argv[1:]))' \
  $("$bin" validate --list-ids ../scenarios/europe-1936.yaml))"
cases=("europe-1914::" "europe-1914:without-alliances:alliances=[]" "europe-1936:ww2:$ww2")
labels=()
for case in "${cases[@]}"; do
  IFS=: read -r scenario name change <<< "$case"
  sets=(); [ -z "$change" ] || sets=(--set "$change")
  for policy in walt:entente_agent waltz:entente_agent.examples.waltz schweller:entente_agent.examples.schweller; do
    label="${policy%%:*}" module="${policy#*:}" folder="$out/${policy%%:*}-$scenario${name:+-$name}"
    echo "compare-policies: $label on $scenario ${change:0:40} ..." >&2
    "$bin" sweep "scenarios/$scenario.yaml" --vary observation.noise=0.05,0.2 --seeds "$seeds" --jobs 2 --quiet \
      "${sets[@]}" --state-command "*=$python -m $module" --out "$folder" >/dev/null
    labels+=("$label=$folder")
  done
done
"$python" -m entente_agent.compare --csv "${labels[@]}" > "$out/comparison.csv"
"$python" -m entente_agent.compare "${labels[@]}"
echo "sweeps: $out (table: $out/comparison.csv)" >&2
