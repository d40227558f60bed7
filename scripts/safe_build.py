#!/usr/bin/env python3
"""Build the site with `mkdocs build --strict` into a temporary directory, then swap it into the
output directory (default `site/`) only if the build succeeded.

A failed build leaves the previous output exactly as it was, prints the build's warnings and
exits non-zero. Run it from the project root (where mkdocs.yml is):

    python scripts/safe_build.py                 # -> site/
    python scripts/safe_build.py -d ../public    # -> ../public/ (outside the project)

It cannot lose data. Replacing the output deletes the previous one, so it only ever replaces:
- inside the project, `site/` and nothing else (never docs/, data/, .git/ or the project root);
- an existing folder only if it wrote that folder itself: every output it swaps in holds a
  marker file (MARKER), and a folder without it (or with a `.git`) is refused untouched.
The swap is a rename; failing to delete the previous output afterwards is a warning. When the
script is stopped (Ctrl-C, SIGTERM, SIGHUP) it stops the MkDocs build it started first.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import ctypes.util
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from types import FrameType

from tooling import harness

RENAME_EXCHANGE = 2  # linux/fs.h: swap two paths in one atomic step
PR_SET_PDEATHSIG = 1  # linux/prctl.h: signal a child gets when its parent dies
MARKER = ".safe-build"
MARKER_TEXT = "Written by scripts/safe_build.py: this folder is build output it may replace.\n"
# Inside the project, the only output folder; everything else there is source or tooling.
PROJECT_OUTPUT = "site"
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
CHILD_GRACE_SECONDS = 5.0


class BuildError(Exception):
    """An expected failure: reported as a message, never as a traceback."""


class Stopped(Exception):
    """The script received a stop signal; the MkDocs child has to go too."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _die_with_parent() -> None:
    """In the child, before exec: ask Linux to SIGTERM it if this script dies, even by SIGKILL,
    which no handler here can catch."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass


def _stop_child(proc: subprocess.Popen) -> None:
    """SIGTERM the child's process group, then SIGKILL it if it has not gone after a grace period."""
    if proc.poll() is not None:
        return
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, sig)
        try:
            proc.wait(timeout=CHILD_GRACE_SECONDS)
            return
        except subprocess.TimeoutExpired:
            continue


def run_mkdocs(config_file: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` into site_dir. Never -q: quiet mode drops the warnings that
    --strict counts, so a broken page would build "successfully"."""
    env = dict(os.environ)
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    # MkDocs, or the builder CHEATSHEET_BUILDER names (README: "Two builders").
    command = harness.build_command("build", "--strict", "--config-file", str(config_file), "-d", str(site_dir))
    # One stream, so warnings and the final "Aborted" line keep their order. Its own process
    # group, so stopping it stops anything it started too.
    proc = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        start_new_session=True,
        preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
    )
    try:
        output, _ = proc.communicate()
    except BaseException:
        _stop_child(proc)
        raise
    return subprocess.CompletedProcess(command, proc.returncode, output)


def warnings_in(output: str) -> list[str]:
    """The lines of a build log that explain a failure."""
    lines = output.splitlines()
    found: list[str] = []
    keep = False
    for line in lines:
        if line.startswith(("WARNING", "ERROR", "Aborted", "Error:")):
            keep = True
        elif not line[:1].isspace():
            keep = False  # an indented line continues the message above it
        if keep and line.strip():
            found.append(line)
    if found:
        return found
    # No log lines to pick from (a crash, a missing module): show the tail of the output.
    return [line for line in lines if line.strip()][-20:]


def _exchange(a: Path, b: Path) -> bool:
    """Swap two existing directories atomically (Linux renameat2). False if unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), RENAME_EXCHANGE)
    return result == 0


def _remove_previous(old: Path) -> list[str]:
    """Delete the previous output (already swapped out); what could not be deleted, as warnings.
    The new output is in place by now, so a failure here loses nothing and fails nothing."""
    if (old / ".git").exists() or not ((old / MARKER).is_file() or not any(old.iterdir())):
        return [f"left the previous output at {old}: it is not a folder this script wrote"]
    failed: list[str] = []

    def note(function, path, exc_info) -> None:
        failed.append(str(path))

    shutil.rmtree(old, onerror=note)
    if failed:
        return [f"could not delete all of the previous output at {old} ({failed[0]}…): delete it by hand"]
    return []


def swap_in(new: Path, target: Path) -> list[str]:
    """Put the directory `new` at `target` by renaming; the previous output at `target` (checked
    by check_target) is deleted afterwards. Returns warnings about that clean-up."""
    if not target.exists() and not target.is_symlink():
        os.replace(new, target)
        return []
    if _exchange(new, target):
        return _remove_previous(new)  # `new` now holds the previous output
    # Fallback: move the old output aside, move the new one in, restore on failure.
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    os.replace(target, old)
    try:
        os.replace(new, target)
    except OSError:
        os.replace(old, target)
        raise
    return _remove_previous(old)


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_target(target: Path, config_file: Path) -> None:
    """Refuse output paths whose replacement could delete anything but this script's own output."""
    project = config_file.resolve().parent
    if target.is_symlink():
        raise BuildError(f"refusing to build into {target}: it is a symbolic link; name the real folder")
    resolved = target.resolve()
    if _inside(project, resolved):
        raise BuildError(f"refusing to replace {target}: it contains the project itself")
    if _inside(resolved, project) and resolved != project / PROJECT_OUTPUT:
        raise BuildError(
            f"refusing to build into {target}: inside the project only `{PROJECT_OUTPUT}/` is build output "
            f"(everything else there is source); use `-d {PROJECT_OUTPUT}` or a folder outside the project"
        )
    if not target.exists():
        return
    if not target.is_dir():
        raise BuildError(f"refusing to replace {target}: it exists and is not a folder")
    if (target / ".git").exists():
        raise BuildError(f"refusing to replace {target}: it holds a `.git` repository")
    if not (target / MARKER).is_file() and any(target.iterdir()):
        raise BuildError(
            f"refusing to replace {target}: this script did not create it (no `{MARKER}` file in it); "
            f"move or delete it yourself if it holds nothing you need, or choose another folder"
        )


def safe_build(config_file: Path, target: Path) -> list[str]:
    """Build and swap in; returns the build's warnings. Raises BuildError if nothing changed."""
    if not config_file.is_file():
        raise BuildError(f"{config_file} not found: run this from the project root or pass -f")
    check_target(target, config_file)
    target.parent.mkdir(parents=True, exist_ok=True)
    # A sibling of the target, so the final rename stays on one filesystem and is atomic.
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.build-", dir=target.parent.resolve()))
    try:
        proc = run_mkdocs(config_file, staging)
        output = proc.stdout
        if proc.returncode != 0:
            problems = "\n".join(warnings_in(output))
            raise BuildError(f"the build failed (exit {proc.returncode}); {target} was left as it was:\n{problems}")
        # mkdtemp makes the directory private (0700); give the site the usual permissions.
        umask = os.umask(0)
        os.umask(umask)
        staging.chmod(0o777 & ~umask)
        (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        # No stop signal between the check and the renames: the swap is never left half done.
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
        try:
            check_target(target, config_file)  # again: the folder may have changed during the build
            cleanup = swap_in(staging, target)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        return [line for line in warnings_in(output) if line.startswith("WARNING")] + [
            f"WARNING - {w}" for w in cleanup
        ]
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def _raise_stopped(signum: int, frame: FrameType | None) -> None:
    # Later signals are ignored, so the clean-up that stops the child runs to its end.
    for sig in STOP_SIGNALS:
        signal.signal(sig, signal.SIG_IGN)
    raise Stopped(signum)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Strict MkDocs build that replaces the output directory only on success."
    )
    parser.add_argument("-d", "--site-dir", default="site", type=Path, help="output directory (default: site)")
    parser.add_argument(
        "-f", "--config-file", default="mkdocs.yml", type=Path, help="MkDocs configuration file (default: mkdocs.yml)"
    )
    args = parser.parse_args(argv)
    for sig in STOP_SIGNALS:
        signal.signal(sig, _raise_stopped)
    try:
        warnings = safe_build(args.config_file, args.site_dir)
    except Stopped as exc:
        print(f"error: stopped by {exc}; the build was stopped and {args.site_dir} left as it was", file=sys.stderr)
        return 128 + exc.signum
    except (BuildError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for line in warnings:
        print(line, file=sys.stderr)
    print(f"built {args.site_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
