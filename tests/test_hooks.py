"""How the hooks sit inside MkDocs: page URLs come from MkDocs (so both URL styles work), and a
plugin that changes the Markdown first is reported, not silently worked around."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import run_build
from mkdocs.utils import get_relative_url

from cheatsheet.addresses import relative_url


@pytest.mark.parametrize(
    ("url", "other"),
    [
        ("commands.html", "containers.html"),
        ("commands.html", "print/index.html"),
        ("sub/page.html", "other/deeper/x.html"),
        ("commands/", "containers/"),
        ("commands/", "print/"),
        ("", "containers/"),
        ("containers/", ""),
        ("index.html", "index.html"),
        ("a/b/", "a/b/c/"),
    ],
)
def test_relative_links_are_the_ones_mkdocs_writes(url, other):
    assert relative_url(url, other) == get_relative_url(url, other)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href and not re.match(r"[a-z][a-z0-9+.-]*:|#", href):
            self.hrefs.append(href)


def _missing_targets(page: Path, site: Path) -> list[str]:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    missing = []
    for href in parser.hrefs:
        target = (page.parent / href.split("#")[0]).resolve()
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file() or site.resolve() not in target.parents:
            missing.append(href)
    return missing


def test_generated_links_follow_mkdocs_urls_with_directory_urls(project, tmp_path):
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("use_directory_urls: false", "use_directory_urls: true"),
        encoding="utf-8",
    )
    build = run_build(project, tmp_path / "site")
    assert build.returncode == 0, build.output
    site = build.site
    index, legacy, topic = (
        site / "commands" / "index.html",
        site / "legacy" / "index.html",
        site / "containers" / "index.html",
    )
    assert 'href="../containers/#' in index.read_text(encoding="utf-8"), "index entries link to the topic folders"
    assert 'class="cs-related"' in topic.read_text(encoding="utf-8")
    for page in (index, legacy, topic):
        assert _missing_targets(page, site) == [], page


def test_a_plugin_that_changes_the_markdown_first_is_named_in_a_warning(project, tmp_path):
    (project / "hooks" / "shout.py").write_text(
        "def on_page_markdown(markdown, *, page, config, files):\n"
        "    return markdown.replace('Docker', 'DOCKER') if page.file.src_uri == 'volumes.md' else markdown\n",
        encoding="utf-8",
    )
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("hooks:\n", "hooks:\n  - hooks/shout.py\n", 1), encoding="utf-8")
    build = run_build(project, tmp_path / "site")
    assert build.returncode != 0, "strict fails on the warning"
    warnings = [w for w in build.warnings if "another MkDocs plugin or hook changed" in w]
    assert len(warnings) == 1 and "docs/volumes.md:1:" in warnings[0], build.output
