#!/usr/bin/env bash
# Runs the whole test suite: installs what is missing, builds, then runs every test
# (unit tests of the model, the wire format and the ZeroMQ wrapper, and end-to-end
# tests that start real coordinator and state processes), then, for the whole suite, a
# run across hosts made of network namespaces (scripts/multihost-test.sh), the Slurm
# scripts on a one-node Slurm of its own (scripts/slurm-test.sh) and the Kubernetes
# manifests and the Containerfile, checked and the manifests' commands run
# (scripts/deploy-check.sh), and the Python checks (scripts/python-test.sh: mypy and
# pytest on scripts/tests and on the agent kit's python/tests, whose wire codec is
# checked byte for byte against docs/PROTOCOL.md's examples and real Swift messages).
#
#   scripts/test.sh [swift test options...]     e.g. scripts/test.sh --filter EndToEndTests
set -euo pipefail
. "$(dirname "$0")/lib.sh"

deps
# The end-to-end tests start the `entente` executable: build it first.
swift build
swift test "$@"
if [ $# -eq 0 ]; then
  scripts/multihost-test.sh
  scripts/slurm-test.sh
  scripts/deploy-check.sh
  scripts/python-test.sh
fi
