"""Policy is not contributor surface: the paths that define what a pull request may add need a
maintainer (.github/CODEOWNERS), and the `policy` workflow fails a pull request touching them
until a maintainer has approved its latest commit. The workflow's script runs here against a
stand-in for GitHub's `gh` command."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "policy.yml"


def codeowners_rules() -> list[list[str]]:
    lines = (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
    return [line.split() for line in lines if line.strip() and not line.startswith("#")]


def contributor_paths() -> list[str]:
    """The paths with no owner in CODEOWNERS: what a pull request may change on its own."""
    return [rule[0].lstrip("/") for rule in codeowners_rules() if len(rule) == 1]


def step() -> dict:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return workflow["jobs"]["policy"]["steps"][0]


def test_codeowners_and_the_workflow_name_the_same_contributor_paths():
    assert codeowners_rules()[0] == ["*", "@docker-cheat-sheet/maintainers"], "every path is policy first"
    assert all(len(rule) == 1 for rule in codeowners_rules()[1:]), "then only paths without an owner"
    assert contributor_paths() == step()["env"]["CONTRIBUTOR_PATHS"].split()
    for path in contributor_paths():
        assert (ROOT / path).exists(), f"{path}: a contributor path that does not exist yet could be created by anyone"


def is_contributors(path: str) -> bool:
    return any(path == p or (p.endswith("/") and path.startswith(p)) for p in contributor_paths())


def test_everything_that_checks_or_builds_a_page_is_policy():
    """Allow-listed, not listed: the harness the deploy build runs through, pytest's options and
    the local CI script were once left out of a list of policy paths (the sixth attacker)."""
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    for path in ("cheatsheet/sanitize.py", "tooling/harness.py", "pytest.ini", ".ci/run", ".pymarkdown.json"):
        assert path in tracked and not is_contributors(path), path
    for path in (
        "data/schemas/sections.schema.json",
        "data/front-matter.yaml",
        "data/offline.yaml",
        "data/destructive.yaml",  # which commands get the deletion warning (the seventh attacker's)
        "mkdocs.yml",
    ):
        assert not is_contributors(path), path
    assert is_contributors("docs/volumes.md") and is_contributors("docs/images/plan.png")
    assert not is_contributors("data/new-rules.yaml"), "a new kind of data file is policy until a maintainer says"


def test_the_gate_runs_from_the_base_branch_without_the_pull_requests_code():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    on = workflow.get("on") or workflow.get(True)
    assert list(on) == ["pull_request_target"]
    assert workflow["permissions"] == {"contents": "read", "pull-requests": "read"}
    assert not [s for job in workflow["jobs"].values() for s in job["steps"] if "uses" in s], "no checkout"


def run_gate(
    tmp_path: Path, files: list[str], reviews: list[dict], roles: dict[str, str]
) -> subprocess.CompletedProcess:
    """The workflow's step, with a `gh` that answers from these files, reviews and roles."""
    fake = tmp_path / "bin" / "gh"
    fake.parent.mkdir(exist_ok=True)
    answers = {"files": files, "reviews": reviews, "roles": roles}
    (tmp_path / "answers.json").write_text(json.dumps(answers), encoding="utf-8")
    fake.write_text(
        "#!/usr/bin/env python3\n"
        "import json, sys\n"
        f"a = json.load(open({str(tmp_path / 'answers.json')!r}))\n"
        "path = next(x for x in sys.argv[1:] if x.startswith('repos/'))\n"
        "if path.endswith('/files'): print('\\n'.join(a['files']))\n"
        "elif path.endswith('/reviews'):  # what the workflow's --jq keeps: approvals of the head commit\n"
        "    ok = [r['user'] for r in a['reviews'] if r['state'] == 'APPROVED' and r['commit'] == 'head1']\n"
        "    print('\\n'.join(ok))\n"
        "else: print(a['roles'].get(path.split('/')[-2], 'read'))\n",
        encoding="utf-8",
    )
    fake.chmod(0o755)
    env = dict(os.environ, PATH=f"{fake.parent}:{os.environ['PATH']}", REPO="o/r", PR="7", HEAD="head1")
    env["CONTRIBUTOR_PATHS"] = step()["env"]["CONTRIBUTOR_PATHS"]
    env["GH_TOKEN"] = "unused"
    return subprocess.run(["bash", "-c", step()["run"]], env=env, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(
    ("files", "reviews", "passes"),
    [
        (["docs/volumes.md", "docs/images/plan.png", "data/tasks.yaml"], [], True),
        (["docs/volumes.md", "cheatsheet/sanitize.py"], [], False),
        (["docs/volumes.md", "tooling/harness.py"], [], False),
        (["pytest.ini"], [], False),
        (["data/new-rules.yaml"], [], False),
        ([f"docs/notes/n{i}.md" for i in range(3000)], [], False),  # GitHub lists no more than 3,000
        (["data/schemas/sections.schema.json"], [{"user": "friend", "state": "APPROVED", "commit": "head1"}], False),
        (["mkdocs.yml"], [{"user": "boss", "state": "APPROVED", "commit": "old"}], False),  # approved an older commit
        (["mkdocs.yml"], [{"user": "boss", "state": "APPROVED", "commit": "head1"}], True),
        ([".github/workflows/policy.yml"], [{"user": "boss", "state": "CHANGES_REQUESTED", "commit": "head1"}], False),
    ],
)
def test_the_gate(tmp_path, files, reviews, passes):
    result = run_gate(tmp_path, files, reviews, {"boss": "maintain", "friend": "write"})
    assert (result.returncode == 0) is passes, result.stdout + result.stderr
    if not passes:
        assert "A maintainer must approve" in result.stdout
