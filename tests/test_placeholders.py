"""Placeholders mean one thing each (issue #25): every `<name>` the site's code or cheat sheet uses
is declared once in data/placeholders.yaml with its expected form and an example, and one that is
not declared fails the build with its page, line and the declared names."""

from __future__ import annotations

import json
import re

from conftest import ROOT

from cheatsheet import catalog as catalog_module
from cheatsheet import placeholders
from cheatsheet.page import scan
from cheatsheet.site import build_site

DOCS = ROOT / "docs"


def problems_of(text: str) -> list[str]:
    return [str(p) for p in placeholders.check_page(scan("docs/t.md", text, "t.md"), placeholders.load())]


def test_every_declaration_has_a_form_and_an_example():
    declared = placeholders.load()
    assert declared.problems == []
    for name in ("container", "image", "repository", "tag", "digest", "registry", "account"):
        entry = declared.by_name[name]
        assert entry.form and entry.example, name
    # One meaning each: <image> is a whole reference, <repository> and <tag> its parts.
    assert ":" in declared.by_name["image"].example
    assert ":" not in declared.by_name["repository"].example
    assert "tag" in declared.by_name["image"].form


def test_an_undeclared_placeholder_is_reported_with_page_line_and_the_declared_names():
    text = "---\ntitle: T\n---\n\n# T\n\n```bash\ndocker container logs <id>\n```\n"
    found = problems_of(text)
    assert len(found) == 1
    assert found[0].startswith("docs/t.md:8: `<id>` is not a declared placeholder")
    assert "<container>" in found[0] and "<image>" in found[0] and "data/placeholders.yaml" in found[0]


def test_sheet_entries_are_checked_and_output_and_email_addresses_are_not():
    text = (
        "---\ntitle: T\nsheet:\n  docker container stop <ctr>: stop it\n---\n\n# T\n\n"
        "```console\n$ docker image ls\n<none>   <none>   0123abcd\n```\n\n"
        '```dockerfile\nLABEL org.opencontainers.image.authors="Jane <jane@example.com>"\n```\n'
    )
    found = problems_of(text)
    assert [f.split(": ", 1)[0] for f in found] == ["docs/t.md:4"]
    assert "`<ctr>`" in found[0]


def test_the_real_pages_use_declared_placeholders_only_and_image_is_never_given_a_tag():
    sources = {p.name: p.read_text(encoding="utf-8") for p in sorted(DOCS.glob("*.md"))}
    site = build_site(sources, catalog_module.load())
    assert [str(p) for p in site.problems if "placeholder" in p.message] == []
    # Filling <image> with `nginx:1.29` must never give `nginx:1.29:<tag>`.
    for name, text in sources.items():
        assert not re.search(r"<image>[:@]\S", text), name


def test_the_panel_data_lists_every_declaration_in_order_as_json():
    declared = placeholders.load()
    data = placeholders.panel_json(declared)
    assert data.startswith('[{"name":"container","form":')
    assert [d["name"] for d in json.loads(data)] == list(declared.by_name)


def test_a_broken_declaration_is_reported_not_raised(tmp_path):
    (tmp_path / "placeholders.yaml").write_text("container:\n  form: [x]\nBad Name:\n  form: x\n  example: y\n")
    found = [str(p) for p in placeholders.load(tmp_path).problems]
    assert found[0].startswith("data/placeholders.yaml:1: `container` needs a `form`")
    assert found[1].startswith("data/placeholders.yaml:3: `Bad Name` is not a placeholder name")
    (tmp_path / "placeholders.yaml").write_text("a: [\n")
    assert "cannot be read" in str(placeholders.load(tmp_path).problems[0])
