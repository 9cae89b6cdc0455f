#!/usr/bin/env bash
# Checks deploy/kubernetes/ without a Kubernetes cluster (none can run here):
#   1. every manifest against the Kubernetes API schemas, strictly, offline
#      (PyPI's kubernetes-validate, in a virtual environment under .build/);
#   2. the manifests' own commands run as local processes (scripts/k8s_check.py), in a
#      network namespace of their own when this is root, else on loopback.
#
#   scripts/k8s-check.sh          (uses ENTENTE_BIN or .build/debug/entente)
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${ENTENTE_BIN:-$PWD/.build/debug/entente}"
venv=".build/k8s-venv"
if [ ! -x "$venv/bin/kubernetes-validate" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q kubernetes-validate==1.37.0
fi
"$venv/bin/kubernetes-validate" --strict --quiet -k 1.29.0 deploy/kubernetes/*.yaml
echo "k8s-check: ok: deploy/kubernetes/*.yaml are valid Kubernetes 1.29 objects (strict)" >&2

work="$(mktemp -d /tmp/entente-k8s-XXXXXX)"
ns="entk8s$$"
cleanup() { ip netns del "$ns" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
if [ "$(id -u)" = 0 ] && command -v ip >/dev/null && ip netns add "$ns" 2>/dev/null; then
  ip -n "$ns" link set lo up
  ip netns exec "$ns" "$venv/bin/python" scripts/k8s_check.py "$bin" "$work"
else
  echo "k8s-check: no network namespace here (needs root and iproute2): running on this host's loopback" >&2
  "$venv/bin/python" scripts/k8s_check.py "$bin" "$work"
fi
