#!/usr/bin/env bash
# Set up the pinned tools in .venv (once) and serve the site with live reload at
# http://127.0.0.1:8000/docker-cheat-sheet/. Usage: bash scripts/serve.sh [mkdocs serve arguments]
# CHEATSHEET_BUILDER=properdocs serves with ProperDocs instead (README: "Two builders").
set -euo pipefail
cd "$(dirname "$0")/.."
builder=${CHEATSHEET_BUILDER:-mkdocs}
bash scripts/setup_venv.sh requirements.txt
[ "$builder" = mkdocs ] || .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-properdocs.txt
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/python -m "$builder" serve "$@"
