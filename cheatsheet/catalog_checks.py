"""Check one scanned page against the catalogue: its commands, Dockerfile blocks and Docker
reference links, gathered in one `PageReport`. Pure functions; problems are returned, never raised."""

from __future__ import annotations

import re

from .block_programs import function_problem, page_shell
from .catalog import Catalog
from .command_checks import check_shell_fence, check_spans
from .dockerfile_checks import check_dockerfile_fence
from .findings import DOCKERFILE_LANGS, SHELL_LANGS, PageReport
from .page import Fence, PageScan
from .problems import Problem
from .reference_links import check_link


def check_page(scan: PageScan, catalog: Catalog) -> PageReport:
    report = PageReport()
    shell = page_shell(scan.fences)
    seen: set[str] = set()
    for line, name in shell.defined:
        if what := function_problem(name, catalog):
            report.problems.append(Problem(scan.path, line, what, "give the function a name of its own"))
        elif name in seen:  # the shell runs the body in force at each call; the checks read one
            what = f"`{name}` is defined twice on the page: a call runs whichever came last before it"
            report.problems.append(Problem(scan.path, line, what, "define each function once"))
        seen.add(name)
    for fence in scan.fences:
        if fence.lang in SHELL_LANGS:
            check_shell_fence(fence, catalog, scan, report, shell)
        elif fence.lang in DOCKERFILE_LANGS:
            check_dockerfile_fence(fence, catalog, scan, report)
        else:
            report.problems += _commands_in_files(fence, scan)
    check_spans(scan, catalog, report)
    for link in scan.links:
        found = check_link(link.url, link.text, catalog)
        if found:
            report.problems.append(Problem(scan.path, link.line, *found))
    return report


# A line of a file block (YAML, INI, JSON, a diff …) that reads as a docker command a reader runs:
# its block keeps a copy button, and the checks read commands only in shell blocks.
_COMMAND_LINE = re.compile(r"[ ]*(?:[$>][ ]+)?(?:sudo[ ]+)?docker[ ]+[a-z-]")


def _commands_in_files(fence: Fence, scan: PageScan) -> list[Problem]:
    return [
        Problem(
            scan.path,
            fence.line + 1 + k,
            f"a docker command in a `{fence.lang}` block: the checks read commands only in shell blocks",
            "put it in a ```bash block (or a `console` one, with its output)",
        )
        for k, line in enumerate(fence.lines)
        if _COMMAND_LINE.match(line)
    ]
