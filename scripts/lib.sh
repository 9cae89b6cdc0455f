# shellcheck shell=bash
# What the scripts share; each sources it first:  . "$(dirname "$0")/lib.sh"
# Sourcing it goes to the repository root. It gives:
#   deps [slurm|python|browser]       install what is missing (scripts/install-deps.sh)
#   build CONFIG PRODUCT [OPTION...]  build PRODUCT (CONFIG: debug or release) quietly, the
#                                     build log shown only if it fails; prints the binary's
#                                     path. OPTIONs go to `swift build` (fuzz.sh's flags);
#                                     without any, a release build links the Swift runtime
#                                     and Foundation statically (--static-swift-stdlib, as
#                                     the container does): a short run starts a quarter
#                                     faster, rounds run a tenth faster (docs/PERFORMANCE.md)
#   grid_scenario N ROUNDS FILE       write a grid scenario for N states (the rule is below)
#                                     to FILE; prints how many states it has
#   venv NAME REQUIREMENTS            .build/NAME-venv with REQUIREMENTS' pinned PyPI
#                                     packages (made again when that file changes); prints it
#
# ENTENTE_BIN_DIR=DIR builds nothing: every binary is taken from DIR (one built elsewhere,
# e.g. ENTENTE_BIN_DIR=/tmp/entente-main scripts/validate-model.sh --seeds 2); a build
# with --scratch-path S (fuzz.sh's libFuzzer build) is taken from DIR/$(basename S).
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1
shopt -s inherit_errexit   # a failure inside $(...) stops the script too

deps() { scripts/install-deps.sh "$@"; }

build() {
  local config="$1" product="$2"; shift 2
  if [ -n "${ENTENTE_BIN_DIR:-}" ]; then
    local dir="$ENTENTE_BIN_DIR" previous="" option
    for option in "$@"; do
      [ "$previous" = --scratch-path ] && dir="$dir/$(basename "$option")"
      previous="$option"
    done
    if [ ! -x "$dir/$product" ]; then
      echo "error: ENTENTE_BIN_DIR is set, but $dir/$product is not an executable" >&2
      return 1
    fi
    echo "$dir/$product"
    return 0
  fi
  if [ "$config" = release ] && [ $# -eq 0 ]; then set -- --static-swift-stdlib; fi
  echo "building $product ($config; the first build takes a few minutes) ..." >&2
  local log
  log="$(mktemp)"
  if ! swift build -c "$config" --product "$product" "$@" >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "error: the $config build of $product failed (its log is above)." >&2
    return 1
  fi
  rm -f "$log"
  echo "$(swift build -c "$config" "$@" --show-bin-path)/$product"
}

# The grid for N states: the squarest grid of exactly N cells when its long side is at
# most twice its short one (4 = 2x2, 16 = 4x4, 64 = 8x8, 200 = 10x20), else the squarest
# grid of at least N cells, ceil(sqrt N) columns (7 -> 3x3 = 9 states). Why: a run has
# the number of states asked for wherever that can be done, so tables and docs compare
# like with like; and the grid stays compact at every size, so a state has about four
# neighbours and few hops to the rest, and the threats it perceives and the letters it
# sends stay alike from one size to the next (a 1xN strip, N prime, would set most
# states far apart and change the load being measured).
grid_scenario() {
  local n="$1" rounds="$2" file="$3" rows cols=1
  if ! [[ "$n" =~ ^[1-9][0-9]*$ ]]; then
    echo "error: '$n' is not a number of states (a whole number from 1)" >&2
    return 1
  fi
  while [ $((cols * cols)) -lt "$n" ]; do cols=$((cols + 1)); done
  rows=$cols
  while [ $((rows * rows)) -gt "$n" ] || [ $((n % rows)) -ne 0 ]; do rows=$((rows - 1)); done
  if [ $((n / rows)) -le $((2 * rows)) ]; then
    cols=$((n / rows))
  else
    rows=$(((n + cols - 1) / cols))
  fi
  scripts/grid-scenario.py "$rows" "$cols" "$rounds" > "$file"
  echo $((rows * cols))
}

venv() {
  local dir=".build/$1-venv" requirements="$2" log
  if [ -x "$dir/bin/python" ] && cmp -s "$requirements" "$dir/installed.txt"; then
    echo "$dir"
    return 0
  fi
  rm -rf "$dir"
  mkdir -p .build
  python3 -m venv "$dir" >/dev/null 2>&1 || { deps python && rm -rf "$dir" && python3 -m venv "$dir"; }
  log="$(mktemp)"
  if ! "$dir/bin/pip" install --disable-pip-version-check -r "$requirements" >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "error: installing $requirements into $dir failed (pip's log is above)." >&2
    return 1
  fi
  rm -f "$log"
  cp "$requirements" "$dir/installed.txt"
  echo "$dir"
}
