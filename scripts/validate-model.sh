#!/usr/bin/env bash
# Validation report: runs one `entente sweep` per case on the reference engine (many seeds
# each, a few minutes on 2 cores), prints a table of the model's claims and goals, and
# writes docs/VALIDATION.md from the sweeps' tables (scripts/validate_model.py).
#
#   scripts/validate-model.sh [--seeds N] [--out FILE] [--work DIR]
# ENTENTE_BIN_DIR=DIR: no build, DIR's entente (scripts/lib.sh).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
deps
bin="$(build release entente)"
exec python3 scripts/validate_model.py --entente "$bin" "$@"
