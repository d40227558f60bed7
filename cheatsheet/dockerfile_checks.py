"""Check the Dockerfile blocks of a page: instructions, their options, deprecated forms."""

from __future__ import annotations

import re

from .catalog import Catalog
from .command_checks import legacy_admonition_at, legacy_feature
from .findings import PageReport
from .page import Fence, PageScan
from .problems import Problem, close_match
from .shell import heredocs

_INSTRUCTION = re.compile(r"^\s*([A-Za-z]+)(\s+|$)(.*)$")
_ENV_SPACE_FORM = re.compile(r"^ENV\s+[A-Za-z_][\w.-]*\s+[^=\s]")


# A parser directive naming the build's frontend (`# syntax=…`, any case, blanks around `=`): an
# image BuildKit pulls and runs. Only Docker's own may be named.
_FRONTEND = re.compile(r"#\s*syntax\s*=\s*(\S*)", re.I)
_OFFICIAL_FRONTEND = re.compile(r"(?:docker\.io/)?docker/dockerfile(?:-upstream)?:[0-9][0-9a-z.-]*")


def check_dockerfile_fence(fence: Fence, catalog: Catalog, scan: PageScan, report: PageReport) -> None:
    continued = False
    heredoc = None
    legacy_at = legacy_admonition_at(scan, fence.line) if fence.legacy else None
    for offset, raw in enumerate(fence.lines, start=1):
        number = fence.line + offset
        line = raw.strip()
        if heredoc:
            if line == heredoc:
                heredoc = None
            continue
        if continued:
            continued = line.endswith("\\")
            continue
        if line.startswith("#") and (directive := _FRONTEND.match(line)) is not None:
            if not _OFFICIAL_FRONTEND.fullmatch(directive.group(1)):
                report.problems.append(
                    Problem(
                        scan.path,
                        number,
                        f"`# syntax={directive.group(1)[:40]}`: BuildKit runs the image it names",
                        "name Docker's own frontend: `# syntax=docker/dockerfile:1`",
                    )
                )
            continue
        if not line or line.startswith("#"):
            continue
        continued = line.endswith("\\")
        match = _INSTRUCTION.match(line)
        if not match:
            continue
        word = match.group(1)
        rest = match.group(3)
        if word.upper() == "ONBUILD":
            inner = _INSTRUCTION.match(rest)
            if inner:
                word, rest = inner.group(1), inner.group(3)
        name = word.upper()
        opened = heredocs(rest) if "<<" in rest else []  # not inside quotes: `RUN echo "<<EOF"`
        if opened:
            heredoc = opened[0][0]
        spec = catalog.instructions.get(name)
        if spec is None:
            guess = catalog.suggest_instruction(word)
            report.problems.append(
                Problem(
                    scan.path,
                    number,
                    f"unknown Dockerfile instruction `{word}`",
                    f"did you mean `{guess}`?" if guess else "see https://docs.docker.com/reference/dockerfile/",
                )
            )
            continue
        legacy_features = []
        if spec["deprecated"]:
            legacy_features = [f for f in catalog.deprecations if name in (f.get("match") or [])]
        if name == "ENV" and _ENV_SPACE_FORM.match(f"ENV {rest}"):
            legacy_features += [f for f in catalog.deprecations if any("ENV <" in m for m in f.get("match") or [])]
        for feature in legacy_features:
            legacy_feature(name, feature, number, fence.heading, fence.legacy, legacy_at, scan, report)
        # Only the options right after the instruction are its own; later ones belong to the
        # program it runs (`RUN apt-get --yes`). Instructions without options are not read.
        known = sorted({f.split("=", 1)[0] for f in spec["flags"]})
        for flag in _leading_flags(rest) if known else ():
            if flag not in known:
                guess = close_match(flag, known)
                report.problems.append(
                    Problem(
                        scan.path,
                        number,
                        f"`{name}` has no flag `{flag}`",
                        f"did you mean `{guess}`?" if guess else f"use one of {', '.join(f'`{k}`' for k in known)}",
                    )
                )


def _leading_flags(rest: str) -> list[str]:
    flags = []
    for word in rest.split():
        if not word.startswith("--"):
            break
        flags.append(word.split("=", 1)[0])
    return flags
