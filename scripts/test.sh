#!/usr/bin/env bash
# Set up everything the tests need, then run them. Safe to run again: each step is skipped
# when already done. Usage: bash scripts/test.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/find_python.sh >/dev/null  # stops here, before installing anything, on too old a Python

# Debian packages the tests need: Chromium for the browser tests, Node.js for Lighthouse and axe,
# and the shells of tests/test_shell_syntax.py.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v npm >/dev/null || missing+=(nodejs npm)
[ -x /usr/bin/zsh ] || missing+=(zsh)
[ -x /usr/bin/dash ] || missing+=(dash)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "error: the tests need these Debian packages: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi
bash scripts/setup_venv.sh requirements-test.txt
if [ -f package-lock.json ]; then
  [ -d node_modules ] && [ node_modules -nt package-lock.json ] || npm ci --silent --no-audit --no-fund
fi
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/python -m pytest "$@"
