"""Front matter a hostile pull request could write. Title and description are plain text: markup
fails the build naming the line; quotes are allowed and escaped wherever the theme writes them
(its templates do not escape), so nothing breaks out of an attribute. YAML aliases and oversized
front matter are refused before anything expands them."""

from __future__ import annotations

import html
import itertools
import json

import pytest
import yaml
from hostile import SECTION, SHEET, visit_all

from cheatsheet import data_schemas
from cheatsheet.data_files import DATA
from cheatsheet.front_matter import PAGE_KEYS, THEME_KEYS

BOMB_LEVELS = "abcdefghi"


def alias_bomb() -> str:
    """The classic "billion laughs" in YAML: nine levels of nine aliases, about 360 bytes that
    stand for 9^9 strings once anything reads the title as text."""
    lines = ['title: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in itertools.pairwise(BOMB_LEVELS):
        lines.append(f"{name}: &{name} [{','.join(['*' + previous] * 9)}]")
    return "\n".join(lines)


def front_matter(order: int, title: str, description: str = "A page a hostile pull request adds.") -> str:
    return (
        f"---\ntitle: {title}\ndescription: {description}\nsection: {SECTION}\norder: {order}\n{SHEET}---\n\n"
        "# Page\n\nList them with `docker container ls`.\n"
    )


# name -> (page text, line the error must name)
REFUSED: dict[str, tuple[str, int]] = {
    "title-script": (front_matter(801, "<script>window.pwned = 'title'</script>"), 2),
    "title-entity": (front_matter(802, '"Tom &lt;b&gt; Jerry"'), 2),
    "title-backticks": (front_matter(803, "The `docker` command"), 2),
    "title-control": (front_matter(804, '"bell\\a here"'), 2),
    "title-not-text": (front_matter(805, "[one, two]"), 2),
    # The third attacker's: "Tips" in Cyrillic letters, a second "Tips" in every navigation.
    "title-lookalike": (front_matter(809, "\u0422\u0456\u0440\u0455"), 2),
    "title-equals": (front_matter(810, '"Quote\\" onmouseover=\\"x"'), 2),
    "description-script": (front_matter(806, "Fine", "Fine <img src=x onerror=window.pwned=1>"), 3),
    "alias-bomb": (f"---\n{alias_bomb()}\n---\n\n# Bomb\n\nText.\n", 2),
    "oversized": (front_matter(807, "Big", "x" * 5000), 1),
    # A value YAML reads as a date that Python cannot make: a ValueError once stopped the build
    # without naming the page (the eleventh attacker's hit 12 in a data file; the same loader).
    "description-not-a-date": (front_matter(812, "Dated", "2026-02-30"), 3),
}
# Quotes are text: allowed, and escaped wherever they are written. (A title is written with the
# title allow-list, characters.TITLE_PATTERN: quotes and parentheses, no `=`; without a value,
# an attribute that broke out would still be found by `[onmouseover]`.)
QUOTE_TITLE = "Quote\" onmouseover \"window.pwned('title')"
QUOTE_DESCRIPTION = 'Look" http-equiv="refresh" content="0;url=https://evil.example/'
ALLOWED = {"quotes": front_matter(808, json.dumps(QUOTE_TITLE), json.dumps(QUOTE_DESCRIPTION))}  # YAML "…"
# The fifth attacker's: keys Material's templates write unescaped (a subtitle into every page's
# navigation, an author into <head>, a layout whose inline script takes `location`), allowed by
# one line each in data/front-matter.yaml, with its schema loosened in the same pull request.
THEME_KEYS_ADDED = {
    "template": "the page's layout",
    "location": "where a moved page now lives",
    "subtitle": "a few words under the title",
    "author": "who wrote the page",
}
THEME_KEYS_PAGE = (
    "---\ntitle: Keys for the theme\ndescription: A page a hostile pull request adds.\n"
    f"section: {SECTION}\norder: 811\n"
    "template: redirect.html\nlocation: 'containers.html\",window.pwned=1,\"'\n"
    "subtitle: '<span class=\"cs-update\">A new version</span><style>.md-content{display:none}</style>'\n"
    "author: 'Jane\"><script>window.pwned=2</script><meta name=\"x'\n"
    f"{SHEET}---\n\n# Page\n\nList them with `docker container ls`.\n"
)


@pytest.fixture(scope="module")
def build(shared_variant):
    def prepare(project):
        for name, (text, _) in REFUSED.items():
            (project / "docs" / f"hostile-{name}.md").write_text(text)
        for name, text in ALLOWED.items():
            (project / "docs" / f"hostile-{name}.md").write_text(text)
        keys = project / "data" / "front-matter.yaml"
        keys.write_text(
            keys.read_text().replace(
                "optional:\n",
                "optional:\n" + "".join(f"  {key}: {meaning}\n" for key, meaning in THEME_KEYS_ADDED.items()),
            )
        )
        schema = project / "data" / "schemas" / "front-matter.schema.json"
        loosened = json.loads(schema.read_text())
        for part in loosened["properties"].values():
            part.pop("propertyNames", None)
        schema.write_text(json.dumps(loosened))
        (project / "docs" / "hostile-theme-keys.md").write_text(THEME_KEYS_PAGE)

    return shared_variant("hostile-front-matter", prepare)


def test_keys_a_data_file_allows_never_reach_the_themes_templates(build):
    """Only title, description, icon and hide reach Material's templates, whatever the data file
    and its schema allow: no redirect, no subtitle in any navigation, no author in <head>."""
    assert not [w for w in build.warnings if "hostile-theme-keys.md" in w], build.warnings
    for name in ("hostile-theme-keys", "index", "containers"):
        text = (build.site / f"{name}.html").read_text(encoding="utf-8")
        assert (
            "pwned=1" not in text
            and "pwned=2" not in text
            and "A new version</span>" not in text
            and 'name="author"' not in text
        ), name
    page = (build.site / "hostile-theme-keys.html").read_text(encoding="utf-8")
    assert "window.location.replace" not in page and 'class="md-content"' in page  # the page, not a redirect


def test_the_keys_the_build_reads_are_the_keys_the_data_file_and_its_schema_allow():
    """front_matter.PAGE_KEYS is what the build reads; the data file documents each, its schema
    names exactly these, and the theme's keys are among them."""
    schema = json.loads(data_schemas.schema_path(DATA / "front-matter.yaml").read_text(encoding="utf-8"))
    named = {key for part in schema["properties"].values() for key in part["propertyNames"]["enum"]}
    documented = yaml.safe_load((DATA / "front-matter.yaml").read_text(encoding="utf-8"))
    assert named == set(PAGE_KEYS) == {*documented["required"], *documented["optional"]}
    assert set(THEME_KEYS) <= set(PAGE_KEYS)


def test_a_key_the_build_does_not_read_is_refused_in_the_data_file(tmp_path):
    (tmp_path / "schemas").mkdir()
    schema = data_schemas.schema_path(DATA / "front-matter.yaml")
    (tmp_path / "schemas" / schema.name).write_bytes(schema.read_bytes())
    path = tmp_path / "front-matter.yaml"
    text = (DATA / "front-matter.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("optional:\n", "optional:\n  author: who wrote the page\n"))
    found = data_schemas.check_file(path, "data/front-matter.yaml")
    assert len(found) == 1 and found[0].line == text.splitlines().index("optional:") + 1, found
    assert "author" in found[0].message, found


def test_alias_bomb_is_a_few_hundred_bytes():
    assert len(alias_bomb()) < 400


@pytest.mark.parametrize("name", list(REFUSED))
def test_refused_front_matter_names_file_and_line(build, name):
    _, line = REFUSED[name]
    assert build.returncode != 0
    expected = f"docs/hostile-{name}.md:{line}:"
    assert any(expected in warning for warning in build.warnings), (expected, build.warnings)
    assert "Traceback" not in build.output


def test_alias_bomb_never_expands(build):
    size = sum(path.stat().st_size for path in build.site.rglob("*") if path.is_file())
    assert size < 30 * 2**20  # the bomb expanded once would write gigabytes
    assert "lollol" not in (build.site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert not (build.site / "hostile-alias-bomb.html").exists()


def test_quotes_in_title_and_description_build_quietly(build):
    assert not [w for w in build.warnings if "hostile-quotes.md" in w]


SHOWING = ["hostile-quotes", "index", "containers", "hostile-title-script"]


@pytest.fixture(scope="module")
def visited(build, browser):
    """The pages that show the front matter, visited together (visit_all waits once per batch)."""
    return dict(zip(SHOWING, visit_all(browser, [build.site / f"{name}.html" for name in SHOWING]), strict=True))


@pytest.mark.browser
@pytest.mark.xdist_group("front-matter-visits")
@pytest.mark.parametrize("name", SHOWING)
def test_pages_showing_the_front_matter_run_nothing(visited, name):
    """The page itself and its neighbours (navigation, footer) run nothing and stay put."""
    seen = visited[name]
    assert seen.harmless(), seen


@pytest.mark.browser
def test_quoted_text_is_shown_as_written(build, browser):
    page = browser.new_page()
    try:
        page.goto((build.site / "hostile-quotes.html").as_uri())
        assert page.title().startswith(QUOTE_TITLE)
        description = page.locator('meta[name="description"]')
        assert description.count() == 1 and description.get_attribute("content") == QUOTE_DESCRIPTION
        assert page.locator("meta[http-equiv=refresh]").count() == 0
        assert page.locator(".md-nav__link", has_text=QUOTE_TITLE).count() >= 1
        assert page.locator("[onmouseover]").count() == 0
    finally:
        page.close()


def test_refused_title_is_escaped_in_the_page_it_names(build):
    text = (build.site / "hostile-title-script.html").read_text(encoding="utf-8")
    assert "<script>window.pwned" not in text
    assert html.escape("<script>window.pwned = 'title'</script>", quote=False) in text
