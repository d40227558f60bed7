"""Files a hostile pull request could put in docs/: HTML, scripts, style sheets and SVG with
scripts would be published without the pages' checks or CSP; symbolic links would publish any
file of the build machine, and directory links send MkDocs out of docs/ or round a loop. Each is
a build error naming the file, and none of it is published."""

from __future__ import annotations

import os
import zlib
from pathlib import Path

import pytest
from conftest import run_build
from hostile import page_text

from cheatsheet import docs_files
from tooling.harness import copy_project


def png() -> bytes:
    """A real one-pixel PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")

    header = (1).to_bytes(4, "big") * 2 + bytes([8, 2, 0, 0, 0])
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0\0\0\0")) + chunk(b"IEND", b"")
    )


SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">'
    "\n{}\n</svg>\n"
)
CLEAN_SVG = SVG.format('<rect width="10" height="10" fill="#336"/>\n<use href="#r"/>')
# name -> (content, line of the error)
BAD_SVGS = {
    "script.svg": (SVG.format("<script>window.pwned = 1</script>"), 2),
    "handler.svg": (SVG.format('<rect width="10" height="10" onclick="window.pwned = 1"/>'), 2),
    "foreign.svg": (SVG.format('<foreignObject><iframe src="https://evil.example/"/></foreignObject>'), 2),
    "external.svg": (SVG.format('<image xlink:href="https://evil.example/track.png"/>'), 2),
    "link.svg": (SVG.format('<a href="javascript:alert(1)"><rect width="1" height="1"/></a>'), 2),
    "css.svg": (SVG.format("<style>@import url(https://evil.example/x.css);</style>"), 2),
    "animate.svg": (SVG.format('<a><set attributeName="href" to="javascript:alert(1)"/></a>'), 2),
    "entities.svg": ('<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "lol">]>\n<svg>&a;</svg>', 2),
    "broken.svg": ("<svg><rect></svg>", 1),
}
FILES = {
    "evil.html": "<script>window.pwned = 1</script>",
    "evil.js": "window.pwned = 1",
    "evil.css": "body { display: none }",
    "notes.txt": "plain text",
    "assets/javascripts/extra.js": "window.pwned = 1",
}
LINKS = {"passwd.md": "/etc/passwd", "hostname.png": "/etc/hostname", "self.md": "self.md", "gone.png": "missing.png"}


def populate(docs: Path) -> None:
    for name, text in FILES.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text)
    for name, (text, _) in BAD_SVGS.items():
        (docs / name).write_text(text)
    for name, target in LINKS.items():
        os.symlink(target, docs / name)
    (docs / "404.md").write_text(page_text("Not found", 990, "# Gone\n\nNothing here.\n"))
    (docs / "images").mkdir()
    (docs / "images" / "clean.svg").write_text(CLEAN_SVG)
    (docs / "images" / "pixel.png").write_bytes(png())


@pytest.fixture(scope="module")
def files_build(shared_variant):
    def prepare(project: Path) -> None:
        populate(project / "docs")
        (project / "docs" / "pictures.md").write_text(
            page_text("Pictures", 991, "# Pictures\n\n![A square](images/clean.svg)\n\n![A pixel](images/pixel.png)\n")
        )

    return shared_variant("hostile-files", prepare)


def refused_names() -> list[str]:
    return [*FILES, *BAD_SVGS, *LINKS, "404.md"]


@pytest.mark.parametrize("name", refused_names())
def test_refused_file_is_named_and_not_published(files_build, name):
    line = BAD_SVGS[name][1] if name in BAD_SVGS else 1
    assert files_build.returncode != 0
    assert any(f"docs/{name}:{line}:" in w for w in files_build.warnings), (name, files_build.warnings)
    published = files_build.site / (name[: -len(".md")] + ".html" if name.endswith(".md") else name)
    if name == "404.md":
        assert "Nothing here" not in published.read_text(encoding="utf-8")  # the theme's 404 page stays
    else:
        assert not published.exists()
    assert "Traceback" not in files_build.output


def test_nothing_of_the_build_machine_is_published(files_build):
    secret = Path("/etc/passwd").read_text().splitlines()[0]
    for path in files_build.site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".js", ".xml", ".md", ".png"}:
            assert secret not in path.read_text(encoding="utf-8", errors="replace"), path


def test_images_and_clean_svg_are_published(files_build):
    assert not [w for w in files_build.warnings if "images/" in w or "pictures.md" in w]
    assert (files_build.site / "images" / "clean.svg").read_text() == CLEAN_SVG
    assert (files_build.site / "images" / "pixel.png").read_bytes() == png()


def test_directory_links_stop_the_build_before_mkdocs_follows_them(tmp_path):
    project = copy_project(tmp_path / "project")
    docs = project / "docs"
    os.symlink("/etc", docs / "etc")
    (docs / "loops").mkdir()
    os.symlink("..", docs / "loops" / "up")  # MkDocs would walk docs/loops/up/loops/up/… for minutes
    os.symlink("down", docs / "loops" / "down")  # a link to itself
    build = run_build(project, project / "site")
    assert build.returncode != 0
    for name in ("etc", "loops/up", "loops/down"):
        assert any(f"docs/{name}:1:" in w for w in build.warnings), (name, build.output)
    assert "Traceback" not in build.output
    assert not (build.site / "etc").exists()


# -- the module on its own, without MkDocs ----------------------------------------------------------


def test_check_docs_dir_without_mkdocs(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    populate(docs)
    os.symlink("/", docs / "root")
    check = docs_files.check_docs_dir(docs, "docs")
    named = {p.path.removeprefix("docs/") for p in check.problems}
    assert named == set(refused_names()) | {"root"}
    assert check.linked_dirs == ["root"]
    assert check.refuses("root/etc/passwd") and check.refuses("evil.js") and check.refuses("404.md")
    assert not check.refuses("images/clean.svg") and not check.refuses("images/pixel.png")


def test_a_page_named_404_deeper_down_is_a_page(tmp_path):
    (tmp_path / "errors").mkdir()
    (tmp_path / "errors" / "404.md").write_text("# Docker error 404\n")
    assert docs_files.check_docs_dir(tmp_path).problems == []


@pytest.mark.parametrize("name", list(BAD_SVGS))
def test_check_svg_names_the_line(name):
    text, line = BAD_SVGS[name]
    found = docs_files.check_svg(text.encode())
    assert found and found[0][0] == line, found


def test_clean_svg_passes():
    assert docs_files.check_svg(CLEAN_SVG.encode()) == []
