#!/usr/bin/env python3
"""Builds the site with MkDocs and with ProperDocs (the maintained fork of MkDocs 1.x) and fails
when the two outputs differ other than in the generator tag and what follows from it: the
offline zip's bytes and its size on the home page, and the service worker's hashes of them
(revisions and Subresource Integrity).

    .venv/bin/python scripts/compare_builders.py            # needs requirements-properdocs.txt
    .venv/bin/python scripts/compare_builders.py A B        # compare two built sites

Both builds are strict, from the same sources, with the same SOURCE_DATE_EPOCH. Prints each file
that differs with its first differing line; exit status 1 when any does."""

from __future__ import annotations

import argparse
import difflib
import io
import re
import sys
import tempfile
import zipfile
from pathlib import Path

from tooling import harness

# What differs by design: the generator tag names the builder; the zip holds the pages (so its
# bytes and the size the home page shows differ); sw.js holds a hash of every file.
_GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
_ZIP_SIZE = re.compile(rb'<span class="cs-download-size">\(zip, [^)]*\)</span>')
_REVISION = re.compile(rb'"revision":"[0-9a-f]+"')
_INTEGRITY = re.compile(rb'"integrity":"sha256-[A-Za-z0-9+/=]+"')  # Subresource Integrity: a hash too


def normalised(name: str, data: bytes) -> bytes:
    if name.endswith(".html"):
        data = _GENERATOR.sub(b'<meta name="generator" content="">', data)
        return _ZIP_SIZE.sub(b'<span class="cs-download-size">(zip)</span>', data)
    if name.endswith("sw.js"):
        return _INTEGRITY.sub(b'"integrity":""', _REVISION.sub(b'"revision":""', data))
    return data


def files_of(site: Path) -> dict[str, bytes]:
    """Every file of a built site, a zip's members as `name.zip!member`, normalised."""
    found: dict[str, bytes] = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        name = path.relative_to(site).as_posix()
        data = path.read_bytes()
        if name.endswith(".zip"):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for member in archive.infolist():
                    found[f"{name}!{member.filename}"] = normalised(member.filename, archive.read(member))
                    found[f"{name}!{member.filename}@meta"] = repr(
                        (member.date_time, member.external_attr, member.compress_type)
                    ).encode()
        else:
            found[name] = normalised(name, data)
    return found


def differences(first: Path, second: Path) -> list[str]:
    a, b = files_of(first), files_of(second)
    out = [f"only in {first}: {name}" for name in sorted(a.keys() - b.keys())]
    out += [f"only in {second}: {name}" for name in sorted(b.keys() - a.keys())]
    for name in sorted(a.keys() & b.keys()):
        if a[name] != b[name]:
            left = a[name].decode("utf-8", "replace").splitlines()
            right = b[name].decode("utf-8", "replace").splitlines()
            changes = list(difflib.unified_diff(left, right, lineterm="", n=0))[2:]  # past the ---/+++ header
            first_change = next((line for line in changes if line[:1] in "+-"), "")
            out.append(f"{name} differs: {first_change[:300]}")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sites", nargs="*", type=Path, help="two built sites (default: build both)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="compare-builders-") as tmp:
        if args.sites:
            if len(args.sites) != 2:
                parser.error("give two built sites, or none")
            first, second = args.sites
        else:
            env = harness.build_env(SOURCE_DATE_EPOCH="1700000000")
            first, second = Path(tmp) / "mkdocs", Path(tmp) / "properdocs"
            for name, site in (("mkdocs", first), ("properdocs", second)):
                build = harness.strict_build(harness.ROOT, site, builder_name=name, env=env)
                if build.returncode:
                    print(build.output, file=sys.stderr)
                    print(f"compare_builders: the strict build with {name} failed", file=sys.stderr)
                    return 1
        found = differences(first, second)
    for line in found:
        print(line)
    if found:
        print(f"compare_builders: {len(found)} difference(s) besides the generator tag", file=sys.stderr)
        return 1
    print("compare_builders: MkDocs and ProperDocs built the same site (generator tag aside)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
