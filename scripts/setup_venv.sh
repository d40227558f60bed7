#!/usr/bin/env bash
# Creates .venv (once) with a Python the pinned stack runs on and installs a requirements file
# into it. Called by scripts/serve.sh and scripts/test.sh. Usage: bash scripts/setup_venv.sh FILE
set -euo pipefail
cd "$(dirname "$0")/.."
requirements=${1:-requirements.txt}
python=$(bash scripts/find_python.sh)  # stops here, before installing anything, on too old a Python

if ! { [ -x .venv/bin/python ] && .venv/bin/python -m pip --version >/dev/null 2>&1; }; then
  rm -rf .venv  # a half-made venv (no pip) is made again
  if ! "$python" -m venv .venv >/dev/null 2>&1; then
    rm -rf .venv
    # Debian and Ubuntu ship venv's ensurepip separately, and a stock cloud image lacks it.
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      echo "setup: $python has no venv module; installing python3-venv" >&2
      apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
      "$python" -m venv .venv
    else
      echo "error: $python cannot create a venv; run: sudo apt-get install -y python3-venv" >&2
      exit 1
    fi
  fi
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -r "$requirements"
