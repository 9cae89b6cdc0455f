#!/usr/bin/env bash
# Validation report: runs the reference engine over many seeds per case (a few minutes
# on 2 cores), prints a table of the model's claims and goals, and writes docs/VALIDATION.md.
#
#   scripts/validate-model.sh [--seeds N] [--out FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build -c release >&2
exec python3 scripts/validate_model.py "$@"
