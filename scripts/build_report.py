"""The strict build as a pull request shows it: runs `mkdocs build --strict`, passes its output
through (where the problem matcher in .github/mkdocs-problems.json turns each
`docs/page.md:LINE: message` into an annotation on that line of the diff), and writes the list of
problems to the job summary ($GITHUB_STEP_SUMMARY) when there is one. Exits with the build's code.

Usage: python scripts/build_report.py [-d SITE_DIR]"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

from tooling import harness

MATCHER = Path(__file__).resolve().parent.parent / ".github" / "mkdocs-problems.json"


def problem_pattern() -> re.Pattern[str]:
    """The problem matcher's own pattern, so the summary and the annotations agree."""
    spec = json.loads(MATCHER.read_text(encoding="utf-8"))
    return re.compile(spec["problemMatcher"][0]["pattern"][0]["regexp"])


def summary(problems: list[tuple[str, str, str]], returncode: int) -> str:
    if not problems:
        verdict = "passed" if returncode == 0 else f"failed (exit {returncode}) with no file-and-line problem"
        return f"### Strict build {verdict}\n"
    rows = "\n".join(f"| `{path}:{line}` | {message.replace('|', chr(92) + '|')} |" for path, line, message in problems)
    count = f"{len(problems)} problem" + ("s" if len(problems) != 1 else "")
    return f"### Strict build: {count}\n\n| Where | What is wrong — how to fix |\n| --- | --- |\n{rows}\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-d", "--site-dir", default="site")
    args = parser.parse_args()
    build = harness.strict_build(Path.cwd(), Path(args.site_dir))
    output = build.output
    sys.stdout.write(output)
    pattern = problem_pattern()
    problems = [(m[1], m[2], m[3]) for line in output.splitlines() if (m := pattern.match(line))]
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        with open(target, "a", encoding="utf-8") as out:
            out.write(summary(problems, build.returncode))
    return build.returncode


if __name__ == "__main__":
    sys.exit(main())
