"""Check one scanned page against the catalogue: its commands, Dockerfile blocks and Docker
reference links, gathered in one `PageReport`. Pure functions; problems are returned, never raised."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from .catalog import Catalog, Deprecation
from .command_checks import SHELL_LANGS, CommandUse, LegacyUse, check_shell_fence, check_spans
from .dockerfile_checks import DOCKERFILE_LANGS, check_dockerfile_fence
from .page import PageScan
from .problems import Problem
from .reference_links import check_link


@dataclass
class PageReport:
    problems: list[Problem] = field(default_factory=list)
    uses: list[CommandUse] = field(default_factory=list)
    legacy: list[LegacyUse] = field(default_factory=list)
    destructive_fences: dict[int, str] = field(default_factory=dict)  # fence line -> why
    span_links: dict[tuple[int, int], str] = field(default_factory=dict)  # (line, col) -> canonical
    legacy_notes: dict[int, list[Deprecation]] = field(default_factory=dict)  # admonition line -> features


class CheckedPage(NamedTuple):
    """A topic page as the generated pages read it, in reading order."""

    src: str
    title: str
    scan: PageScan
    report: PageReport


def check_page(scan: PageScan, catalog: Catalog) -> PageReport:
    report = PageReport()
    for fence in scan.fences:
        if fence.lang in SHELL_LANGS:
            check_shell_fence(fence, catalog, scan, report)
        elif fence.lang in DOCKERFILE_LANGS:
            check_dockerfile_fence(fence, catalog, scan, report)
    check_spans(scan, catalog, report)
    for link in scan.links:
        found = check_link(link.url, link.text, catalog)
        if found:
            report.problems.append(Problem(scan.path, link.line, *found))
    return report
