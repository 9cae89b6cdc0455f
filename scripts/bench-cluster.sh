#!/usr/bin/env bash
# Times whole runs of a grid scenario on the cluster engine (one process per state)
# against the reference engine (one process), and checks that both give the same digest.
#
#   scripts/bench-cluster.sh [STATES...]        default: 16 64 200
#
# Prints one line per size: wall seconds of each engine and their ratio, measured in
# the same invocation (compare ratios, not absolute times: machines are shared).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build -c release --product entente >/dev/null
bin="$(swift build -c release --show-bin-path)/entente"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(16 64 200)
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

now() { date +%s.%N; }
printf "%8s %8s %12s %12s %8s  %s\n" states rounds reference_s cluster_s ratio digests
for n in "${sizes[@]}"; do
  cols=$(( n >= 10 ? 10 : n )); rows=$(( (n + cols - 1) / cols ))
  scripts/grid-scenario.py "$rows" "$cols" 3 > "$tmp/grid.yaml"
  t0=$(now); ref=$("$bin" run "$tmp/grid.yaml" --engine reference --out "$tmp/ref-$n" | tail -n 1); t1=$(now)
  cl=$("$bin" run "$tmp/grid.yaml" --out "$tmp/cluster-$n" 2>/dev/null | tail -n 1); t2=$(now)
  same=$([ "$ref" = "$cl" ] && echo equal || echo DIFFERENT)
  awk -v n=$((rows * cols)) -v a="$t0" -v b="$t1" -v c="$t2" -v s="$same" \
    'BEGIN { r = b - a; k = c - b; printf "%8d %8d %12.2f %12.2f %8.1f  %s\n", n, 3, r, k, k / r, s }'
done
