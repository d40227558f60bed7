"""A page's front matter, checked against data/front-matter.yaml and data/sections.yaml: its
place in the navigation, or the problems that keep it out."""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from pathlib import Path

from .catalog import DATA, read_yaml
from .navigation import NavPage
from .page import PageScan
from .problems import Problem, close_match


def load_front_matter_keys(path: Path = DATA / "front-matter.yaml") -> tuple[dict, dict]:
    spec = read_yaml(path)
    return spec["required"], spec.get("optional") or {}


# Material reads these keys in its templates; a value of the wrong shape stops the build there,
# with a traceback (`hide: 5`, an icon that does not exist), so they are checked here and dropped
# from what the theme sees (theme_meta).
HIDE_VALUES = ("navigation", "toc", "footer", "path", "tags", "feedback")
_ICON = re.compile(r"[a-z0-9-]++(?:/[a-z0-9_-]++)++")  # `material/cube-outline`; no `..`


@lru_cache(maxsize=1)
def icon_roots() -> tuple[Path, ...]:
    """Where the theme looks for `.icons/…`: the project's overrides (mkdocs.yml's custom_dir),
    then Material's own."""
    roots = [DATA.parent / "overrides" / ".icons"]
    spec = importlib.util.find_spec("material")
    if spec and spec.submodule_search_locations:
        roots += [Path(location) / "templates" / ".icons" for location in spec.submodule_search_locations]
    return tuple(roots)


def theme_value_problems(meta: dict) -> dict[str, tuple[str, str]]:
    """Theme keys whose value the theme cannot use: key -> (what is wrong, how to fix)."""
    found: dict[str, tuple[str, str]] = {}
    choices = ", ".join(f"`{v}`" for v in HIDE_VALUES)
    if "hide" in meta:
        hide = meta["hide"]
        if not isinstance(hide, list) or not all(isinstance(v, str) for v in hide):
            found["hide"] = (
                f"`hide: {hide}` is not a list of names",
                f"write a list such as `hide: [toc]` ({choices})",
            )
        elif unknown := [v for v in hide if v not in HIDE_VALUES]:
            found["hide"] = (f"`hide` has no part `{unknown[0]}`", f"use {choices}")
    if "icon" in meta:
        icon = meta["icon"]
        if not (
            isinstance(icon, str)
            and _ICON.fullmatch(icon)
            and any((root / f"{icon}.svg").is_file() for root in icon_roots())
        ):
            found["icon"] = (
                f"there is no icon `{icon}`",
                "use a Material icon name such as `material/cube-outline` "
                "(https://squidfunk.github.io/mkdocs-material/reference/icons-emojis/)",
            )
    return found


@lru_cache(maxsize=1)
def _known_keys() -> frozenset[str]:
    required, optional = load_front_matter_keys()
    return frozenset(required) | frozenset(optional)


def theme_meta(meta: dict) -> dict:
    """The front matter the theme may see: known keys with usable values (the rest is reported
    by check_front_matter)."""
    bad = theme_value_problems(meta)
    return {key: value for key, value in meta.items() if key in _known_keys() and key not in bad}


def check_front_matter(
    scan: PageScan, sections: list[dict], keys: tuple[dict, dict]
) -> tuple[NavPage | None, list[Problem]]:
    """The page's place in the navigation, or None with the problems that keep it out."""
    required, optional = keys
    problems: list[Problem] = []

    def report(key: str | None, message: str, fix: str) -> None:
        line = scan.meta_lines.get(key, 1) if key else 1
        problems.append(Problem(scan.path, line, message, fix))

    if scan.meta_error:
        line, message = scan.meta_error
        problems.append(
            Problem(
                scan.path,
                line,
                message,
                "write one `key: value` per line and quote values that contain `: ` or start with a symbol",
            )
        )
        return None, problems
    meta = scan.meta
    for key in meta:
        if key not in required and key not in optional:
            guess = close_match(str(key), list(required) + list(optional))
            report(
                key,
                f"unknown front matter key `{key}`",
                f"did you mean `{guess}`?"
                if guess
                else f"use only {', '.join(f'`{k}`' for k in list(required) + list(optional))}",
            )
    for key, (message, fix) in theme_value_problems(meta).items():
        report(key, message, fix)
    for key, meaning in required.items():
        if key not in meta or meta[key] in (None, ""):
            problems.append(Problem(scan.path, 1, f"front matter has no `{key}`", f"add `{key}:` — {meaning}"))
    section_keys = [s["key"] for s in sections]
    section = meta.get("section")
    if section is not None and section not in section_keys:
        guess = close_match(str(section), section_keys)
        report(
            "section",
            f"unknown section `{section}`",
            f"did you mean `{guess}`?" if guess else f"use one of {', '.join(section_keys)} (data/sections.yaml)",
        )
    order = meta.get("order")
    if order is not None and (not isinstance(order, int) or isinstance(order, bool)):
        report("order", f"`order: {order}` is not a whole number", "write a whole number such as `order: 30`")
    if problems:
        return None, problems
    return NavPage(
        scan.path, str(meta["title"]), section, order, str(meta["description"]), scan.meta_lines.get("order", 1)
    ), problems
