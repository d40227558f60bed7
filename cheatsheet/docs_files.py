"""What docs/ may hold (data/docs-files.yaml): pages, images and script-free SVG, and no symbolic
links. Checked by walking docs/ without following links, before MkDocs walks it (it follows
links, and a link loop keeps it walking for minutes); refused files are reported and left out of
the site."""

from __future__ import annotations

import os
import re
import stat
import xml.parsers.expat
from dataclasses import dataclass, field
from pathlib import Path

from . import data_files
from .problems import Problem

# SVG elements that run, embed or fetch something.
_SVG_REFUSED = {
    "script": "a script",
    "foreignobject": "a foreign object (HTML inside the SVG)",
    "iframe": "an embedded page",
    "embed": "an embedded object",
    "object": "an embedded object",
    "handler": "an event handler element",
    "listener": "an event listener element",
}
_SVG_ANIMATIONS = {"set", "animate", "animatemotion", "animatetransform"}
_CSS_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)|@import", re.I)


class _Refused(Exception):
    pass


@dataclass
class DocsCheck:
    problems: list[Problem] = field(default_factory=list)
    refused_files: set[str] = field(default_factory=set)  # paths relative to docs/, with "/"
    refused_dirs: set[str] = field(default_factory=set)
    linked_dirs: list[str] = field(default_factory=list)  # directory links MkDocs would follow

    def refuses(self, src_uri: str) -> bool:
        return src_uri in self.refused_files or any(src_uri.startswith(d + "/") for d in self.refused_dirs)


def load_rules(path: Path = data_files.DATA / "docs-files.yaml") -> dict[str, set[str]]:
    return data_files.derived(_rules, path)


def _rules(spec: dict) -> dict[str, set[str]]:
    return {key: {str(value).lower() for value in values} for key, values in spec.items()}


def check_docs_dir(docs_dir: str | Path, prefix: str = "docs", rules: dict[str, set[str]] | None = None) -> DocsCheck:
    """Walk docs_dir without following links and refuse what may not be published."""
    rules = rules or load_rules()
    result = DocsCheck()
    root = Path(docs_dir)

    def refuse(rel: str, what: str, fix: str, line: int = 1, is_dir: bool = False) -> None:
        result.problems.append(Problem(f"{prefix}/{rel}", line, what, fix))
        (result.refused_dirs if is_dir else result.refused_files).add(rel)

    for here, dirnames, filenames in os.walk(root, followlinks=False):
        base = Path(here).relative_to(root)
        dirnames.sort()
        for name in list(dirnames):
            rel = (base / name).as_posix()
            if os.path.islink(os.path.join(here, name)):
                dirnames.remove(name)
                result.linked_dirs.append(rel)
                refuse(
                    rel,
                    f"`{rel}` is a symbolic link to a directory ({_target(os.path.join(here, name))})",
                    "replace it with a real directory: links could publish any file of the build machine",
                    is_dir=True,
                )
        for name in sorted(filenames):
            full = os.path.join(here, name)
            rel = (base / name).as_posix()
            info = os.lstat(full)
            if stat.S_ISLNK(info.st_mode):
                refuse(
                    rel,
                    f"`{rel}` is a symbolic link ({_target(full)})",
                    "replace it with the file itself: links could publish any file of the build machine",
                )
                continue
            if not stat.S_ISREG(info.st_mode):
                refuse(rel, f"`{rel}` is not a regular file", "delete it")
                continue
            if name.startswith("."):
                continue  # MkDocs publishes no dotfile
            suffix = os.path.splitext(name)[1].lower()
            if suffix in rules["pages"]:
                if base == Path(".") and os.path.splitext(name)[0].lower() in rules["reserved_pages"]:
                    refuse(
                        rel,
                        f"`{rel}` would replace the site's own 404 page",
                        "rename the page; the 404 page comes from the theme",
                    )
            elif suffix in rules["svg"]:
                try:
                    data = Path(full).read_bytes()
                except OSError as exc:
                    refuse(rel, f"`{rel}` cannot be read ({exc.strerror})", "make it a readable file")
                    continue
                for line, what in check_svg(data):
                    refuse(rel, f"SVG image holds {what}", "save it as a plain drawing, or as PNG", line)
            elif suffix not in rules["images"]:
                kind = f"`{suffix}` file" if suffix else "file without a suffix"
                allowed = ", ".join(sorted(rules["images"] | rules["svg"]))
                refuse(
                    rel,
                    f"`{rel}` is a {kind}; docs/ publishes only pages and images",
                    f"remove it, or write it as a Markdown page; images may be {allowed}",
                )
    result.problems.sort(key=lambda p: (p.path, p.line))
    return result


def _target(path: str) -> str:
    try:
        return f"to `{os.readlink(path)}`"
    except OSError:
        return "unreadable"


def check_svg(data: bytes) -> list[tuple[int, str]]:
    """(line, what) for each thing in an SVG that could run, embed or fetch something."""
    found: list[tuple[int, str]] = []
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    in_style = 0

    def line() -> int:
        return parser.CurrentLineNumber

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal in_style
        local = name.rsplit(" ", 1)[-1].lower()
        if local in _SVG_REFUSED:
            found.append((line(), f"{_SVG_REFUSED[local]} (`<{local}>`)"))
        if local == "style":
            in_style += 1
        for attr, value in attrs.items():
            attr_local = attr.rsplit(" ", 1)[-1].lower()
            if attr_local.startswith("on"):
                found.append((line(), f"an event handler (`{attr_local}`)"))
            elif attr_local == "href" and not value.strip().startswith("#"):
                found.append((line(), f'a reference to another file (`href="{value[:60]}"`)'))
            elif attr_local == "style" and _CSS_URL.search(value):
                found.append((line(), "a reference to another file in its CSS"))
            elif local in _SVG_ANIMATIONS and attr_local == "attributename" and value.rsplit(":", 1)[-1] == "href":
                found.append((line(), "an animation that changes a link"))

    def end(name: str) -> None:
        nonlocal in_style
        if name.rsplit(" ", 1)[-1].lower() == "style":
            in_style -= 1

    def text(data: str) -> None:
        if in_style and _CSS_URL.search(data):
            found.append((line(), "a reference to another file in its CSS"))

    def doctype(*_args) -> None:
        # Entities can expand a few bytes into gigabytes, or read files: no DTD at all.
        found.append((line(), "a DOCTYPE (entity declarations)"))
        raise _Refused

    def instruction(target: str, _data: str) -> None:
        if target.lower() != "xml":
            found.append((line(), f"a processing instruction (`<?{target}`)"))

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    parser.ProcessingInstructionHandler = instruction
    try:
        parser.Parse(data, True)
    except _Refused:
        pass
    except xml.parsers.expat.ExpatError as exc:
        found.append((exc.lineno or 1, f"XML that does not parse ({xml.parsers.expat.errors.messages[exc.code]})"))
    return found
