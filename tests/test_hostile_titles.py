"""Titles the navigation shows, on every page: a page's `title:` and a section's title in
data/sections.yaml. The site is written in English, so they are an allow-list (ASCII letters and
digits, spaces, a few punctuation marks): a title of lookalike letters of another script (the
third attacker's "Tips" in Cyrillic) was no mixed word, passed the duplicate-title check and put a
second "Tips" in every page's navigation. Each refused character is named, with what to write."""

from __future__ import annotations

import json
import unicodedata

import pytest

from cheatsheet import catalog, characters, data_schemas, navigation
from cheatsheet.data_files import DATA
from cheatsheet.generated import PAGES
from cheatsheet.site import build_site
from tooling.harness import ROOT

# The attacker's page, as the report gives it: order 49 puts it before the real Tips (50).
ATTACKER_PAGE = """---
title: \u0422\u0456\u0440\u0455
section: operate
order: 49
icon: material/lightbulb-on-outline
---

# \u0422\u0456\u0440\u0455

Short tips for everyday Docker use.

```bash
docker container ls
```
"""

# Lookalikes of "Tips" (and of other titles) from other scripts and other Unicode blocks, each with
# the character the message must name first.
LOOKALIKES = {
    "cyrillic": ("\u0422\u0456\u0440\u0455", "\u0422"),
    "greek": ("\u03a4ips", "\u03a4"),  # GREEK CAPITAL LETTER TAU
    "cherokee": ("\u13a2ips", "\u13a2"),  # CHEROKEE LETTER I, a T to a reader
    "armenian": ("Tip\u057d", "\u057d"),  # ARMENIAN SMALL LETTER SEH, an s
    "latin lookalike": ("T\u0131ps", "\u0131"),  # LATIN SMALL LETTER DOTLESS I: Latin, not ASCII
    "full width": ("\uff34ips", "\uff34"),
    "mathematical": ("\U0001d413ips", "\U0001d413"),  # MATHEMATICAL BOLD CAPITAL T
    "accented": ("Caf\u00e9 tips", "\u00e9"),
    "typographic apostrophe": ("Docker\u2019s tips", "\u2019"),
    "en dash": ("Tips \u2013 tricks", "\u2013"),
    "emoji": ("Tips \U0001f433", "\U0001f433"),
    "no-break space": ("Tips\u00a0and tricks", "\u00a0"),
    "combining mark": ("Ti\u0301ps", "\u0301"),
    "equals": ("a = b", "="),
}


def problems_of(pages: dict[str, str]) -> list[str]:
    return [str(p) for p in build_site(pages, catalog.load()).problems]


@pytest.mark.parametrize("case", list(LOOKALIKES))
def test_a_title_outside_the_allow_list_is_refused_naming_the_character(case):
    title, char = LOOKALIKES[case]
    found = problems_of({"fake.md": f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n\n# Page\n\nText.\n"})
    named = f"U+{ord(char):04X} ({unicodedata.name(char)})"
    mine = [p for p in found if p.startswith("docs/fake.md:2: the title has") and named in p]
    assert len(mine) == 1, found
    assert " — " in mine[0] and "Latin letters A to Z" in mine[0]


def refused(title: str) -> tuple[str, str]:
    found = characters.title_problem(title)
    assert found is not None, title
    return found


def test_the_fix_says_what_to_write():
    assert refused("Caf\u00e9")[1] == "write `e` instead"
    assert refused("Docker\u2019s")[1] == "write `'` instead"
    assert "English keyboard" in refused("\u0422ips")[1]
    assert "`\u202e`" not in refused("a\u202eb")[0]  # an override is named, not printed


def test_every_title_the_site_shows_is_within_the_allow_list():
    titles = [s["title"] for s in navigation.load_sections()]
    for page in sorted((ROOT / "docs").glob("*.md")):
        meta = page.read_text(encoding="utf-8").split("---\n")[1]
        titles += [line.removeprefix("title: ") for line in meta.splitlines() if line.startswith("title: ")]
    titles += [generated.nav_title for generated in PAGES]
    assert len(titles) > 25
    assert [t for t in titles if characters.title_problem(t)] == []


def test_the_section_titles_schema_uses_the_same_allow_list():
    schema = json.loads((DATA / "schemas" / "sections.schema.json").read_text(encoding="utf-8"))
    assert schema["items"]["properties"]["title"]["pattern"] == characters.TITLE_PATTERN


@pytest.mark.parametrize("case", ["cyrillic", "greek", "emoji", "typographic apostrophe"])
def test_a_section_title_outside_the_allow_list_is_refused_naming_the_character(tmp_path, case):
    title, char = LOOKALIKES[case]
    (tmp_path / "schemas").mkdir()
    schema = data_schemas.schema_path(DATA / "sections.yaml")
    (tmp_path / "schemas" / schema.name).write_bytes(schema.read_bytes())
    text = (DATA / "sections.yaml").read_text(encoding="utf-8").replace("title: More topics", f"title: {title}")
    (tmp_path / "sections.yaml").write_text(text, encoding="utf-8")
    found = [str(p) for p in data_schemas.check_file(tmp_path / "sections.yaml", "data/sections.yaml")]
    line = text.splitlines().index(f"  title: {title}") + 1
    named = f"U+{ord(char):04X} ({unicodedata.name(char)}) is not allowed there"
    mine = [p for p in found if p.startswith(f"data/sections.yaml:{line}: `[4].title`") and named in p]
    assert len(mine) == 1, found  # (a word that mixes scripts is also reported as such)


def test_titles_the_site_font_draws_alike_are_the_same_title():
    """Within the allow-list, a capital I is a small l to a reader, 0 an O, rn an m."""
    body = "\n# Page\n\nText about containers.\n"
    found = problems_of(
        {
            "a.md": "---\ntitle: Cleaning up\n---\n" + body,
            "b.md": "---\ntitle: CIeaning up\n---\n" + body,  # a capital I
            "c.md": "---\ntitle: Modern tips\n---\n" + body,
            "d.md": "---\ntitle: Modem tips\n---\n" + body,  # rn against m, the other way round
            "e.md": "---\ntitle: Tips\n---\n" + body,
            "f.md": "---\ntitle: TIPS\n---\n" + body,  # the same title, by case
        }
    )
    assert any(p.startswith("docs/b.md:2: the title “CIeaning up” looks like the title of docs/a.md") for p in found)
    assert any(p.startswith("docs/a.md:2: the title “Cleaning up” looks like the title of docs/b.md") for p in found)
    assert any(p.startswith("docs/d.md:2: the title “Modem tips” looks like the title of docs/c.md") for p in found)
    assert any(p.startswith("docs/f.md:2: the title “TIPS” is also the title of docs/e.md") for p in found), found
    assert not [p for p in found if "docs/e.md" in p and "looks like" in p], found  # said once, as the same title


def test_a_page_titled_like_a_built_page_is_refused():
    """The fifth attacker's: a page titled "Command index" sat above the real one in every
    navigation, linking elsewhere. The built pages' titles count as taken."""
    body = "\n# Page\n\nText about containers.\n"
    found = problems_of(
        {
            "list.md": "---\ntitle: Command index\nsection: reference\norder: 1\n---\n" + body,
            "explaining.md": "---\ntitle: ExpIain a command\n---\n" + body,  # a capital I
        }
    )
    assert any(
        p.startswith("docs/list.md:2: the title “Command index” is also the title of the built page commands.md")
        for p in found
    ), found
    assert any(
        p.startswith("docs/explaining.md:2: the title “ExpIain a command” looks like the title of the built page")
        for p in found
    ), found


ATTACKER_PAGES = ("tips-and-tricks.md",)


def prepare_attacker(project):
    (project / "docs" / "tips-and-tricks.md").write_text(ATTACKER_PAGE, encoding="utf-8")


def test_the_attackers_page_fails_the_build_naming_the_character(batched_variant):
    # Built with other pages whose problems lie on their own pages; their lines are left out.
    build = batched_variant("own-pages", "attacker-title")
    assert build.returncode != 0 and "Traceback" not in build.output
    expected = "docs/tips-and-tricks.md:2: the title has `\u0422` U+0422 (CYRILLIC CAPITAL LETTER TE)"
    assert any(w.split(" -  ", 1)[-1].startswith(expected) for w in build.warnings), build.output[-3000:]
