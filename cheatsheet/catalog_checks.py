"""Check one scanned page against the catalogue: its commands, Dockerfile blocks and Docker
reference links, gathered in one `PageReport`. Pure functions; problems are returned, never raised."""

from __future__ import annotations

from .block_programs import function_problem, page_shell
from .catalog import Catalog
from .command_checks import check_shell_fence, check_spans
from .dockerfile_checks import check_dockerfile_fence
from .findings import DOCKERFILE_LANGS, SHELL_LANGS, PageReport
from .page import PageScan
from .problems import Problem
from .reference_links import check_link


def check_page(scan: PageScan, catalog: Catalog) -> PageReport:
    report = PageReport()
    shell = page_shell(scan.fences)
    for line, name in shell.defined:
        if what := function_problem(name, catalog):
            report.problems.append(Problem(scan.path, line, what, "give the function a name of its own"))
    for fence in scan.fences:
        if fence.lang in SHELL_LANGS:
            check_shell_fence(fence, catalog, scan, report, shell)
        elif fence.lang in DOCKERFILE_LANGS:
            check_dockerfile_fence(fence, catalog, scan, report)
    check_spans(scan, catalog, report)
    for link in scan.links:
        found = check_link(link.url, link.text, catalog)
        if found:
            report.problems.append(Problem(scan.path, link.line, *found))
    return report
