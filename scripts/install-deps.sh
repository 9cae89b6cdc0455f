#!/usr/bin/env bash
# Installs what Entente needs on a Debian machine that already has Swift: Debian's
# libzmq3-dev and iproute2. Safe to run again: it installs only what is missing.
#   scripts/install-deps.sh [slurm|python|browser|bench]   also slurm-wlm and munge, python3-venv,
#                                                          chromium and its driver, or valgrind
set -euo pipefail

if [ -z "${ENTENTE_BIN_DIR:-}" ] && [ "${1:-}" != python ] && [ "${1:-}" != browser ] && [ "${1:-}" != bench ] && ! command -v swift >/dev/null 2>&1; then
  echo "error: swift is not on PATH. Install Swift 6 (https://www.swift.org/install/linux/) and retry." >&2
  exit 1
fi

# libzmq3-dev: the ZeroMQ library; iproute2: `ip netns` for scripts/multihost-test.sh;
# with the argument `slurm`, also what scripts/slurm-test.sh starts; with `python`, what
# `python3 -m venv` needs on Debian (scripts/lib.sh's venv); with `browser`, the headless
# Chromium and chromedriver the live page's test drives; with `bench`, valgrind, whose
# callgrind counts the instructions of a reference run (scripts/instructions.py).
packages=(libzmq3-dev iproute2)
[ "${1:-}" = slurm ] && packages+=(slurm-wlm munge)
[ "${1:-}" = python ] && packages+=(python3 python3-venv)
[ "${1:-}" = browser ] && packages+=(chromium chromium-driver)
[ "${1:-}" = bench ] && packages+=(valgrind)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "error: ${missing[*]} missing and this is not root (no sudo): run 'apt-get install ${missing[*]}' as root." >&2
    exit 1
  fi
fi
echo "installing ${missing[*]} ..." >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
