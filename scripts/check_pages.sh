#!/usr/bin/env bash
# What CI runs on pages, in one command: the strict build (every Docker command checked) and the
# Markdown lint (a code block without a language, a `console` block with `$` and no output, ...).
# Sets up .venv once. Usage: bash scripts/check_pages.sh
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup_venv.sh requirements-test.txt || exit 1
out=$(mktemp -d /tmp/cheatsheet-check.XXXXXX)
trap 'rm -rf "$out"' EXIT
status=0
# Never -q: quiet mode drops the warnings that --strict counts.
NO_MKDOCS_2_WARNING=1 .venv/bin/python -m "${CHEATSHEET_BUILDER:-mkdocs}" build --strict -d "$out" || status=1
.venv/bin/python -m pymarkdown --strict-config --config .pymarkdown.json scan docs/*.md templates/page.md || status=1
if [ "$status" = 0 ]; then echo "check_pages: the strict build and the Markdown lint pass"; else echo "check_pages: fix the problems above (docs/page.md:LINE: ...)" >&2; fi
exit "$status"
