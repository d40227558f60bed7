#!/usr/bin/env bash
# Set up the pinned tools in .venv (once) and serve the site with live reload at
# http://127.0.0.1:8000/docker-cheat-sheet/. Usage: bash scripts/serve.sh [mkdocs serve arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
python=$(bash scripts/find_python.sh)  # stops here, before installing anything, on too old a Python
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -r requirements.txt
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/mkdocs serve "$@"
