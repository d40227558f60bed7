#!/usr/bin/env python3
"""Build the site with `mkdocs build --strict` into a temporary directory, then swap it into the
output directory (default `site/`) only if the build succeeded.

A failed build leaves the previous output exactly as it was, prints the build's warnings and
exits non-zero. Run it from the project root (where mkdocs.yml is):

    python scripts/safe_build.py              # -> site/
    python scripts/safe_build.py -d public    # -> public/
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

RENAME_EXCHANGE = 2  # linux/fs.h: swap two paths in one atomic step


class BuildError(Exception):
    """An expected failure: reported as a message, never as a traceback."""


def run_mkdocs(config_file: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` into site_dir. Never -q: quiet mode drops the warnings that
    --strict counts, so a broken page would build "successfully"."""
    env = dict(os.environ)
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--config-file",
        str(config_file),
        "-d",
        str(site_dir),
    ]
    # One stream, so warnings and the final "Aborted" line keep their order.
    return subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)


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


def swap_in(new: Path, target: Path) -> None:
    """Put the directory `new` at `target`; whatever was at `target` is deleted afterwards."""
    if not target.exists() and not target.is_symlink():
        os.replace(new, target)
        return
    if _exchange(new, target):
        shutil.rmtree(new)  # now holds the previous output
        return
    # Fallback: move the old output aside, move the new one in, restore on failure.
    old = target.with_name(f"{target.name}.old-{os.getpid()}")
    os.replace(target, old)
    try:
        os.replace(new, target)
    except OSError:
        os.replace(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def check_target(target: Path, config_file: Path) -> None:
    """Refuse output paths whose replacement would delete the project."""
    project = config_file.resolve().parent
    resolved = target.resolve()
    if resolved == project or resolved in project.parents:
        raise BuildError(f"refusing to replace {target}: it contains the project itself")
    if target.exists() and not target.is_dir():
        raise BuildError(f"{target} exists and is not a directory")
    docs = (project / "docs").resolve()
    if resolved == docs or docs in resolved.parents:
        raise BuildError(f"refusing to build into {target}: it is inside the docs directory")


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
        swap_in(staging, target)
        return [line for line in warnings_in(output) if line.startswith("WARNING")]
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Strict MkDocs build that replaces the output directory only on success."
    )
    parser.add_argument("-d", "--site-dir", default="site", type=Path, help="output directory (default: site)")
    parser.add_argument(
        "-f", "--config-file", default="mkdocs.yml", type=Path, help="MkDocs configuration file (default: mkdocs.yml)"
    )
    args = parser.parse_args(argv)
    try:
        warnings = safe_build(args.config_file, args.site_dir)
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for line in warnings:
        print(line, file=sys.stderr)
    print(f"built {args.site_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
