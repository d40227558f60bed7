"""What docs/ may hold, by allow-list: Markdown pages and raster images (PNG, JPEG, WebP, checked
by their bytes), named `[a-z0-9-]` plus one suffix, in folders named the same way, none of which
shadows an output of the build. Everything else is refused, reported and left out of the site.

The policy is code, not data: a pull request that changed a data file to allow itself something
would be checked against its own change. Changes here need a maintainer (.github/CODEOWNERS).

SVG is refused: an SVG opened on its own is a document that runs on the site's origin, and the
ways to make one run (XHTML elements, foreign namespaces, CSS, animation of links) are open-ended.
The theme's own icons live in overrides/, outside contributors' reach; a contributor's drawing is
published as PNG or WebP.

Checked by walking docs/ without following links, before MkDocs walks it (it follows links, and a
link loop keeps it walking for minutes)."""

from __future__ import annotations

import os
import posixpath
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .problems import Problem, closest

PAGE_SUFFIX = ".md"
# Each raster image suffix and the bytes its files must start with; WebP is RIFF….WEBP.
IMAGE_SIGNATURES: dict[str, tuple[tuple[int, bytes], ...]] = {
    ".png": ((0, b"\x89PNG\r\n\x1a\n"),),
    ".jpg": ((0, b"\xff\xd8\xff"),),
    ".jpeg": ((0, b"\xff\xd8\xff"),),
    ".webp": ((0, b"RIFF"), (8, b"WEBP")),
}
# A name is lowercase letters, digits and hyphens, then one suffix: nothing a template, a URL or a
# shell could read as syntax, and nothing that could pass for another file type.
_NAME = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?")
# What the build or the theme writes at the site's root: a folder or page of that name would
# shadow it (the search index, the theme's assets, its 404 page). Every other output at the root
# (`sw.js`, the zip, `sitemap.xml`, `manifest.webmanifest`) has a suffix no name here may have.
RESERVED_DIRS = frozenset({"assets", "search"})
RESERVED_PAGES = frozenset({"404"})
MAX_DEPTH = 3  # folders below docs/
# Budgets: every published file is precached by the service worker and zipped (offline.py).
MAX_IMAGE_BYTES = 512 * 1024
MAX_IMAGES_TOTAL_BYTES = 3 * 1024 * 1024
MAX_PAGES = 160  # 8 times today's 20, as limits.SITE_BYTES: every page carries the whole navigation,
# so the output grows with their number squared (+380 small pages: 72 MB of site, 20 s)
MAX_FILES = 1000


@dataclass
class DocsCheck:
    problems: list[Problem] = field(default_factory=list)
    refused_files: set[str] = field(default_factory=set)  # paths relative to docs/, with "/"
    refused_dirs: set[str] = field(default_factory=set)
    linked_dirs: list[str] = field(default_factory=list)  # directory links MkDocs would follow
    images: dict[str, int] = field(default_factory=dict)  # accepted image -> its size in bytes

    def refuses(self, src_uri: str) -> bool:
        return src_uri in self.refused_files or any(src_uri.startswith(d + "/") for d in self.refused_dirs)


def _allowed_suffixes() -> str:
    return ", ".join([PAGE_SUFFIX, *IMAGE_SIGNATURES])


def name_problem(name: str, is_dir: bool, top: bool) -> str | None:
    """What is wrong with a file or folder name, or None: `[a-z0-9-]` plus one suffix."""
    stem, dot, suffix = name.partition(".")
    if is_dir:
        if dot or not _NAME.fullmatch(name):
            return f"folder name `{_shown(name)}` is not lowercase letters, digits and hyphens"
    elif not dot or not _NAME.fullmatch(stem) or "." in suffix:
        return f"file name `{_shown(name)}` is not lowercase letters, digits and hyphens plus one suffix"
    elif f".{suffix}" != PAGE_SUFFIX and f".{suffix}" not in IMAGE_SIGNATURES:
        return f"`{_shown(name)}` is a `.{_shown(suffix)}` file; docs/ publishes only pages and raster images"
    if top and stem in (RESERVED_DIRS if is_dir else RESERVED_PAGES):
        return f"`{_shown(name)}` would shadow `{stem}`, which the build or the theme writes at the site's root"
    return None


def _shown(name: str) -> str:
    """A name as a message may quote it: printable ASCII, the rest as code points."""
    return "".join(c if " " <= c <= "~" and c != "`" else f"U+{ord(c):04X}" for c in name[:80])


def image_problem(suffix: str, head: bytes) -> str | None:
    """Whether a file's first bytes are the image its suffix names."""
    signature = IMAGE_SIGNATURES[suffix]
    if all(head[at : at + len(magic)] == magic for at, magic in signature):
        return None
    return f"the file is not a {suffix[1:].upper()} image (its bytes say otherwise)"


def check_docs_dir(docs_dir: str | Path, prefix: str = "docs", max_pages: int = MAX_PAGES) -> DocsCheck:
    """Walk docs_dir without following links and refuse what may not be published."""
    result = DocsCheck()
    root = Path(docs_dir)
    pages = 0
    files = 0

    def refuse(rel: str, what: str, fix: str, is_dir: bool = False) -> None:
        result.problems.append(Problem(f"{prefix}/{_shown(rel)}", 1, what, fix))
        (result.refused_dirs if is_dir else result.refused_files).add(rel)

    rename = "rename it with lowercase letters, digits and hyphens (`my-page.md`, `diagram.png`)"
    if os.path.islink(root):
        # os.walk would follow docs/ itself, and so would MkDocs: nothing under it is looked at.
        result.linked_dirs.append(".")
        result.problems.append(
            Problem(prefix, 1, f"`{prefix}` is a symbolic link ({_target(str(root))})", "make it a real directory")
        )
        result.refused_dirs.add(".")
        return result
    # Folders nothing is published from (dot folders, refused names, too deep) are still walked,
    # for links only: MkDocs walks every folder, following links, and leaves out what it excludes
    # only once it has walked it all (`ln -s / docs/.cache` walked the whole machine).
    links_only: set[str] = set()
    for here, dirnames, filenames in os.walk(root, followlinks=False):
        base = Path(here).relative_to(root)
        top = base == Path(".")
        depth = len(base.parts)
        unpublished = base.as_posix() in links_only
        dirnames.sort()
        for name in list(dirnames):
            rel = (base / name).as_posix()
            full = os.path.join(here, name)
            if os.path.islink(full):  # first, whatever the folder: os.walk lists a link to a folder here
                dirnames.remove(name)
                result.linked_dirs.append(rel)
                refuse(
                    rel,
                    f"`{_shown(rel)}` is a symbolic link to a directory ({_target(full)})",
                    "replace it with a real directory, or delete it: MkDocs would follow it out of docs/ "
                    "or round a loop, and publish any file of the build machine",
                    is_dir=True,
                )
                continue
            if unpublished or name.startswith("."):
                links_only.add(rel)  # MkDocs publishes nothing under a dot folder
                continue
            wrong = name_problem(name, True, top)
            if wrong is None and depth + 1 > MAX_DEPTH:
                wrong = f"`{_shown(rel)}` is more than {MAX_DEPTH} folders deep"
            if wrong:
                links_only.add(rel)  # nothing under it is published: one message for the folder
                refuse(rel, wrong, f"{rename}; nothing in this folder is published", is_dir=True)
        for name in sorted(filenames):
            full = os.path.join(here, name)
            rel = (base / name).as_posix()
            try:
                info = os.lstat(full)
            except OSError as exc:
                if not (unpublished or name.startswith(".")):
                    refuse(rel, f"`{_shown(rel)}` cannot be read ({exc.strerror})", "make it a regular file")
                continue
            if stat.S_ISLNK(info.st_mode):  # a dangling link, a loop, or a link to a file
                refuse(
                    rel,
                    f"`{_shown(rel)}` is a symbolic link ({_target(full)})",
                    "replace it with the file itself, or delete it: links could publish any file of the build machine",
                )
                continue
            if unpublished or name.startswith("."):
                continue  # MkDocs publishes no dotfile, and nothing under a refused or dot folder
            if not stat.S_ISREG(info.st_mode):
                refuse(rel, f"`{_shown(rel)}` is not a regular file", "delete it")
                continue
            wrong = name_problem(name, False, top)
            if wrong:
                refuse(rel, wrong, f"{rename}; allowed suffixes: {_allowed_suffixes()}")
                continue
            files += 1
            if files > MAX_FILES:
                refuse(rel, f"docs/ holds more than {MAX_FILES} files", "split the site or remove files")
                continue
            suffix = os.path.splitext(name)[1]
            if suffix == PAGE_SUFFIX:
                pages += 1
                if pages > max_pages:
                    refuse(rel, f"docs/ holds more than {max_pages} pages", "merge small pages into larger ones")
                continue
            _check_image(result, rel, full, suffix, info.st_size, refuse)
    total = sum(result.images.values())
    if total > MAX_IMAGES_TOTAL_BYTES:
        # Every image is precached by each reader's browser and zipped: the largest go first.
        for rel in sorted(result.images, key=lambda r: -result.images[r]):
            if total <= MAX_IMAGES_TOTAL_BYTES:
                break
            size = result.images.pop(rel)
            total -= size
            refuse(
                rel,
                f"the images in docs/ add up to more than {MAX_IMAGES_TOTAL_BYTES // 1024 // 1024} MiB "
                f"(this one is {_kib(size)})",
                "make the images smaller (PNG with fewer colours, WebP, JPEG for photos)",
            )
    result.problems.sort(key=lambda p: (p.path, p.line))
    return result


def _kib(size: int) -> str:
    return f"{size / 1024:,.0f} KiB"


def _check_image(result: DocsCheck, rel: str, full: str, suffix: str, size: int, refuse) -> None:
    if size > MAX_IMAGE_BYTES:
        refuse(
            rel,
            f"image is {_kib(size)}, over the limit of {_kib(MAX_IMAGE_BYTES)}",
            "make it smaller: every reader's browser downloads it for offline use",
        )
        return
    try:
        with open(full, "rb") as handle:
            head = handle.read(16)
    except OSError as exc:
        refuse(rel, f"`{_shown(rel)}` cannot be read ({exc.strerror})", "make it a readable file")
        return
    wrong = image_problem(suffix, head)
    if wrong:
        refuse(rel, wrong, "save it as a real PNG, JPEG or WebP image with the matching suffix")
        return
    result.images[rel] = size


def _linked_file(src: str, url: str) -> str:
    """The path under docs/ a relative link of page `src` names (`images/a.png`); "" for an
    outside or absolute link, or one to the page itself."""
    parts = urlsplit(url)
    if not parts.path or parts.scheme or parts.netloc or url.startswith("/"):
        return ""
    return posixpath.normpath(posixpath.join(posixpath.dirname(src), unquote(parts.path)))


def unreferenced_images(check: DocsCheck, links: Iterable[tuple[str, str]], prefix: str = "docs") -> list[Problem]:
    """An image no page links to is published (and precached) for nothing: each is a problem,
    and is refused. `links` are (page src, link target) pairs."""
    shown = {path for src, url in links if (path := _linked_file(src, url))}
    found = []
    for rel in sorted(check.images):
        if rel not in shown:
            check.refused_files.add(rel)
            fix = "show it on a page with `![…](…)`, or delete it"
            found.append(Problem(f"{prefix}/{rel}", 1, "no page shows this image", fix))
    return found


def missing_targets(check: DocsCheck, links: Iterable[tuple[str, int, str]], prefix: str = "docs") -> list[Problem]:
    """Links and images to a file docs/ does not hold, from (page src, line, target): reported on
    the page's line, as a link to a missing page is (MkDocs' own warning names neither)."""
    found = []
    for src, line, url in links:
        rel = _linked_file(src, url)
        if not rel or rel.endswith(".md") or url.split("#")[0].endswith("/"):
            continue  # pages, outside and absolute links: structure_checks reports those
        if rel in check.images or check.refuses(rel) or rel.startswith("../"):
            continue  # there, or already refused (a climb out of docs/ has its own message)
        near = closest(rel, check.images)
        fix = "add the image to docs/ (PNG, JPEG or WebP), or fix the path"
        if near:
            fix += f" (`{posixpath.relpath(near, posixpath.dirname(src) or '.')}`?)"
        found.append(Problem(f"{prefix}/{src}", line, f"link to `{url}`, but docs/ has no file `{rel}`", fix))
    return found


def _target(path: str) -> str:
    try:
        return f"to `{_shown(os.readlink(path))}`"
    except OSError:
        return "unreadable"
