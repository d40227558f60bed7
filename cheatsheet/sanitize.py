"""A page's rendered content, cleaned by allow-list: only the HTML that Markdown and the configured
extensions produce (data/html-allowlist.yaml) reaches a reader. The cleaning is done by nh3
(Rust's ammonia, with a browser-grade HTML parser); this module only configures it, decides
whether the page's own bytes can stay, and says what was removed and where.

The page's own bytes stay when the cleaned HTML is the same document, so the site is not
rewritten for nothing (`&para;` would become `¶`, for one). Anything else is served as nh3 wrote
it, and what it removed is reported against the page's Markdown line, so a strict build fails."""

from __future__ import annotations

import html
import re
from collections.abc import Set as AbstractSet
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, NamedTuple

import nh3

from . import data_files
from .problems import Problem

ALLOWLIST = data_files.DATA / "html-allowlist.yaml"
# Elements dropped with what they hold, not just their tags: their text is code or CSS.
_DROP_WITH_CONTENT = {"script", "style"}
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "cite", "background", "data", "xlink:href"}
_ID_ATTRIBUTES = {"id", "name", "for"}
# A character reference whose character serialises as itself: html5ever writes `¶` where
# Markdown wrote `&para;`. Characters that are syntax somewhere (quotes, `<`, `&`, `=`, spaces)
# are left alone, so decoding these never changes how the HTML reads.
_CHAR_REF = re.compile(r"&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});")
_SYNTAX = set('&<>"=/`\xa0')
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
# Why each kind of tag is refused, and what to do instead.
_TAG_FIXES = {
    "script": "pages may not run scripts: show code in a fenced code block",
    "style": "pages may not restyle the site: write Markdown and let the theme style it",
    "link": "pages may not load style sheets or other resources: delete it",
    "meta": "pages may not redirect or change the document's settings: delete it",
    "base": "pages may not change where links lead: delete it",
    "iframe": "link to the page instead of embedding it",
    "object": "link to the file instead of embedding it",
    "embed": "link to the file instead of embedding it",
    "form": "pages may not hold forms: link to the tool instead",
}
_GENERIC_TAG_FIX = "write it in Markdown; raw HTML may use only the tags Markdown produces (data/html-allowlist.yaml)"


class Policy(NamedTuple):
    tags: frozenset[str]
    attributes: dict[str, frozenset[str]]  # "*" for every tag
    attribute_values: dict[str, dict[str, frozenset[str]]]
    style_properties: frozenset[str]
    url_schemes: frozenset[str]
    image_url_schemes: frozenset[str]
    reserved_id_prefix: str
    extension_id_prefixes: tuple[str, ...]
    reserved_class_prefix: str = ""

    def attribute_allowed(self, tag: str, name: str) -> bool:
        return (
            name in self.attributes.get("*", ())
            or name in self.attributes.get(tag, ())
            or name in self.attribute_values.get(tag, {})
        )


class Removal(NamedTuple):
    """Something the sanitiser removed: what, how to fix it, and what to look for in the Markdown
    to find its line (most telling first)."""

    what: str
    fix: str
    needles: tuple[str, ...]


def load_policy(path: Path = ALLOWLIST) -> Policy:
    """The allow-list, read again only when its file changes (`mkdocs serve`)."""
    return data_files.derived(_policy, path)


def _policy(spec: dict) -> Policy:
    return Policy(
        tags=frozenset(spec["tags"]),
        attributes={"*": frozenset(spec.get("global_attributes") or ())}
        | {tag: frozenset(names) for tag, names in (spec.get("attributes") or {}).items()},
        attribute_values={
            tag: {name: frozenset(values) for name, values in names.items()}
            for tag, names in (spec.get("attribute_values") or {}).items()
        },
        style_properties=frozenset(spec.get("style_properties") or ()),
        url_schemes=frozenset(spec.get("url_schemes") or ()),
        image_url_schemes=frozenset(spec.get("image_url_schemes") or ()),
        reserved_id_prefix=spec.get("reserved_id_prefix") or "",
        extension_id_prefixes=tuple(spec.get("extension_id_prefixes") or ()),
        reserved_class_prefix=spec.get("reserved_class_prefix") or "",
    )


def _scheme(url: str) -> str | None:
    """The URL's scheme as a browser reads it (spaces and control characters inside it ignored)."""
    match = _SCHEME.match(_INVISIBLE.sub("", url))
    return match.group(1).lower() if match else None


def _reserved_id(policy: Policy, value: str) -> bool:
    return bool(policy.reserved_id_prefix) and (
        value.startswith(policy.reserved_id_prefix) and not value.startswith(policy.extension_id_prefixes)
    )


_CLEANERS: dict[tuple[int, bool], tuple[Policy, nh3.Cleaner, nh3.Cleaner]] = {}


def _cleaners(policy: Policy, keep_comments: bool = False) -> tuple[nh3.Cleaner, nh3.Cleaner]:
    """Two nh3 cleaners for the policy: the full one, and a fast one for the common case that
    refuses every `data:` URL and leaves the id check to `_RESERVED_ID` (a Python callback for
    each of the site's ~12,000 attributes doubles nh3's time)."""
    cached = _CLEANERS.get((id(policy), keep_comments))
    if cached is not None and cached[0] is policy:
        return cached[1], cached[2]

    def attribute_filter(tag: str, name: str, value: str) -> str | None:
        if name in _URL_ATTRIBUTES:
            scheme = _scheme(value)
            if scheme in policy.image_url_schemes and not (tag == "img" and name == "src"):
                return None
        if name in _ID_ATTRIBUTES and _reserved_id(policy, value):
            return None
        if name == "class" and policy.reserved_class_prefix:
            return " ".join(word for word in value.split() if not word.startswith(policy.reserved_class_prefix))
        return value

    args: dict[str, Any] = {
        "tags": set(policy.tags),
        "clean_content_tags": _DROP_WITH_CONTENT - policy.tags,
        "attributes": {tag: set(names) for tag, names in policy.attributes.items()},
        "tag_attribute_values": {
            tag: {name: set(values) for name, values in names.items()} for tag, names in policy.attribute_values.items()
        },
        "filter_style_properties": set(policy.style_properties),
        # A page's comments go (whatever they hide); the generated pages keep the build's markers.
        "strip_comments": not keep_comments,
        "link_rel": None,  # outside links get rel="noopener" in harden.py, with the rest of the page
    }
    fast = nh3.Cleaner(**args, url_schemes=set(policy.url_schemes))
    full = nh3.Cleaner(
        **args, url_schemes=set(policy.url_schemes | policy.image_url_schemes), attribute_filter=attribute_filter
    )
    _CLEANERS[(id(policy), keep_comments)] = (policy, fast, full)
    return fast, full


def clean(content: str, policy: Policy | None = None) -> str:
    """The content as nh3 writes it under the allow-list."""
    return _cleaners(policy or load_policy())[1].clean(content)


def _reserved_ids(policy: Policy, cleaned: str) -> bool:
    """Whether nh3's output may hold an id or class of the theme's: its attributes are always
    written as `name="value"`, with character references decoded, so a plain search finds them all."""
    if policy.reserved_class_prefix and re.search(
        rf'class="(?:[^"]*\s)?{re.escape(policy.reserved_class_prefix)}', cleaned
    ):
        return True
    return (
        bool(policy.reserved_id_prefix)
        and _reserved_id_pattern(policy.reserved_id_prefix, policy.extension_id_prefixes).search(cleaned) is not None
    )


@lru_cache(maxsize=8)
def _reserved_id_pattern(reserved: str, allowed: tuple[str, ...]) -> re.Pattern:
    """An id, name or for attribute with the reserved prefix and none of the extensions' own
    prefixes (_reserved_id), as one pattern: a page holds thousands of highlight's line anchors."""
    exempt = f"(?!{'|'.join(re.escape(prefix) for prefix in allowed)})" if allowed else ""
    return re.compile(rf'(?:id|name|for)="{exempt}{re.escape(reserved)}')


def _spelled_as_serialised(content: str) -> str:
    return _CHAR_REF.sub(_serialised, content) if "&" in content else content


def _serialised(match: re.Match) -> str:
    return _serialised_ref(match.group())


@lru_cache(maxsize=1024)  # a page repeats a few references (`&quot;`, `&#39;`) hundreds of times
def _serialised_ref(ref: str) -> str:
    char = html.unescape(ref)
    return char if len(char) == 1 and char.isprintable() and not char.isspace() and char not in _SYNTAX else ref


# -- reading HTML as a list of tokens, to compare the page with its cleaned copy -----------------


_IMPLIED = {("text", ""), ("<", "tbody", ()), ("/", "tbody")}


class _Tokens(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[tuple] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tokens.append(("<", tag, tuple((name, _attribute_value(name, value or "")) for name, value in attrs)))

    handle_startendtag = handle_starttag  # `<br />` is `<br>`; `<div/>` opens a div, as browsers read it

    def handle_endtag(self, tag: str) -> None:
        self.tokens.append(("/", tag))

    def handle_data(self, data: str) -> None:
        data = data.replace("\r\n", "\n").replace("\r", "\n")  # as the HTML parser reads line ends
        if self.tokens and self.tokens[-1][0] == "text":
            self.tokens[-1] = ("text", self.tokens[-1][1] + data)
        else:
            self.tokens.append(("text", data))

    def handle_comment(self, data: str) -> None:
        self.tokens.append(("!--", data))

    def handle_decl(self, decl: str) -> None:
        self.tokens.append(("!", decl))

    def unknown_decl(self, data: str) -> None:
        self.tokens.append(("!", data))

    def handle_pi(self, data: str) -> None:
        self.tokens.append(("?", data))


def _attribute_value(name: str, value: str) -> str:
    if name == "style":  # nh3 rewrites declarations as `property:value`
        declarations = (part.split(":", 1) for part in value.split(";") if ":" in part)
        return ";".join(f"{prop.strip().lower()}:{val.strip()}" for prop, val in declarations)
    return value


def tokens(content: str, source: bool = False) -> list[tuple]:
    """The content as a list of tokens. For a `source` (the page as written), a newline right
    after `<pre>` is dropped, as browsers drop it (and html5ever does not write it back)."""
    parser = _Tokens()
    parser.feed(content)
    parser.close()
    found = parser.tokens
    if source:
        for i, token in enumerate(found[:-1]):
            following = found[i + 1]
            if token[0] == "<" and token[1] == "pre" and following[0] == "text" and following[1].startswith("\n"):
                found[i + 1] = ("text", following[1][1:])
    # Browsers add a `<tbody>` to a table row written without one (highlight's line-number table).
    return [token for token in found if token not in _IMPLIED]


# -- what was removed, in words ------------------------------------------------------------------


def removals(content: str, policy: Policy | None = None) -> list[Removal]:
    """What the allow-list refuses in the content, one entry per occurrence, in order."""
    policy = policy or load_policy()
    found: list[Removal] = []
    for token in tokens(content, source=True):
        if token[0] != "<":
            continue
        tag, attrs = token[1], token[2]
        if tag not in policy.tags:
            found.append(Removal(f"raw `<{tag}>` tag in the page", _TAG_FIXES.get(tag, _GENERIC_TAG_FIX), (f"<{tag}",)))
            continue
        for name, value in attrs:
            found += _attribute_removals(policy, tag, name, value)
    return found


def _attribute_removals(policy: Policy, tag: str, name: str, value: str) -> list[Removal]:
    if name.startswith("on"):
        return [
            Removal(
                f"event handler `{name}` on `<{tag}>` in the page",
                "remove the attribute: pages may not run scripts",
                (f"{name}=", name, f"<{tag}"),
            )
        ]
    if not policy.attribute_allowed(tag, name):
        return [
            Removal(
                f"attribute `{name}` on `<{tag}>` is not allowed",
                "remove it; pages may use only the attributes Markdown produces (data/html-allowlist.yaml)",
                (f"{name}=", name, f"<{tag}"),
            )
        ]
    allowed_values = policy.attribute_values.get(tag, {}).get(name)
    if allowed_values is not None and value.lower() not in allowed_values:
        return [
            Removal(
                f'`<{tag} {name}="{value}">` is not allowed',
                f"use {', '.join(sorted(allowed_values))} or write it in Markdown",
                (f"{name}={value}", f'{name}="{value}', f"<{tag}"),
            )
        ]
    if name in _URL_ATTRIBUTES:
        scheme = _scheme(value)
        allowed = policy.url_schemes | (policy.image_url_schemes if (tag, name) == ("img", "src") else frozenset())
        if scheme is not None and scheme not in allowed:
            return [
                Removal(
                    f"`{scheme}:` URL in `{name}` of `<{tag}>`",
                    "link to a page of the site, an anchor or an http(s) address instead",
                    (value[:40], f"{scheme}:", f"<{tag}"),
                )
            ]
    if name == "class" and policy.reserved_class_prefix:
        theirs = [word for word in value.split() if word.startswith(policy.reserved_class_prefix)]
        if theirs:
            return [
                Removal(
                    f"class `{theirs[0]}` belongs to the theme's layout",
                    f"remove it; a page's classes may not start with `{policy.reserved_class_prefix}`",
                    (theirs[0], f"<{tag}"),
                )
            ]
    if name in _ID_ATTRIBUTES and _reserved_id(policy, value):
        return [
            Removal(
                f'`{name}="{value}"` clashes with the theme\'s own ids (they start with `{policy.reserved_id_prefix}`)',
                f"choose a name that does not start with `{policy.reserved_id_prefix}`",
                (value, f"<{tag}"),
            )
        ]
    if name == "style":
        refused = sorted({decl.split(":", 1)[0] for decl in value.split(";") if decl} - set(policy.style_properties))
        if refused:
            return [
                Removal(
                    f"CSS `{', '.join(refused)}` in a `style` attribute",
                    "pages may not restyle the site: remove it",
                    ("style=", f"<{tag}"),
                )
            ]
    return []


def _first_difference(source: list[tuple], cleaned: list[tuple]) -> Removal:
    index = next(
        (i for i, (a, b) in enumerate(zip(source, cleaned, strict=False)) if a != b), min(len(source), len(cleaned))
    )
    near = source[index] if index < len(source) else (source[-1] if source else ("text", ""))
    if near[0] in ("<", "/"):
        shown = f"<{'/' if near[0] == '/' else ''}{near[1]}>"
        needles: tuple[str, ...] = (shown[:-1],)
    else:
        shown = str(near[1]).strip()[:40]
        needles = (shown,) if shown else ()
    return Removal(
        f"raw HTML that browsers would read differently from how it is written, near `{shown}`",
        "close every tag you open, in order, and quote attribute values; or write it in Markdown",
        needles,
    )


_UNREADABLE = Removal(
    "raw HTML that cannot be read as HTML", "write it in Markdown, or close every tag you open, in order", ()
)


def sanitize(content: str, policy: Policy | None = None, keep_comments: bool = False) -> tuple[str, list[Removal]]:
    """The content to publish, and what the allow-list removed from it (nothing when the page's
    own bytes are kept)."""
    policy = policy or load_policy()
    fast, full = _cleaners(policy, keep_comments)
    cleaned = fast.clean(content)
    if cleaned == _spelled_as_serialised(content) and not _reserved_ids(policy, cleaned):
        return content, []
    cleaned = full.clean(content)
    try:
        source_tokens = tokens(content, source=True)
        cleaned_tokens = tokens(cleaned)
    except Exception:  # Python's HTML parser gave up on it: publish nh3's copy, and say so
        return cleaned, [_UNREADABLE]
    if not keep_comments:  # comments go without a word: they never show
        source_tokens = [token for token in source_tokens if token[0] != "!--"]
    if source_tokens == cleaned_tokens:
        return cleaned, []  # the same document, spelt differently (`<br/>`, single quotes)
    return cleaned, removals(content, policy) or [_first_difference(source_tokens, cleaned_tokens)]


def locate(path: str, lines: list[str], first_line: int, found: list[Removal]) -> list[Problem]:
    """Problems for the removals, each on the first line of the Markdown source (from first_line)
    that holds its needle; repeated removals of one needle take successive lines."""
    lowered = [line.lower() for line in lines]
    after: dict[str, int] = {}
    problems: list[Problem] = []
    seen: set[tuple[int, str]] = set()
    for removal in found:
        line = first_line
        for needle in removal.needles:
            key = needle.lower()
            if not key:
                continue
            start = after.get(key, first_line)
            hit = _find(lowered, key, start) or _find(lowered, key, first_line)
            if hit:
                after[key] = hit + 1
                line = hit
                break
        if (line, removal.what) not in seen:
            seen.add((line, removal.what))
            problems.append(Problem(path, line, removal.what, removal.fix))
    return problems


def _find(lowered: list[str], needle: str, start: int) -> int | None:
    for number in range(max(start, 1), len(lowered) + 1):
        if needle in lowered[number - 1]:
            return number
    return None


def sanitize_page(
    content: str,
    path: str,
    lines: list[str],
    first_line: int = 1,
    reported: AbstractSet[tuple[str, int]] = frozenset(),
    keep_comments: bool = False,
) -> tuple[str, list[Problem]]:
    """A page's rendered content to publish, and a problem for each thing removed from it, on its
    Markdown line. Lines in `reported` (path, line) already have a problem of the page checks
    (a `<script>` in plain prose), which says the same. The generated pages keep their comments:
    the build's markers, filled in later."""
    published, found = sanitize(content, keep_comments=keep_comments)
    if not found:
        return published, []
    problems = locate(path, lines, first_line, found)
    # A skipped line already fails the build with the page checks' own problem.
    return published, [p for p in problems if (p.path, p.line) not in reported]
