#!/usr/bin/env bash
# The scripts' own checks: mypy --strict on every Python script and test, then pytest on
# scripts/tests (the validation report against its sweeps' tables, on a tiny case), in
# the virtual environment .build/python-venv (scripts/requirements-test.txt, pinned).
#
#   scripts/python-test.sh [pytest options...]     (builds the debug entente; or
#                                                   ENTENTE_BIN_DIR=DIR, scripts/lib.sh)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
deps
bin="$(build debug entente)"
py="$(venv python scripts/requirements-test.txt)"
"$py/bin/mypy" --config-file scripts/pyproject.toml scripts/*.py scripts/tests
ENTENTE="$bin" "$py/bin/pytest" -c scripts/pyproject.toml --rootdir scripts "$@"
