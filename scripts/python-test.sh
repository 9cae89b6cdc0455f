#!/usr/bin/env bash
# The Python checks, in the virtual environment .build/python-venv
# (scripts/requirements-test.txt, pinned): mypy --strict on every script and test, then
# pytest on scripts/tests (the validation report against its sweeps' tables, on a tiny
# case, the data and the dispute tables, the live page in headless Chromium); then the
# same for the agent kit in python/ (its states in real runs against the Swift digest, misbehaving policies, replay, a
# fresh pip install, and its wire codec against real messages of entente-fuzz seeds).
#
#   scripts/python-test.sh [pytest options...]     (builds the debug entente and
#                                                   entente-fuzz; or ENTENTE_BIN_DIR=DIR)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
deps
deps browser   # the live page's test drives Debian's headless Chromium
bin="$(build debug entente)"
fuzz="$(build debug entente-fuzz)"
py="$(venv python scripts/requirements-test.txt)"
MYPYPATH=python/src "$py/bin/mypy" --config-file scripts/pyproject.toml scripts/*.py scripts/tests
ENTENTE="$bin" "$py/bin/pytest" -c scripts/pyproject.toml --rootdir scripts scripts/tests "$@"
bins="$(cd "$(dirname "$fuzz")" && pwd)" py="$(cd "$py" && pwd)"
(
  cd python
  MYPYPATH=src "$py/bin/mypy" --cache-dir ../.build/mypy-cache-agent src tests
  PYTHONPATH=src ENTENTE_BIN_DIR="$bins" "$py/bin/pytest" -q -p no:cacheprovider
)
