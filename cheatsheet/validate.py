"""Check one scanned page against the catalogue: commands, flags, Dockerfile instructions,
deprecations and Docker reference links. Pure functions; problems are returned, never raised."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

from . import commands as cmd
from .catalog import DATA, Catalog, read_yaml
from .page import Fence, PageScan
from .shell import simple_commands, split_commands

SHELL_LANGS = {"bash", "sh", "shell", "zsh", "console", "shell-session", "text", ""}
PROMPTED_LANGS = {"console", "shell-session", "text", ""}
DOCKERFILE_LANGS = {"dockerfile", "docker"}
DOCS_HOST = "docs.docker.com"
_INSTRUCTION = re.compile(r"^\s*([A-Za-z]+)(\s+|$)(.*)$")
_ENV_SPACE_FORM = re.compile(r"^ENV\s+[A-Za-z_][\w.-]*\s+[^=\s]")


class Problem(NamedTuple):
    path: str
    line: int
    message: str
    fix: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message} — {self.fix}"


class CommandUse(NamedTuple):
    canonical: str
    line: int
    heading: str
    legacy: bool
    flags: list[str]
    in_block: bool
    destructive: str = ""  # why, when the command deletes data
    written_flags: list[str] = []  # as typed: `-it`, `--rm` (never changed in place)


class LegacyUse(NamedTuple):
    feature: dict
    line: int
    heading: str


@dataclass
class PageReport:
    problems: list[Problem] = field(default_factory=list)
    uses: list[CommandUse] = field(default_factory=list)
    legacy: list[LegacyUse] = field(default_factory=list)
    destructive_fences: dict[int, str] = field(default_factory=dict)  # fence line -> why
    span_links: dict[tuple[int, int], str] = field(default_factory=dict)  # (line, col) -> canonical
    legacy_notes: dict[int, list[dict]] = field(default_factory=dict)  # admonition line -> features


# -- deprecated features ------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _deprecation_phrases(catalog: Catalog) -> dict[str, dict]:
    """Each phrase that gives a deprecated feature away (`docker -d`, `--link`), and its feature."""
    by_match: dict[str, dict] = {}
    for feature in catalog.deprecations:
        for text in feature.get("match") or []:
            if "<" in text or text in by_match:
                continue  # a shape (`ENV <name> <value>`), checked where Dockerfiles are read
            by_match[text] = feature
    return by_match


def deprecations_in(text: str, catalog: Catalog) -> list[tuple[str, dict]]:
    by_match = _deprecation_phrases(catalog)
    # Most lines hold none of the phrases: a substring test in C rules them out, and the few
    # that hold one are matched against those phrases only (the full alternation is slow).
    present = tuple(phrase for phrase in by_match if phrase in text)
    if not present:
        return []
    pattern = _phrases_pattern(present)
    return [(m.group(), by_match[m.group()]) for m in pattern.finditer(text)]


@lru_cache(maxsize=256)
def _phrases_pattern(phrases: tuple[str, ...]) -> re.Pattern:
    parts = []
    for text in phrases:
        head = r"(?<![\w-])" if (text[0].isalnum() or text[0] == "-") else ""
        tail = r"(?![\w-])" if text[-1].isalnum() else ""
        parts.append(head + re.escape(text) + tail)
    parts.sort(key=len, reverse=True)
    return re.compile("|".join(parts))


def describe(feature: dict) -> str:
    removed = feature.get("removed")
    when = (
        f"removed in {removed} (deprecated in {feature['deprecated']})"
        if removed
        else f"deprecated since {feature['deprecated']}"
    )
    return when


# -- destructive commands --------------------------------------------------------------------


@lru_cache(maxsize=2)
def destructive_rules(path: Path = DATA / "destructive.yaml") -> dict[str, dict]:
    rules = read_yaml(path) or []
    return {rule["command"]: rule for rule in rules}


def destructive_reason(use_canonical: str, flags: list[str]) -> str:
    rule = destructive_rules().get(use_canonical)
    if not rule:
        return ""
    needed = rule.get("when_flags") or []
    if needed and not set(needed) & set(flags):
        return ""
    return rule["why"]


# -- checks ----------------------------------------------------------------------------------


def _legacy_feature(
    found: str,
    feature: dict,
    line: int,
    heading: str,
    legacy: bool,
    legacy_at: int | None,
    scan: PageScan,
    report: PageReport,
) -> None:
    """Record a deprecated feature: a note for its legacy admonition, or a problem outside one."""
    report.legacy.append(LegacyUse(feature, line, heading))
    if not legacy:
        report.problems.append(
            Problem(
                scan.path,
                line,
                f"`{found}` is legacy: {feature['feature']}, {describe(feature)}",
                f"use {feature['replacement']}; {cmd.LEGACY_HINT}",
            )
        )
    elif legacy_at is not None:
        notes = report.legacy_notes.setdefault(legacy_at, [])
        if feature not in notes:
            notes.append(feature)


def _check_command(
    words: list[str],
    line: int,
    legacy: bool,
    heading: str,
    in_block: bool,
    catalog: Catalog,
    scan: PageScan,
    report: PageReport,
    legacy_at: int | None,
) -> CommandUse | None:
    words = cmd.strip_prefix(words, catalog)
    if not words:
        return None
    text = " ".join(words)
    matched = deprecations_in(text, catalog) if words[0] in ("docker", "docker-compose") else []
    covered = " ".join(m for m, _ in matched)
    for found, feature in matched:
        _legacy_feature(found, feature, line, heading, legacy, legacy_at, scan, report)
    if words[0] != "docker":
        return None
    inv = cmd.parse(words, catalog, complete=in_block)
    # Inside a legacy admonition the old syntax is the point: removed commands and flags stand
    # there on purpose, so only commands outside it are held to the current CLI.
    for finding in [] if legacy else inv.findings:
        if finding.token and finding.token in covered.split():
            continue  # already reported as the legacy feature it belongs to
        report.problems.append(Problem(scan.path, line, finding.message, finding.fix))
    if inv.canonical is None:
        return None
    use = CommandUse(
        inv.canonical,
        line,
        heading,
        legacy,
        inv.flags,
        in_block,
        destructive_reason(inv.canonical, inv.flags),
        inv.written_flags,
    )
    report.uses.append(use)
    return use


def _legacy_admonition_at(scan: PageScan, line: int) -> int | None:
    for adm in reversed(scan.admonitions):
        if adm.kind == "legacy" and adm.line < line <= adm.end_line:
            return adm.line
    return None


def _check_shell_fence(fence: Fence, catalog: Catalog, scan: PageScan, report: PageReport) -> None:
    prompted = fence.lang in PROMPTED_LANGS
    lines = fence.lines
    if prompted and fence.lang in ("text", ""):
        # Output blocks: only prompted lines and lines that start with `docker ` are commands.
        lines = ["$ " + ln.lstrip() if ln.lstrip().startswith("docker ") else ln for ln in lines]
    legacy_at = _legacy_admonition_at(scan, fence.line) if fence.legacy else None
    for command in simple_commands(lines, fence.line + 1, prompts_only=prompted):
        use = _check_command(
            command.words, command.line, fence.legacy, fence.heading, True, catalog, scan, report, legacy_at
        )
        if use and use.destructive and not fence.legacy:
            report.destructive_fences.setdefault(fence.line, use.destructive)


def _check_dockerfile_fence(fence: Fence, catalog: Catalog, scan: PageScan, report: PageReport) -> None:
    continued = False
    heredoc = None
    legacy_at = _legacy_admonition_at(scan, fence.line) if fence.legacy else None
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
        heredoc_match = re.search(r"<<-?\s*['\"]?([A-Za-z_]\w*)", rest)
        if heredoc_match:
            heredoc = heredoc_match.group(1)
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
            _legacy_feature(name, feature, number, fence.heading, fence.legacy, legacy_at, scan, report)
        # Only the options right after the instruction are its own; later ones belong to the
        # program it runs (`RUN apt-get --yes`). Instructions without options are not read.
        known = sorted({f.split("=", 1)[0] for f in spec["flags"]})
        for flag in _leading_flags(rest) if known else ():
            if flag not in known:
                guess = difflib.get_close_matches(flag, known, n=1, cutoff=0.6)
                report.problems.append(
                    Problem(
                        scan.path,
                        number,
                        f"`{name}` has no flag `{flag}`",
                        f"did you mean `{guess[0]}`?" if guess else f"use one of {', '.join(f'`{k}`' for k in known)}",
                    )
                )


def _leading_flags(rest: str) -> list[str]:
    flags = []
    for word in rest.split():
        if not word.startswith("--"):
            break
        flags.append(word.split("=", 1)[0])
    return flags


def check_link(url: str, text: str, catalog: Catalog) -> tuple[str, str] | None:
    """A problem with a link to Docker's reference, as (what is wrong, how to fix), or None."""
    parts = urlsplit(url)
    if parts.netloc != DOCS_HOST:
        return None
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    fragment = parts.fragment
    if path.startswith("/engine/reference/commandline/") and path not in catalog.outdated_pages:
        slug = path[len("/engine/reference/commandline/") :].strip("/")
        canonical = catalog.canonical("docker " + " ".join(slug.replace("_", " ").split()))
        target = catalog.url(canonical) if canonical else "https://docs.docker.com/reference/cli/docker/"
        if canonical and fragment and _flag_anchor_ok(canonical, fragment, catalog):
            target += "#" + fragment
        return f"outdated Docker reference URL `{url}`", f"link to {target}"
    if path.startswith("/engine/reference/builder/"):
        target = catalog.dockerfile_url
        if fragment:
            target += "#" + fragment if fragment in catalog.dockerfile_anchors else ""
        return f"outdated Dockerfile reference URL `{url}`", f"link to {target}"
    if path in catalog.outdated_pages or path.startswith("/engine/reference/"):
        target = catalog.outdated_pages.get(path, "https://docs.docker.com/reference/")
        return f"outdated Docker reference URL `{url}`", f"link to {target}"
    if path.startswith("/reference/cli/docker/") or path == "/reference/cli/docker/":
        words = ["docker"] + [w for w in path[len("/reference/cli/docker/") :].split("/") if w]
        written = " ".join(words)
        canonical = catalog.canonical(written) if len(words) > 1 else None
        if len(words) > 1 and canonical is None:
            return (
                f"`{url}` is not a Docker command page (no command `{written}`)",
                "check the command name, or link to https://docs.docker.com/reference/cli/docker/",
            )
        if canonical and canonical != written:
            return f"`{url}` links to the alias `{written}`", f"link to the canonical page {catalog.url(canonical)}"
        if canonical and fragment and not _flag_anchor_ok(canonical, fragment, catalog):
            return (
                f"`{canonical}` has no flag or section `#{fragment}` on its reference page",
                f"use one of its flags, e.g. {catalog.url(canonical)}#{_first_anchor(canonical, catalog)}",
            )
        named = _command_in_text(text, catalog)
        if canonical and named and named != canonical:
            return f"link text names `{named}` but the link points to `{canonical}`", f"link to {catalog.url(named)}"
        return None
    if path == "/reference/dockerfile/":
        if fragment and fragment not in catalog.dockerfile_anchors:
            return (
                f"the Dockerfile reference has no anchor `#{fragment}`",
                "use an instruction anchor such as #run, #copy---from or #healthcheck",
            )
    return None


def _flag_anchor_ok(canonical: str, fragment: str, catalog: Catalog) -> bool:
    flags = catalog.commands[canonical]["flags"]
    return (
        fragment in catalog.page_anchors
        or fragment in flags
        or any(spec.get("anchor") == fragment for spec in flags.values())
    )


def _first_anchor(canonical: str, catalog: Catalog) -> str:
    anchors = sorted(spec["anchor"] for spec in catalog.commands[canonical]["flags"].values() if spec.get("anchor"))
    return anchors[0] if anchors else "options"


def _command_in_text(text: str, catalog: Catalog) -> str | None:
    plain = text.replace("`", " ").strip()
    index = plain.find("docker ")
    if index < 0:
        return None
    words = split_commands(plain[index:])
    if not words:
        return None
    return cmd.parse(words[0], catalog, complete=False).canonical


def check_page(scan: PageScan, catalog: Catalog) -> PageReport:
    report = PageReport()
    for fence in scan.fences:
        if fence.lang in SHELL_LANGS:
            _check_shell_fence(fence, catalog, scan, report)
        elif fence.lang in DOCKERFILE_LANGS:
            _check_dockerfile_fence(fence, catalog, scan, report)
    for span in scan.spans:
        if not span.code.startswith("docker ") and span.code not in ("docker",):
            continue
        for words in split_commands(span.code)[:1]:
            legacy_at = _legacy_admonition_at(scan, span.line) if span.legacy else None
            use = _check_command(words, span.line, span.legacy, span.heading, False, catalog, scan, report, legacy_at)
            if use and not span.in_link:
                report.span_links[(span.line, span.col)] = use.canonical
    for link in scan.links:
        found = check_link(link.url, link.text, catalog)
        if found:
            report.problems.append(Problem(scan.path, link.line, *found))
    return report
