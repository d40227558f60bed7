"""The built site as a reader and a contributor meet it."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import yaml
from conftest import ROOT

from cheatsheet import legacy_map

TOPICS = {  # seed topic -> page
    "Installation": "installation.md",
    "Containers": "containers.md",
    "Images": "images.md",
    "Networks": "networks.md",
    "Registry and repository": "registry.md",
    "Dockerfile": "dockerfile.md",
    "Layers and the build cache": "layers.md",
    "Volumes": "volumes.md",
    "Links (legacy)": "links.md",
    "Exposing ports": "ports.md",
    "Compose": "compose.md",
    "Builds": "builds.md",
    "Cleaning up": "cleanup.md",
    "Best practices": "best-practices.md",
    "Security": "security.md",
    "Tips": "tips.md",
}


class Resources(HTMLParser):
    """Every URL a page loads by itself (not links a reader may follow)."""

    def __init__(self):
        super().__init__()
        self.loads: list[str] = []
        self.meta: dict[str, str] = {}
        self.links: list[tuple[str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag in ("script", "img", "iframe", "source", "audio", "video") and attrs.get("src"):
            self.loads.append(attrs["src"])
        if tag == "link" and attrs.get("href") and attrs.get("rel") not in ("canonical", "alternate"):
            self.loads.append(attrs["href"])
        if tag == "meta" and attrs.get("name"):
            self.meta[attrs["name"]] = attrs.get("content", "")
        if tag == "a" and attrs.get("href"):
            self.links.append((attrs["href"], attrs.get("rel", "")))


def parse(path: Path) -> Resources:
    parser = Resources()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_strict_build_is_silent(site_build):
    assert site_build.returncode == 0, site_build.output
    assert site_build.warnings == []


def test_every_seed_topic_has_its_page_in_the_navigation(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    nav = home.split('class="md-nav md-nav--primary"', 1)[1].split("md-sidebar--secondary", 1)[0]
    for title, page in TOPICS.items():
        assert (ROOT / "docs" / page).is_file(), page
        html_name = page.replace(".md", ".html")
        assert f'href="{html_name}"' in nav, f"{title} ({html_name}) missing from the navigation"


def test_every_page_is_in_the_navigation(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    nav = home.split('class="md-nav md-nav--primary"', 1)[1].split("md-sidebar--secondary", 1)[0]
    for page in (ROOT / "docs").rglob("*.md"):
        if page.name == "index.md":
            continue
        html_name = page.relative_to(ROOT / "docs").with_suffix(".html").as_posix()
        assert f'href="{html_name}"' in nav, html_name
    for generated in ("commands.html", "legacy.html", "print/index.html"):
        assert f'href="{generated}"' in nav


def test_mkdocs_yml_keeps_no_hand_written_page_list():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    assert "nav" not in config


def test_no_page_loads_anything_from_another_host(site):
    for page in pages(site):
        foreign = [u for u in parse(page).loads if re.match(r"^(https?:)?//", u)]
        assert foreign == [], f"{page.relative_to(site)} loads {foreign}"


def test_every_page_has_its_own_meta_description(site):
    descriptions = {}
    for page in pages(site):
        if page.name == "404.html":
            continue
        description = parse(page).meta.get("description", "")
        assert 50 <= len(description) <= 200, f"{page.relative_to(site)}: {description!r}"
        descriptions[page] = description
    assert len(set(descriptions.values())) == len(descriptions), "descriptions repeat"


def test_every_page_has_a_content_security_policy_and_outside_links_get_noopener(site):
    for page in pages(site):
        text = page.read_text(encoding="utf-8")
        assert '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'' in text, page
        for href, rel in parse(page).links:
            if href.startswith(("http://", "https://")) and "md-source" not in href:
                assert "noopener" in rel, f"{page.relative_to(site)}: {href}"


def test_every_inline_script_of_every_page_is_allowed_by_its_policy(site):
    """The theme's inline scripts are allowed by hash, one by one (cheatsheet/harden.py): a
    Material release that changes one would leave it refused, and the palette or tabs broken."""
    found = 0
    for page in pages(site):
        text = page.read_text(encoding="utf-8")
        policy = text.split('http-equiv="Content-Security-Policy" content="', 1)[1].split('"', 1)[0]
        for attrs, body in re.findall(r"<script((?:\s[^>]*)?)>(.*?)</script>", text, re.S):
            if "src=" in attrs or "application/json" in attrs:
                continue
            digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in policy, f"{page.relative_to(site)}: {body[:80]}"
            found += 1
    assert found >= 2 * len(pages(site)), found  # the storage helpers and the palette, at least


def test_every_link_inside_the_site_reaches_its_page_and_anchor(site):
    # Command links, related topics and the generated pages' entries are written as HTML by
    # the hooks, past MkDocs' own link validation: this is what checks them.
    parsed = {page: parse(page) for page in pages(site)}
    broken = []
    for page, found in parsed.items():
        for href, _ in found.links:
            if re.match(r"^[a-z][a-z0-9+.-]*:|^//", href, re.I) or page.name == "404.html":
                continue  # outside links; the 404 page links from the site's root, wherever it is served
            path, _, fragment = href.partition("#")
            target = (page.parent / path).resolve() if path else page
            if target.is_dir():
                target = target / "index.html"
            if target not in parsed:
                if target.suffix != ".html" and target.is_file():
                    continue  # a download, such as the offline zip
                broken.append(f"{page.relative_to(site)}: {href} (no such page)")
            elif fragment and fragment not in parsed[target].ids:
                broken.append(f"{page.relative_to(site)}: {href} (no such anchor)")
    assert "\n".join(broken) == ""


def test_topic_pages_have_edit_links_prev_next_and_related_topics(site):
    html = (site / "containers.html").read_text(encoding="utf-8")
    assert "edit/main/docs/containers.md" in html
    assert 'rel="prev"' in html and 'rel="next"' in html
    related = html.split('id="related-topics"', 1)[1]
    assert len(re.findall(r'<li><a href="[a-z-]+\.html"', related.split("</ul>", 1)[0])) >= 2


def test_related_topics_are_navigation_not_search_results_or_print_content(site):
    # A search for a topic should not list every page's "Related topics" box; the printable
    # sheet holds every topic already.
    search = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Related topics" not in search
    assert "Related topics" not in (site / "print" / "index.html").read_text(encoding="utf-8")
    html = (site / "volumes.html").read_text(encoding="utf-8")
    assert '<nav class="cs-related" aria-labelledby="related-topics">' in html


def test_prev_next_follow_front_matter_order(site):
    html = (site / "containers.html").read_text(encoding="utf-8")
    prev = re.search(r'<a href="([^"]+)" class="md-footer__link md-footer__link--prev"', html)
    after = re.search(r'<a href="([^"]+)" class="md-footer__link md-footer__link--next"', html)
    assert prev and after, "the page has previous and next links"
    assert (prev.group(1), after.group(1)) == ("installation.html", "images.html")


def test_a_404_page_exists(site):
    assert "404" in (site / "404.html").read_text(encoding="utf-8")


def test_at_least_150_docker_command_examples(site):
    from cheatsheet import catalog
    from cheatsheet.catalog_checks import check_page
    from cheatsheet.page import scan

    catalogue = catalog.load()
    examples = 0
    for page in (ROOT / "docs").rglob("*.md"):
        report = check_page(scan(page.name, page.read_text(encoding="utf-8")), catalogue)
        examples += sum(1 for use in report.uses if use.in_block)
    assert examples >= 150


def test_inline_commands_link_to_their_index_entry(site):
    html = (site / "containers.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="commands\.html#docker-container-ls"><code>docker ps</code></a>', html)


def test_command_index_lists_aliases_descriptions_reference_and_places(site):
    html = (site / "commands.html").read_text(encoding="utf-8")
    # One table: a row per command (its anchor as the row's id), a row per group.
    assert html.count("<table>") == 1 and "<h3" not in html
    entry = html.split('<tr id="docker-container-ls"', 1)[1].split("</tr>", 1)[0]
    cells = re.findall(r"<td(?: data-label=\"[^\"]+\")?>(.*?)</td>", entry)
    assert len(cells) == 5, cells  # command · aliases · what it does · since (Engine) · where it is used
    assert "<code>docker ps</code>" in cells[1] and "<code>docker container list</code>" in cells[1]
    assert 'href="https://docs.docker.com/reference/cli/docker/container/ls/"' in cells[0]
    assert cells[3] == "", "nothing newer than the floor (Engine 20.10) is used with it"
    assert 'href="containers.html#' in cells[4]
    assert re.match(r"[A-Z][^<]{10,}", cells[2]), "a description in the site's own words"
    groups = re.findall(r'<tr class="cs-index__group" id="([a-z-]+)"', html)
    assert groups[:1] == ["builder"] and "container" in groups and groups[-1] == "top-level-commands"
    assert groups == [*sorted(groups[:-1]), "top-level-commands"]
    # An alias nobody types (data/index-hidden-aliases.yaml) is not shown.
    assert "<code>docker buildx b</code>" not in html and "<code>docker build</code>" in html


def test_a_legacy_date_is_shown_as_a_date_only_when_it_is_one():
    july = '<time datetime="2023-07">July 2023</time>'
    assert legacy_map._when("2023-07 (end of updates)") == (july, "end of updates")
    assert legacy_map._when("2023-12") == ('<time datetime="2023-12">December 2023</time>', "")
    # A month that is none is kept as the words it is, not lost or turned into a traceback.
    assert legacy_map._when("2023-13") == ("", "2023-13") and legacy_map._when("2023-00") == ("", "2023-00")


def test_legacy_map_lists_features_with_versions_and_is_linked_from_legacy_marks(site):
    legacy = (site / "legacy.html").read_text(encoding="utf-8")
    assert 'id="maintainer-dockerfile-instruction"' in legacy
    assert "<td>1.13</td>" in legacy and "LABEL org.opencontainers.image.authors" in legacy
    dockerfile = (site / "dockerfile.html").read_text(encoding="utf-8")
    assert 'href="legacy.html#maintainer-dockerfile-instruction"' in dockerfile


def test_destructive_examples_carry_a_visible_warning(site):
    html = (site / "cleanup.html").read_text(encoding="utf-8")
    assert html.count('data-destructive="true"') >= 3
    assert "<strong>Destructive:</strong>" in html
    safe = (site / "installation.html").read_text(encoding="utf-8")
    assert 'data-destructive="true"' not in safe


NEW_PAGES = ("swarm.md",)


def prepare_new_page(project):
    (project / "docs" / "swarm.md").write_text(
        "---\ntitle: Swarm mode\ndescription: Turn a group of Docker engines into a swarm and run "
        "services across it.\nsection: operate\norder: 60\n"
        "sheet:\n  docker swarm init: make this engine a swarm manager\n---\n\n# Swarm mode\n\nA short page.\n\n"
        "## Lifecycle\n\n```bash\ndocker swarm init --advertise-addr 192.0.2.10   # on the first manager\n```\n",
        encoding="utf-8",
    )


def test_a_new_page_needs_no_other_file_to_join_nav_index_and_search(batched_variant):
    build = batched_variant("clean", "new-page")  # built with other pages that build clean
    assert build.returncode == 0 and build.warnings == [], build.output
    site = build.site
    nav = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="swarm.html"' in nav and "Swarm mode" in nav
    index = (site / "commands.html").read_text(encoding="utf-8")
    entry = index.split('id="docker-swarm-init"', 1)[1].split("<h3", 1)[0]
    assert "Make this engine the first manager of a new swarm." in entry  # data/meanings.yaml
    assert 'href="swarm.html#lifecycle"' in entry
    search = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"location":"swarm.html#lifecycle"' in search and "xflagadvertiseaddr" in search
    sheet = (site / "sheet" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="\.\./swarm\.html#lifecycle"><code[^>]*>docker swarm init</code>', sheet)


def _search_sections(content: str) -> list[tuple]:
    """What Material's search plugin reads of a page's content, as the index's fields use it:
    each section's id and title, its code blocks as written, and its text with white space
    collapsed (search.body and search.preview read nothing else)."""
    from material.plugins.search.plugin import Parser

    parser = Parser()
    parser.feed(content)
    parser.close()
    sections = []
    for section in parser.data:
        text = "".join(section.text)
        sections.append((section.id, "".join(section.title), re.findall(r"<pre>.*?</pre>", text, re.S), text.split()))
    return sections


def test_search_reads_a_copy_without_the_markup_it_drops_and_indexes_the_same(site):
    """The hooks hand Material's search a reading copy of each page (search.reading_copy), which
    it parses in a third of the time; what the index is made of must not change, on any page."""
    from cheatsheet.search import reading_copy

    pages = [p for p in sorted(site.rglob("*.html")) if "<article" in p.read_text(encoding="utf-8")]
    assert len(pages) > 15
    tags = copy_tags = 0
    for path in pages:
        page = path.read_text(encoding="utf-8")
        content = page[page.index("<article") : page.rindex("</article>")]
        copy = reading_copy(content)
        assert _search_sections(copy) == _search_sections(content), path.name
        tags, copy_tags = tags + content.count("<"), copy_tags + copy.count("<")
    assert copy_tags < tags / 3, (copy_tags, tags)  # what makes it fast: most tags are left out
    # A page with an element search must skip keeps its markup, but for its code's highlighting.
    skipped = (
        '<p><a href="x.html" data-search-exclude="">secret</a> and <strong>bold</strong></p>'
        '<pre><code><span class="nb">docker</span> ps</code></pre>'
    )
    assert reading_copy(skipped) == skipped.replace('<span class="nb">docker</span>', "docker")
