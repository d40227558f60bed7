"""Files a hostile pull request could put in docs/: HTML, scripts, style sheets and SVG with
scripts would be published without the pages' checks or CSP; symbolic links would publish any
file of the build machine, and directory links send MkDocs out of docs/ or round a loop. Each is
a build error naming the file, and none of it is published."""

from __future__ import annotations

import os
import shutil
import time
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
# SVG is refused whatever it holds: a clean drawing as much as a frameset that runs a script.
SVGS = {
    "clean.svg": SVG.format('<rect width="10" height="10" fill="#336"/>'),
    "frameset.svg": '<frameset xmlns="http://www.w3.org/1999/xhtml"><frame src="javascript:alert(1)"/></frameset>',
    "script.svg": SVG.format("<script>window.pwned = 1</script>"),
}
FILES = {
    "evil.html": "<script>window.pwned = 1</script>",
    "evil.js": "window.pwned = 1",
    "evil.css": "body { display: none }",
    "notes.txt": "plain text",
    "Capital.md": "# Capital\n",
    "two.dots.md": "# Two dots\n",
    "fake.png": "<svg onload=alert(1)>",  # its name says PNG, its bytes say otherwise
    "fake.webp": "RIFF0000WAVE",
    "manifest.webmanifest": '{"name": "Taken over", "start_url": "https://evil.example/"}',
    # A name that would land in the "Edit this page" link and the navigation as markup.
    'x"><iframe src=javascript:alert(1)>.md': "# Edit link\n",
}
# Folders refused by their name, with what is in them: each shadows an output of the build.
FOLDERS = {
    "assets": "assets/images/app-icon-192.png",
    "sw.js": "sw.js/index.md",
    "docker-cheat-sheet-offline.zip": "docker-cheat-sheet-offline.zip/index.md",
    "search": "search/search_index.json/index.md",
    "Spaced Out": "Spaced Out/page.md",
}
LINKS = {"passwd.md": "/etc/passwd", "hostname.png": "/etc/hostname", "self.md": "self.md", "gone.png": "missing.png"}


def populate(docs: Path) -> None:
    for name, text in FILES.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text)
    for name, text in SVGS.items():
        (docs / name).write_text(text)
    for inside in FOLDERS.values():
        (docs / inside).parent.mkdir(parents=True, exist_ok=True)
        (docs / inside).write_bytes(png() if inside.endswith(".png") else b"# Shadow\n")
    for name, target in LINKS.items():
        os.symlink(target, docs / name)
    (docs / "404.md").write_text(page_text("Not found", 990, "# Gone\n\nNothing here.\n"))
    (docs / "images").mkdir()
    (docs / "images" / "pixel.png").write_bytes(png())
    (docs / "images" / "unused.png").write_bytes(png())


@pytest.fixture(scope="module")
def files_build(shared_variant):
    def prepare(project: Path) -> None:
        populate(project / "docs")
        (project / "docs" / "pictures.md").write_text(
            page_text("Pictures", 991, "# Pictures\n\n![A pixel](images/pixel.png)\n")
        )

    return shared_variant("hostile-files", prepare)


def refused_names() -> list[str]:
    return [*FILES, *SVGS, *LINKS, *FOLDERS, "404.md"]


@pytest.mark.parametrize("name", refused_names())
def test_refused_file_is_named_and_not_published(files_build, name):
    assert files_build.returncode != 0
    assert any(f"docs/{name}:1:" in w for w in files_build.warnings), (name, files_build.warnings)
    published = files_build.site / (name[: -len(".md")] + ".html" if name.endswith(".md") else name)
    if name == "404.md":
        assert "Nothing here" not in published.read_text(encoding="utf-8")  # the theme's 404 page stays
    elif name == "manifest.webmanifest":  # the theme's own file stays in its place
        assert "Taken over" not in published.read_text(encoding="utf-8")
    elif name in FOLDERS:
        inside = files_build.site / FOLDERS[name]
        assert not inside.with_suffix(".html").exists()
        assert not inside.is_file() or inside.read_bytes() != png()  # the theme's icon, not the PR's
    else:
        assert not published.exists()
    assert "Traceback" not in files_build.output


def test_the_build_outputs_a_folder_would_shadow_are_the_builds(files_build):
    assert (files_build.site / "sw.js").is_file()
    assert (files_build.site / "docker-cheat-sheet-offline.zip").is_file()
    assert (files_build.site / "search" / "search_index.json").is_file()
    manifest = (files_build.site / "manifest.webmanifest").read_text(encoding="utf-8")
    assert "Taken over" not in manifest and "Docker Cheat Sheet" in manifest  # the theme's, not the PR's
    icon = files_build.site / "assets" / "images" / "app-icon-192.png"
    assert icon.read_bytes() == (Path(__file__).parent.parent / "overrides/assets/images/app-icon-192.png").read_bytes()


def test_an_image_no_page_shows_is_refused(files_build):
    assert any("docs/images/unused.png:1: no page shows this image" in w for w in files_build.warnings)
    assert not (files_build.site / "images" / "unused.png").exists()


def test_nothing_of_the_build_machine_is_published(files_build):
    secret = Path("/etc/passwd").read_text().splitlines()[0]
    for path in files_build.site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".js", ".xml", ".md", ".png"}:
            assert secret not in path.read_text(encoding="utf-8", errors="replace"), path


def test_raster_images_a_page_shows_are_published(files_build):
    assert not [w for w in files_build.warnings if "images/pixel" in w or "pictures.md" in w]
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


def test_a_link_to_the_root_in_a_dot_folder_stops_the_build_quickly(tmp_path):
    """The third attacker's shape: a dot folder is published by no one, so it was skipped before
    its links were looked at, and MkDocs walked the whole machine through it (still walking after
    240 s; `-> ..` passed the strict build after 75 s). Now the build stops before MkDocs walks."""
    project = copy_project(tmp_path / "project")
    docs = project / "docs"
    os.symlink("/", docs / ".cache")
    (docs / ".deep" / "a" / "b").mkdir(parents=True)
    os.symlink("..", docs / ".deep" / "a" / "b" / "up")
    started = time.monotonic()
    build = run_build(project, project / "site", timeout=60)
    assert time.monotonic() - started < 30
    assert build.returncode != 0
    for name in (".cache", ".deep/a/b/up"):
        assert any(f"docs/{name}:1:" in w and "symbolic link" in w for w in build.warnings), (name, build.output)
    assert "Traceback" not in build.output


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
    assert check.refuses("assets/images/app-icon-192.png") and check.refuses("sw.js/index.md")
    assert not check.refuses("images/pixel.png") and check.images == {
        "images/pixel.png": len(png()),
        "images/unused.png": len(png()),
    }


def test_pages_named_like_outputs_without_shadowing_them_are_pages(tmp_path):
    for name in ("search.md", "sw.md", "sitemap.md", "manifest.md", "assets-guide.md"):
        (tmp_path / name).write_text("# A page\n")
    assert docs_files.check_docs_dir(tmp_path).problems == []


def test_a_page_written_where_a_generated_page_goes_is_refused():
    """`sheet.md` and the generated `sheet/index.md` are both sheet/index.html."""
    from cheatsheet import catalog
    from cheatsheet.site import build_site

    page = "---\ntitle: Sheet\n---\n\n# Sheet\n\nText.\n"
    problems = [str(p) for p in build_site({"sheet.md": page, "commands/index.md": page}, catalog.load()).problems]
    for src in ("sheet.md", "commands/index.md"):
        assert any(p.startswith(f"docs/{src}:1: `{src}` would be written where the build") for p in problems), problems


def test_a_page_named_404_deeper_down_is_a_page(tmp_path):
    (tmp_path / "errors").mkdir()
    (tmp_path / "errors" / "404.md").write_text("# Docker error 404\n")
    assert docs_files.check_docs_dir(tmp_path).problems == []


@pytest.mark.parametrize(
    ("name", "head", "ok"),
    [
        ("a.png", png()[:16], True),
        ("a.jpg", b"\xff\xd8\xff\xe0" + bytes(12), True),
        ("a.jpeg", b"\xff\xd8\xff\xdb" + bytes(12), True),
        ("a.webp", b"RIFF\0\0\0\0WEBPVP8 ", True),
        ("a.png", b"\xff\xd8\xff\xe0" + bytes(12), False),  # a JPEG named PNG
        ("a.webp", b"RIFF\0\0\0\0WAVEfmt ", False),
        ("a.jpg", b"<svg onload=x>", False),
    ],
)
def test_images_are_checked_by_their_bytes(tmp_path, name, head, ok):
    (tmp_path / name).write_bytes(head)
    check = docs_files.check_docs_dir(tmp_path)
    assert (check.problems == []) is ok, check.problems


def test_size_caps(tmp_path):
    big = png() + bytes(docs_files.MAX_IMAGE_BYTES)
    (tmp_path / "big.png").write_bytes(big)
    for n in range(8):  # 8 times 500 KiB is over the total budget
        (tmp_path / f"part-{n}.png").write_bytes(png() + bytes(500 * 1024))
    check = docs_files.check_docs_dir(tmp_path)
    messages = [str(p) for p in check.problems]
    assert any("docs/big.png:1: image is" in m and "over the limit" in m for m in messages), messages
    assert sum("add up to more than" in m for m in messages) == 2, messages
    assert sum(check.images.values()) <= docs_files.MAX_IMAGES_TOTAL_BYTES


def test_page_count_cap(tmp_path):
    for n in range(6):
        (tmp_path / f"page-{n}.md").write_text("# Page\n")
    check = docs_files.check_docs_dir(tmp_path, max_pages=4)
    assert [p.path for p in check.problems] == ["docs/page-4.md", "docs/page-5.md"]
    assert "more than 4 pages" in check.problems[0].message


# Links wherever MkDocs walks, which is everywhere under docs/: it follows them before it leaves
# out what it does not publish (dot folders and files, refused folders).
@pytest.mark.parametrize(
    ("folders", "link", "target", "stops"),
    [
        ((), ".cache", "/", True),  # the attacker's
        ((), ".cache", "..", True),
        (("a", "b", "c"), ".x", "/", True),  # any depth
        ((".git", "objects"), "up", "../..", True),  # inside a dot folder
        ((".git",), "passwd.md", "/etc/passwd", False),  # a file link inside a dot folder
        ((".git",), ".loop", ".loop", False),  # a link to itself reads as neither file nor folder
        (("Capital",), "root", "/", True),  # inside a folder refused by its name
        (("a", "b", "c", "d"), "up", "..", True),  # inside a folder refused as too deep
        (("a",), "dangling", "missing", False),
    ],
)
def test_every_link_under_docs_is_named(tmp_path, folders, link, target, stops):
    here = tmp_path.joinpath(*folders)
    here.mkdir(parents=True, exist_ok=True)
    os.symlink(target, here / link)
    check = docs_files.check_docs_dir(tmp_path, "docs")
    rel = "/".join([*folders, link])
    linked = [p for p in check.problems if p.path == f"docs/{rel}"]
    assert len(linked) == 1 and "symbolic link" in linked[0].message, check.problems
    assert (rel in check.linked_dirs) == stops


def test_a_docs_folder_that_is_a_link_is_not_walked(tmp_path):
    os.symlink("/", tmp_path / "docs")
    check = docs_files.check_docs_dir(tmp_path / "docs", "docs")
    assert [str(p) for p in check.problems] == [
        "docs:1: `docs` is a symbolic link (to `/`) — make it a real directory"
    ] and check.linked_dirs == ["."]


# data/ is read by the build before any page: a link there (or a named pipe) would make it read
# /dev/zero forever, or show a file of the build machine in its messages. Each is refused by
# name before anything reads it.
@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("tasks.yaml", lambda path: os.symlink("/dev/zero", path)),
        ("meanings.yaml", lambda path: os.symlink("/etc/passwd", path)),
        ("catalog.json", lambda path: os.symlink("/dev/zero", path)),
        ("schemas/offline.schema.json", lambda path: os.symlink("/etc/hostname", path)),
        ("extra.yaml", os.mkfifo),
        ("sections.yaml", lambda path: os.symlink("tasks.yaml", path)),  # inside data/ too
    ],
)
def test_a_link_or_pipe_in_data_is_refused_before_it_is_read(tmp_path, name, make):
    from cheatsheet import data_schemas
    from cheatsheet.data_files import DATA

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (data / name).unlink(missing_ok=True)
    make(data / name)
    started = time.monotonic()
    found = [str(p) for p in data_schemas.check_all(data)]
    assert time.monotonic() - started < 5
    assert any(p.startswith(f"data/{name}:1: is ") for p in found), found
    assert not any("root:" in p for p in found)  # nothing of /etc/passwd is shown


@pytest.mark.parametrize("text", ["", "{not json", '{"type": 5}', '{"pattern": "("}'])
def test_a_schema_that_cannot_be_used_is_a_problem_naming_it(tmp_path, text):
    from cheatsheet import data_schemas
    from cheatsheet.data_files import DATA

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (data / "schemas" / "offline.schema.json").write_text(text)
    found = [str(p) for p in data_schemas.check_all(data)]
    assert any(p.startswith("data/schemas/offline.schema.json:1: is not a JSON schema") for p in found), found
