"""What a new contributor reads and fills in: CONTRIBUTING links only to files in the repository
(the generated pages are not), and the pull-request template asks for no front matter key
beyond what CONTRIBUTING requires (`title`)."""

from __future__ import annotations

import re
import subprocess

from conftest import ROOT

LINK = re.compile(r"(?<!`)\[[^\]]*\]\(([^)\s]+)\)")


def in_repository(target: str) -> bool:
    tracked = subprocess.run(["git", "ls-files", "--error-unmatch", target], cwd=ROOT, capture_output=True)
    return tracked.returncode == 0 or (ROOT / target).is_file()


def test_contributing_links_only_to_files_in_the_repository():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    prose = re.sub(r"```.*?```|`[^`\n]*`", "", text, flags=re.S)  # examples in code are not links
    targets = [t.split("#")[0] for t in LINK.findall(prose) if not re.match(r"[a-z]+:", t) and not t.startswith("#")]
    missing = [t for t in targets if not in_repository(t)]
    assert missing == [], f"CONTRIBUTING.md links to files that are not in the repository: {missing}"


def test_pull_request_template_requires_only_the_title():
    text = (ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    checklist = " ".join(line for line in text.splitlines() if line.lstrip().startswith(("- [ ]", "  ")))
    assert "`title`" in checklist
    for key in ("description", "section", "order"):
        assert f"`{key}`" not in checklist, f"the template still asks for `{key}`"
    assert "scripts/check_pages.sh" in text
