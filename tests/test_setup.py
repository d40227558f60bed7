"""The README's two commands on the Python people have: Debian 12's own python3 (3.11.2) is the
oldest supported; an older one stops them at once, with one line saying what is needed, before
anything is installed; a Python without its venv module gets python3-venv (as root) or the one
command that installs it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from tooling.harness import copy_project

SCRIPTS = ("find_python.sh", "setup_venv.sh", "serve.sh", "test.sh")


def fake_python(bin_dir: Path, version: str) -> None:
    """A `python3` on PATH that reports `version` (as "3 11 2") and can do nothing else."""
    shim = bin_dir / "python3"
    shim.write_text(f"#!/bin/sh\necho {version}\n", encoding="utf-8")
    shim.chmod(0o755)


def project_with_scripts(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    (project / "scripts").mkdir(parents=True)
    for name in SCRIPTS:
        shutil.copy2(ROOT / "scripts" / name, project / "scripts" / name)
    for name in ("requirements.txt", "requirements-test.txt"):
        shutil.copy2(ROOT / name, project / name)
    return project


def run_script(project: Path, bin_dir: Path, script: str, **env: str) -> subprocess.CompletedProcess:
    # Only the fake python3 and the few tools the scripts need are on PATH: no other Python is found.
    for tool in ("bash", "dirname", "id", "sh"):
        found = shutil.which(tool)
        if found and not (bin_dir / tool).exists():
            (bin_dir / tool).symlink_to(found)
    return subprocess.run(
        [shutil.which("bash") or "/bin/bash", f"scripts/{script}"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": str(bin_dir), "HOME": str(project), **env},
    )


@pytest.mark.parametrize("script", ["serve.sh", "test.sh"])
def test_a_too_old_python_stops_both_readme_commands_with_one_line(tmp_path, script):
    project = project_with_scripts(tmp_path)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake_python(bin_dir, "3 11 1")
    result = run_script(project, bin_dir, script)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "3.11.2" in lines[0] and "3.11.1" in lines[0] and "PYTHON=" in lines[0]
    assert result.stdout == ""
    assert not (project / ".venv").exists()  # nothing was installed


def test_an_old_venv_is_named_instead_of_reused(tmp_path):
    project = project_with_scripts(tmp_path)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake_python(bin_dir, "3 12 1")
    (project / ".venv" / "bin").mkdir(parents=True)
    fake_python(project / ".venv" / "bin", "3 11 1")
    (project / ".venv" / "bin" / "python3").rename(project / ".venv" / "bin" / "python")
    result = run_script(project, bin_dir, "find_python.sh")
    assert result.returncode != 0
    assert "rm -rf .venv" in result.stderr and "3.11.1" in result.stderr


def test_debians_own_python_is_new_enough(tmp_path):
    project = project_with_scripts(tmp_path)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake_python(bin_dir, "3 11 2")
    result = run_script(project, bin_dir, "find_python.sh")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(bin_dir / "python3")


@pytest.mark.parametrize("script", ["serve.sh", "test.sh"])
def test_a_python_without_venv_names_the_one_command_to_run(tmp_path, script):
    """Debian's python3 without python3-venv (a stock cloud image), run by a user who is not
    root: one line with the command, and no half-made .venv left behind."""
    project = project_with_scripts(tmp_path)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "python3"
    shim.write_text(
        '#!/bin/sh\nif [ "$1" = -m ] && [ "$2" = venv ]; then mkdir -p "$3/bin";'
        ' echo "The virtual environment was not created successfully because ensurepip is not available." >&2;'
        " exit 1; fi\necho 3 11 2\n",
        encoding="utf-8",
    )
    shim.chmod(0o755)
    user = bin_dir / "id"
    user.write_text("#!/bin/sh\necho 1000\n", encoding="utf-8")
    user.chmod(0o755)
    for tool in ("rm", "mkdir", "mktemp"):
        found = shutil.which(tool)
        if found:
            (bin_dir / tool).symlink_to(found)
    # Chromium and npm are there, so test.sh goes on to make the venv.
    for tool in ("npm",):
        (bin_dir / tool).write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
        (bin_dir / tool).chmod(0o755)
    result = run_script(project, bin_dir, script)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "sudo apt-get install -y python3-venv" in lines[0]
    assert not (project / ".venv").exists()


def test_a_new_enough_python_is_chosen(tmp_path):
    project = project_with_scripts(tmp_path)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake_python(bin_dir, "3 11 1")
    # PYTHON names the interpreter to use; this one runs the suite, so it is new enough.
    result = run_script(project, bin_dir, "find_python.sh", PYTHON=sys.executable)
    assert result.returncode == 0, result.stderr
    assert os.path.samefile(result.stdout.strip(), sys.executable)
    # Without PYTHON, a newer python3.x on PATH is found after the too-old python3.
    newer = bin_dir / "python3.12"
    newer.symlink_to(sys.executable)
    result = run_script(project, bin_dir, "find_python.sh")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(newer)


# -- problems on the pull request's diff -----------------------------------------------------------


def test_strict_build_problems_become_annotations_and_a_job_summary(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "bad.md"
    page.write_text(
        "---\ntitle: Bad\ndescription: A page with a typo.\nsection: run\norder: 99\n---\n\n# Bad\n\n"
        "```bash\ndocker container lss\n```\n",
        encoding="utf-8",
    )
    summary = tmp_path / "summary.md"
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_report.py"), "-d", str(tmp_path / "site")],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env=dict(os.environ, GITHUB_STEP_SUMMARY=str(summary)),
    )
    assert result.returncode != 0
    # What GitHub's runner does with the matcher: its pattern, read as the runner reads it.
    matcher = json.loads((ROOT / ".github" / "mkdocs-problems.json").read_text(encoding="utf-8"))
    pattern = matcher["problemMatcher"][0]["pattern"][0]
    found = [m for line in result.stdout.splitlines() if (m := re.match(pattern["regexp"], line))]
    assert len(found) == 1, result.stdout
    match = found[0]
    assert match.group(pattern["file"]) == "docs/bad.md"
    assert match.group(pattern["line"]) == "11"  # the line of `docker container lss` in the file
    assert "docker container lss" in match.group(pattern["message"])
    text = summary.read_text(encoding="utf-8")
    assert "`docs/bad.md:11`" in text and "docker container lss" in text and "1 problem" in text


def test_workflow_annotates_the_build_and_attaches_the_site():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "test.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["test"]["steps"]
    runs = "\n".join(str(step.get("run", "")) for step in steps)
    assert "::add-matcher::.github/mkdocs-problems.json" in runs
    assert "scripts/build_report.py" in runs
    upload = [s for s in steps if str(s.get("uses", "")).startswith("actions/upload-artifact@")]
    assert upload and upload[0]["with"]["path"].rstrip("/") == "site"
    assert workflow["permissions"] == {"contents": "read"}  # nothing writes on a fork's pull request
