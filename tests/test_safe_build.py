"""scripts/safe_build.py cannot lose data: it replaces only output it wrote itself, never a
project folder or a repository, and a stopped build leaves no MkDocs process behind."""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT
from test_contributing import leftovers, safe_build, snapshot

SCRIPT = ROOT / "scripts" / "safe_build.py"


def load_script():
    spec = importlib.util.spec_from_file_location("safe_build_script", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("folder", ["data", "docs", "hooks", "cheatsheet", "overrides", ".git", "public", "site/sub"])
def test_refuses_every_folder_of_the_project_but_site(project, folder):
    (project / ".git").mkdir(exist_ok=True)
    (project / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    safe_build(project, "--help")  # copies the script into the project
    before = snapshot(project)
    result = safe_build(project, "-d", folder)
    assert result.returncode != 0
    assert "refusing" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(project) == before  # nothing deleted, nothing built
    assert leftovers(project) == []


def test_refuses_the_project_root_given_by_absolute_path(project):
    safe_build(project, "--help")
    before = snapshot(project)
    result = safe_build(project, "-d", str(project))
    assert result.returncode != 0 and "refusing" in result.stderr
    assert snapshot(project) == before


def test_refuses_a_folder_holding_a_git_repository_even_with_the_marker(project, tmp_path):
    out = tmp_path / "pages-repo"
    (out / ".git").mkdir(parents=True)
    (out / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (out / "index.html").write_text("mine", encoding="utf-8")
    (out / ".safe-build").write_text("forged\n", encoding="utf-8")
    before = snapshot(out)
    result = safe_build(project, "-d", str(out))
    assert result.returncode != 0
    assert "`.git`" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(out) == before


def test_refuses_an_existing_folder_it_did_not_create(project, tmp_path):
    out = tmp_path / "Documents"
    out.mkdir()
    (out / "thesis.odt").write_bytes(b"years of work")
    result = safe_build(project, "-d", str(out))
    assert result.returncode != 0
    assert ".safe-build" in result.stderr and "Traceback" not in result.stderr
    assert (out / "thesis.odt").read_bytes() == b"years of work"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Documents", "project"]  # no staging left


def test_refuses_a_symbolic_link_as_output(project, tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    result = safe_build(project, "-d", str(tmp_path / "link"))
    assert result.returncode != 0 and "symbolic link" in result.stderr


def test_replaces_its_own_output_outside_the_project(project, tmp_path):
    out = tmp_path / "public"
    first = safe_build(project, "-d", str(out))
    assert first.returncode == 0, first.stdout + first.stderr
    assert (out / ".safe-build").is_file() and (out / "containers.html").is_file()
    (out / "stale.html").write_text("old", encoding="utf-8")
    second = safe_build(project, "-d", str(out))
    assert second.returncode == 0, second.stdout + second.stderr
    assert not (out / "stale.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "public"]  # no staging left


def test_a_failed_clean_up_after_the_swap_is_a_warning(tmp_path, monkeypatch):
    module = load_script()
    new, target = tmp_path / "new", tmp_path / "site"
    for folder, page in ((new, "new"), (target, "old")):
        folder.mkdir()
        (folder / module.MARKER).write_text(module.MARKER_TEXT, encoding="utf-8")
        (folder / "index.html").write_text(page, encoding="utf-8")

    def failing_rmtree(path, onerror=None, **kwargs):
        onerror(os.unlink, str(Path(path) / "index.html"), (PermissionError, PermissionError("busy"), None))

    monkeypatch.setattr(module.shutil, "rmtree", failing_rmtree)
    warnings = module.swap_in(new, target)
    assert (target / "index.html").read_text(encoding="utf-8") == "new"
    assert len(warnings) == 1 and "delete it by hand" in warnings[0]


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # pid (comm) state ppid …: comm may hold spaces, so split after its closing bracket.
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; only its exit status is left to collect


def _start_stalled_build(project: Path) -> tuple[subprocess.Popen, int]:
    """safe_build.py with a hook that sleeps, so the build is still running when it is stopped."""
    hooks = project / "hooks" / "cheatsheet_hooks.py"
    hooks.write_text(hooks.read_text(encoding="utf-8") + "\nimport time as _t\n\n_t.sleep(120)\n", encoding="utf-8")
    safe_build(project, "--help")  # copies the script into the project
    parent = subprocess.Popen(
        [sys.executable, "scripts/safe_build.py"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        children = _children(parent.pid)
        if children:
            time.sleep(0.5)  # let it get into the build
            return parent, children[0]
        time.sleep(0.05)
    parent.kill()
    pytest.fail("safe_build.py started no MkDocs build")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_stopping_it_mid_build_stops_mkdocs(project, sig):
    site = project / "site"
    site.mkdir()
    (site / ".safe-build").write_text("x\n", encoding="utf-8")
    (site / "index.html").write_text("previous", encoding="utf-8")
    parent, child = _start_stalled_build(project)
    parent.send_signal(sig)
    _, err = parent.communicate(timeout=30)
    assert parent.returncode == 128 + sig
    assert "stopped" in err and "Traceback" not in err
    deadline = time.monotonic() + 10
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(child), "the MkDocs build outlived safe_build.py"
    assert (site / "index.html").read_text(encoding="utf-8") == "previous"
    assert leftovers(project) == []


def test_killing_it_outright_still_stops_mkdocs(project):
    parent, child = _start_stalled_build(project)
    parent.kill()  # SIGKILL: no handler runs; Linux signals the child instead
    parent.communicate(timeout=30)
    deadline = time.monotonic() + 10
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(child), "the MkDocs build outlived safe_build.py"
