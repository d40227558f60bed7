"""A new page needs only a title: the build chooses a section, a place and a description for
it, says so at INFO level, and a repeated `order` is no conflict."""

from __future__ import annotations

import json
import re

from cheatsheet import catalog
from cheatsheet.front_matter import first_paragraph
from cheatsheet.page import scan
from cheatsheet.site import build_site


def page(title: str, *, body: str = "Some text.", **meta: object) -> str:
    lines = ["---", f"title: {title}", *(f"{key}: {value}" for key, value in meta.items()), "---", "", f"# {title}"]
    return "\n".join([*lines, "", body, ""])


def nav_of(sources: dict[str, str]) -> dict[str, list[str]]:
    site = build_site(sources, catalog.load())
    assert [str(p) for p in site.problems] == []
    return {title: [next(iter(entry)) for entry in entries] for item in site.nav for title, entries in item.items()}


def test_a_page_with_only_a_title_goes_to_the_default_section_before_reference():
    sources = {"a.md": page("Alpha", section="run", order=10), "new.md": page("Brand new")}
    site = build_site(sources, catalog.load())
    assert [str(p) for p in site.problems] == []
    sections = [next(iter(item)) for item in site.nav]
    assert sections == ["Running containers", "More topics", "Reference"]
    assert site.nav[1] == {"More topics": [{"Brand new": "new.md"}]}
    assert [str(n) for n in site.notes] == [
        "docs/new.md:1: no `section:`, so the page is listed under “More topics” — add `section:` with one of "
        "start, run, build, operate, reference to place it elsewhere"
    ]


def test_pages_without_order_follow_the_numbered_ones_by_title_and_a_repeated_order_is_fine():
    sources = {
        "z.md": page("Zebra", section="run"),
        "b.md": page("Bravo", section="run", order=20),
        "a.md": page("Alpha", section="run"),
        "c.md": page("Charlie", section="run", order=20),
        "d.md": page("Delta", section="run", order=5),
    }
    assert nav_of(sources)["Running containers"] == ["Delta", "Bravo", "Charlie", "Alpha", "Zebra"]


def test_title_missing_or_not_text_still_fails():
    for text, expected in [
        ("---\ndescription: No title here.\n---\n\n# Hi\n\nText.\n", "docs/x.md:1: front matter has no `title`"),
        ("---\ntitle: [a, b]\n---\n\n# Hi\n\nText.\n", "docs/x.md:2: `title: ['a', 'b']` is not text"),
    ]:
        site = build_site({"x.md": text}, catalog.load())
        assert any(str(p).startswith(expected) for p in site.problems), [str(p) for p in site.problems]


def test_unknown_keys_are_still_typos():
    site = build_site({"x.md": page("X", sectoin="run")}, catalog.load())
    assert [str(p) for p in site.problems] == [
        "docs/x.md:3: unknown front matter key `sectoin` — did you mean `section`?"
    ]


def describe(body: str) -> str:
    return first_paragraph(scan("docs/x.md", page("X", body=body), "x.md"))


def test_description_is_the_first_paragraph_as_plain_text():
    body = "Run `docker ps` to see **running** [containers](containers.md).\nIt lists them.\n\nSecond paragraph."
    assert describe(body) == "Run docker ps to see running containers. It lists them."
    assert describe("```bash\ndocker ps\n```\n\n- a list\n\nThe prose.") == "The prose."


def test_a_long_first_paragraph_is_cut_after_the_last_sentence_that_fits():
    first = "Volumes keep data when a container is removed, and several containers can share one volume."
    second = "Bind mounts map a folder of the host into the container, which suits source code under edit."
    text = describe(f"{first} {second} Third.")
    assert text == first and len(f"{first} {second}") > 160
    one_long = "word " * 60
    cut = describe(one_long)
    assert cut.endswith("…") and len(cut) <= 160 and not cut[:-1].endswith(" ")


TITLE_ONLY_PAGES = ("new-topic.md",)


def prepare_title_only(project):
    (project / "docs" / "new-topic.md").write_text(
        "---\ntitle: Brand new topic\n---\n\n# Brand new topic\n\n"
        "Prune what no container uses. Nothing else on this page.\n\n```bash\ndocker network prune\n```\n",
        encoding="utf-8",
    )


def test_a_title_only_page_builds_strictly_into_nav_search_and_command_index(batched_variant):
    build = batched_variant("clean", "title-only-page")  # built with other pages that build clean
    assert build.returncode == 0, build.output
    assert build.warnings == []
    assert "docs/new-topic.md:1: no `section:`, so the page is listed under “More topics”" in build.output
    assert "are not included in the" not in build.output, "MkDocs warns of no page missing from the nav"
    site = build.site
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="new-topic.html"' in home and "More topics" in home
    html = (site / "new-topic.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="Prune what no container uses. Nothing else on this page.">' in html
    index = (site / "commands.html").read_text(encoding="utf-8")
    entry = index.split('id="docker-network-prune"', 1)[1].split("<h3", 1)[0]
    assert 'href="new-topic.html#' in entry
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert any(d["location"].startswith("new-topic.html") and re.search("Brand new", d["title"]) for d in docs)
