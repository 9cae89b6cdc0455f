#!/usr/bin/env bash
# Entente's benchmark: real runs against the messaging floor, the reference engine, the
# codec and the log writer, measured in one invocation (compare ratios, not absolute
# times: machines are shared).
#
#   scripts/bench.sh [SIZES...]          default: 4 16 64 200 (states in a grid scenario)
#
# Builds the release binaries, prints a Markdown table and writes bench.json into a new
# folder under /tmp (its path is printed). docs/PERFORMANCE.md has the last table and
# what each column means. Not part of the test suite: tests never assert timings.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build -c release --product entente >/dev/null
swift build -c release --product entente-bench >/dev/null
bin="$(swift build -c release --show-bin-path)"
out="$(mktemp -d /tmp/entente-bench-XXXXXX)"
scripts/bench.py "$bin" "$out" "$@"
