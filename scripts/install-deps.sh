#!/usr/bin/env bash
# Installs what Entente needs on a Debian machine that already has Swift:
# libzmq (Debian's libzmq3-dev). Safe to run again: it installs only what is missing.
set -euo pipefail

if ! command -v swift >/dev/null 2>&1; then
  echo "error: swift is not on PATH. Install Swift 6 (https://www.swift.org/install/linux/) and retry." >&2
  exit 1
fi

if dpkg -s libzmq3-dev >/dev/null 2>&1; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "error: libzmq3-dev is missing and this is not root (no sudo): run 'apt-get install libzmq3-dev' as root." >&2
    exit 1
  fi
fi
echo "installing libzmq3-dev ..." >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq libzmq3-dev >/dev/null
