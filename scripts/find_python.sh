#!/usr/bin/env bash
# Prints the path of a Python the pinned stack runs on, or stops with one line saying which Python
# is needed and how to get it. Called first by scripts/serve.sh and scripts/test.sh, before they
# install anything. Debian 12's own python3 (3.11.2) is the oldest supported: Material 9.8 and
# Markdown 3.11 need 3.11, and requirements.txt holds pymdown-extensions at 12.3 below 3.11.5.
# Usage: bash scripts/find_python.sh   (PYTHON=/path/to/python overrides the search)
set -uo pipefail
NEEDED=(3 11 2)
NEEDED_TEXT="${NEEDED[0]}.${NEEDED[1]}.${NEEDED[2]}"

version_of() {  # "3 11 2" for an interpreter, nothing when it does not run
  "$1" -c 'import sys; print(*sys.version_info[:3])' 2>/dev/null
}

good_enough() {
  local major minor micro
  read -r major minor micro <<<"$1"
  [ -n "${micro:-}" ] || return 1
  (( major * 10000 + minor * 100 + micro >= NEEDED[0] * 10000 + NEEDED[1] * 100 + NEEDED[2] ))
}

if [ -n "${PYTHON:-}" ]; then
  candidates=("$PYTHON")  # asked for by name: that one or none
else
  candidates=(python3 python3.14 python3.13 python3.12 python3.11)
  if [ -x .venv/bin/python ]; then  # the scripts reuse .venv: it must be new enough itself
    version=$(version_of .venv/bin/python)
    if good_enough "$version"; then echo .venv/bin/python; exit 0; fi
    echo "error: .venv was made with Python ${version// /.}, and Python $NEEDED_TEXT or newer is needed; remove it (rm -rf .venv) and run again." >&2
    exit 1
  fi
fi
first_found=""
for candidate in "${candidates[@]}"; do
  path=$(command -v "$candidate" 2>/dev/null) || continue
  version=$(version_of "$path") || continue
  [ -n "$version" ] || continue
  [ -n "$first_found" ] || first_found="$candidate is ${version// /.}"
  if good_enough "$version"; then
    echo "$path"
    exit 0
  fi
done
echo "error: Python $NEEDED_TEXT or newer is needed (${first_found:-none of ${candidates[*]} runs here}); install one, e.g. 'sudo apt-get install -y python3' on Debian 12 or newer, 'uv python install 3.13' or 'pyenv install 3.13', then run again with PYTHON=/path/to/python3 (and remove an old .venv)." >&2
exit 1
