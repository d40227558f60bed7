"""scripts/compare_builders.py, which CI runs with MkDocs and ProperDocs: it ignores exactly what
differs by design (the generator tag, the zip's size on the home page, the service worker's
revision hashes, the zip's bytes) and reports any other difference, with the file and line."""

from __future__ import annotations

import importlib.util
import zipfile
from pathlib import Path

from conftest import ROOT

_spec = importlib.util.spec_from_file_location("compare_builders", ROOT / "scripts" / "compare_builders.py")
assert _spec is not None and _spec.loader is not None
compare = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(compare)

PAGE = (
    '<html><head><meta name="generator" content="{builder}"></head><body><h1>{title}</h1>'
    '<span class="cs-download-size">(zip, {size} KB)</span></body></html>\n'
)


def site(root: Path, builder: str, title: str = "Containers", size: int = 696) -> Path:
    root.mkdir()
    html = PAGE.format(builder=builder, title=title, size=size)
    (root / "index.html").write_text(html, encoding="utf-8")
    (root / "sw.js").write_text(f'[{{"url":"index.html","revision":"{abs(hash(builder)):x}"}}]', encoding="utf-8")
    with zipfile.ZipFile(root / "site.zip", "w") as archive:
        archive.writestr(zipfile.ZipInfo("site/index.html", (2024, 1, 1, 0, 0, 0)), html)
    return root


def test_the_generator_tag_and_what_follows_from_it_are_not_differences(tmp_path):
    first = site(tmp_path / "a", "mkdocs-1.6.1, mkdocs-material-9.8.1")
    second = site(tmp_path / "b", "mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.1", size=697)
    assert (first / "site.zip").read_bytes() != (second / "site.zip").read_bytes()
    assert compare.differences(first, second) == []


def test_any_other_difference_is_reported_with_its_line(tmp_path):
    first = site(tmp_path / "a", "mkdocs-1.6.1")
    second = site(tmp_path / "b", "mkdocs-ProperDocs 1.6.7", title="Kontainers")
    (second / "extra.css").write_text("body {}", encoding="utf-8")
    found = compare.differences(first, second)
    assert any(line.startswith("index.html differs: ") and "Containers" in line for line in found), found
    assert any(line.startswith("site.zip!site/index.html differs") for line in found), found
    assert any(line.endswith("extra.css") and line.startswith("only in") for line in found), found
