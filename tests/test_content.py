"""The content itself, as a reader of the cheat sheet meets it (issue #14): enough distinct commands,
sections that open with their commands, and the corrected statements kept corrected.

Commands are counted the way the build reads them (`cheatsheet.site.build_site`): every command a
topic page shows outside a legacy box, resolved to its canonical form, so `docker ps` and
`docker container ls` count once."""

from __future__ import annotations

import re
from functools import cache

from conftest import ROOT

from cheatsheet import catalog as catalog_module
from cheatsheet.command_index import Entry
from cheatsheet.generated import CommandIndex
from cheatsheet.page import PageScan
from cheatsheet.site import Site, build_site

DOCS = ROOT / "docs"
HOME = "index.md"  # the home page introduces the topics; it is not one
MIN_COMMANDS = 150
MIN_COMMAND_FIRST_SHARE = 0.92


@cache
def site() -> Site:
    sources = {p.name: p.read_text(encoding="utf-8") for p in sorted(DOCS.glob("*.md"))}
    return build_site(sources, catalog_module.load())


def index_entries() -> dict[str, Entry]:
    """The command index's entries, by command."""
    index = site().generated[CommandIndex.src]
    assert isinstance(index, CommandIndex)
    return index.entries


def topic_pages() -> dict[str, PageScan]:
    return {src: state.scan for src, state in site().pages.items() if src != HOME}


def page_text(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def distinct_commands() -> set[str]:
    return {
        use.canonical
        for src, state in site().pages.items()
        if src != HOME
        for use in state.report.uses
        if not use.legacy
    }


_COMMAND_ITEM = re.compile(r"^[-*] `[^`]+`")


def opens_with_commands(lines: list[str]) -> bool | None:
    """Whether a section's body starts with commands: a fenced block, a table or a list whose
    first item is inline code. None for a section that only groups subsections."""
    for line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("#"):
            return None
        return stripped.startswith(("```", "~~~", "|")) or bool(_COMMAND_ITEM.match(stripped))
    return None


def section_openings() -> dict[str, bool]:
    """`page#anchor` -> whether that h2/h3 section opens with commands."""
    found: dict[str, bool] = {}
    for src, page in topic_pages().items():
        for i, heading in enumerate(page.headings):
            if heading.level not in (2, 3):
                continue
            end = page.headings[i + 1].line - 1 if i + 1 < len(page.headings) else len(page.lines)
            verdict = opens_with_commands(page.lines[heading.line : end])
            if verdict is not None:
                found[f"{src}#{heading.anchor}"] = verdict
    return found


def test_the_topic_pages_show_at_least_150_distinct_commands():
    commands = distinct_commands()
    print(f"\n{len(commands)} distinct commands on the topic pages")
    assert len(commands) >= MIN_COMMANDS, f"only {len(commands)} distinct commands"


def test_every_section_but_a_few_opens_with_its_commands():
    openings = section_openings()
    share = sum(openings.values()) / len(openings)
    late = sorted(name for name, ok in openings.items() if not ok)
    print(f"\n{share:.1%} of {len(openings)} sections open with commands; not yet: {late}")
    assert share >= MIN_COMMAND_FIRST_SHARE, late


def test_the_section_check_tells_commands_from_prose():
    assert opens_with_commands(["", "- `docker container ls` — lists containers."]) is True
    assert opens_with_commands(["```bash", "docker container ls", "```"]) is True
    assert opens_with_commands(["| Policy | Restarts when |"]) is True
    assert opens_with_commands(["A container lives as long as its process.", "```bash"]) is False
    assert opens_with_commands(["", "### A subsection"]) is None


def test_the_gaps_of_issue_14_are_filled_with_checked_commands():
    commands = distinct_commands()
    for needed in (
        "docker init",
        "docker scout quickview",
        "docker scout cves",
        "docker scout recommendations",
        "docker scout compare",
        "docker debug",
        "docker inspect",
        "docker service create",
        "docker service rollback",
        "docker stack deploy",
        "docker secret create",
        "docker config create",
        "docker node ls",
        "docker compose kill",
        "docker compose wait",
        "docker compose events",
        "docker buildx history export",
        "docker buildx imagetools inspect",
    ):
        assert needed in commands, needed


def test_desktop_plugins_are_catalogued_and_marked_as_such_on_their_page():
    catalog = catalog_module.load()
    for name in ("docker init", "docker scout cves", "docker debug"):
        assert catalog.desktop_plugin(name), name
    assert not catalog.desktop_plugin("docker container run")
    assert catalog.canonical("docker scout qv") == "docker scout quickview"
    assert (catalog.commands["docker debug"]["usage"] or "").startswith("docker debug ")
    # The command index says where a plugin comes from: its description is the page's definition line.
    shown = [c for c in index_entries() if catalog.desktop_plugin(c)]
    assert len(shown) >= 6
    for name in shown:
        assert index_entries()[name].description.startswith("Docker Desktop plugin"), name


def test_restart_policies_are_described_as_the_daemon_applies_them():
    text = page_text("containers.md")
    assert not re.search(r"only takes effect once|stayed up for about 10 seconds", text)
    assert "100 ms" in text and re.search(r"(one|1) minute", text)
    assert re.search(r"10 seconds or (longer|more)[^.]*reset", text)


def test_scheduled_prune_says_creation_time_and_warns_about_long_lived_containers():
    text = page_text("cleanup.md")
    assert "created more than a week ago" in text
    assert "leaving anything used during the last week" not in text
    assert re.search(r"last[- ]used", text)  # only the build cache goes by use
    assert re.search(r"long-running|long-lived", text, re.I)


def test_compose_explains_its_version_numbers():
    assert re.search(r"Compose v2[^.\n]*(5\.x|2\.x)", page_text("compose.md"))


def test_builder_prune_all_reads_the_same_on_both_pages():
    def line_of(name: str) -> str:
        found = [ln for ln in page_text(name).splitlines() if ln.startswith("- `docker builder prune`")]
        assert len(found) == 1, name
        return found[0]

    assert line_of("builds.md") == line_of("cleanup.md")
    assert "Buildx" in line_of("builds.md")


def test_the_systemd_unit_is_a_link_not_a_digression():
    for name in ("containers.md", "installation.md"):
        assert "[Service]" not in page_text(name), name


def test_the_docker_gc_box_appears_once():
    boxes = [
        src
        for src, page in topic_pages().items()
        for box in page.admonitions
        if box.kind == "legacy" and "docker-gc" in "\n".join(page.lines[box.line - 1 : box.end_line])
    ]
    assert boxes == ["cleanup.md"]


MY_PAGES = (
    "containers.md",
    "compose.md",
    "builds.md",
    "cleanup.md",
    "installation.md",
    "swarm.md",
    "desktop-plugins.md",
)


def test_every_command_on_these_pages_has_a_description_in_the_command_index():
    entries = index_entries()
    missing = {
        src: sorted({u.canonical for u in site().pages[src].report.uses if not u.legacy} - described)
        for src in MY_PAGES
        for described in [{c for c, e in entries.items() if e.description}]
    }
    assert {k: v for k, v in missing.items() if v} == {}


def test_the_new_pages_are_in_the_navigation():
    for src in ("swarm.md", "desktop-plugins.md"):
        assert site().pages[src].nav is not None, src
