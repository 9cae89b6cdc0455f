#!/usr/bin/env bash
# Fuzzes every decoder, then throws random and mutated messages at a live run.
#
#   scripts/fuzz.sh [SECONDS_PER_DECODER [LIVE_MESSAGES]]      default: 120 1000000
#
# 1. Coverage-guided (libFuzzer): builds entente-fuzz with -sanitize=fuzzer into
#    .build/fuzz and runs it on each decoder (control messages, peer letters, scenario
#    YAML) for SECONDS, from seeds recorded in a real run and the shipped scenarios. A
#    crash stops libFuzzer and keeps its input as crash-*; `entente-fuzz replay TARGET
#    FILE` runs it again under a debugger.
# 2. Live: starts small.yaml's coordinator and states over ipc in the clear (what an
#    outsider reaches when there are no keys), throws LIVE_MESSAGES random and mutated
#    messages at the coordinator and at one state's peer socket while the run goes on,
#    and checks that every process ran to the end: the coordinator with a digest, no
#    state crashed, nothing left behind.
# Prints what was sent, refused and crashed (must be 0). Not in the test suite (it takes
# minutes); the suite runs a short version (Tests/EndToEndTests/FuzzTests.swift).
# ENTENTE_BIN_DIR=DIR: no build; entente and entente-fuzz from DIR, the libFuzzer build
# from DIR/fuzz (scripts/lib.sh).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
seconds="${1:-120}"; live="${2:-1000000}"
deps
work="$(mktemp -d /tmp/entente-fuzz-XXXXXX)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

echo "== building (release, and with -sanitize=fuzzer into .build/fuzz)" >&2
bin="$(dirname "$(build release entente)")"
build release entente-fuzz >/dev/null
# Linked with the toolchain's lld: Debian's gold crashes on libFuzzer's debug information.
if command -v swift >/dev/null; then
  lld="$(dirname "$(readlink -f "$(command -v swift)")")/ld.lld"
  printf '{ "schemaVersion": "1.0", "linker": { "path": "%s" } }\n' "$lld" > "$work/toolset.json"
fi
fuzzer="$(build release entente-fuzz --scratch-path .build/fuzz --toolset "$work/toolset.json" \
  -Xswiftc -sanitize=fuzzer -Xswiftc -DFUZZING)"

"$bin/entente-fuzz" seeds scenarios/europe-1914.yaml --out "$work/seeds" >&2
mkdir -p "$work/seeds/scenario"; cp scenarios/*.yaml "$work/seeds/scenario/"
crashed=0
printf "%-10s %12s %10s %8s\n" decoder executions coverage crashes
for target in control peer scenario; do
  mkdir -p "$work/corpus-$target"
  set +e
  ENTENTE_FUZZ_TARGET=$target "$fuzzer" "$work/corpus-$target" "$work/seeds/$target" \
    -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$work/$target-" -print_final_stats=1 > "$work/$target.log" 2>&1
  status=$?
  set -e
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/$target.log" | grep -o '[0-9]*$' || echo "?")
  cov=$(grep -o 'cov: [0-9]*' "$work/$target.log" | tail -n 1 | grep -o '[0-9]*' || echo "?")
  found=$(find "$work" -maxdepth 1 -name "$target-*" | wc -l)
  [ "$status" -eq 0 ] || crashed=$((crashed + 1))
  printf "%-10s %12s %10s %8s\n" "$target" "$runs" "$cov" "$found"
  [ "$status" -eq 0 ] || { echo "   libFuzzer exited $status; input kept in $work/$target-*; log $work/$target.log" >&2; }
done

echo "== live: $live messages at a running coordinator and state" >&2
run="$work/live"; mkdir -p "$run"
"$bin/entente" coordinator --scenario scenarios/small.yaml --endpoint "ipc://$run/c" --out "$run/run" \
  --rounds 20000 > "$run/coordinator.out" 2> "$run/coordinator.err" &
coordinator=$!; pids+=("$coordinator")
sleep 0.5
states=()
for id in AGG WEK MDA MDB FAR; do
  "$bin/entente" state --id "$id" --coordinator "ipc://$run/c" --listen "ipc://$run/$id" 2> "$run/$id.err" &
  states+=("$!"); pids+=("$!")
done
until grep -q '"type":"round_end"' "$run/run/events.jsonl" 2>/dev/null; do sleep 0.1; done
"$bin/entente-fuzz" blast --scenario scenarios/small.yaml --coordinator "ipc://$run/c" --peer "ipc://$run/MDA" \
  --count "$live" 2>/dev/null | tee "$run/blast.out"
set +e
wait "$coordinator"; cstatus=$?
sdead=0
for p in "${states[@]}"; do wait "$p" || sdead=$((sdead + 1)); done
set -e
refused=$(python3 - "$run/run/events.jsonl" <<'PY'
import json, sys
# Each rejected line counts `count` refusals (an `overflow` line: how many more past the tally's limit).
print(sum(json.loads(line)["count"] for line in open(sys.argv[1]) if line.startswith('{"type":"rejected"')))
PY
)
reference=$("$bin/entente" run scenarios/small.yaml --engine reference --rounds 20000 --out "$run/reference" | tail -n 1)
echo "live: coordinator exit $cstatus ($(tail -n 1 "$run/coordinator.out")), states failed: $sdead, refused and counted: $refused"
# In the clear a well-formed forged letter may legitimately change the outcome; junk may not.
echo "live: digest $([ "$reference" = "$(tail -n 1 "$run/coordinator.out")" ] && echo equals || echo differs from) the reference engine's"
[ "$cstatus" -eq 0 ] || crashed=$((crashed + 1))
crashed=$((crashed + sdead))
echo "crashed: $crashed"
[ "$crashed" -eq 0 ]
