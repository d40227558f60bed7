"""A page's rendered content, cleaned by allow-list: only the HTML that Markdown and the configured
extensions produce (sanitize.POLICY) reaches a reader. The cleaning is done by nh3
(Rust's ammonia, with a browser-grade HTML parser); this module only configures it, decides
whether the page's own bytes can stay, and says what was removed and where.

The page's own bytes stay when the cleaned HTML is the same document, so the site is not
rewritten for nothing (`&para;` would become `¶`, for one). Anything else is served as nh3 wrote
it, and what it removed is reported against the page's Markdown line, so a strict build fails."""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from functools import lru_cache
from html.parser import HTMLParser
from typing import Any, NamedTuple, Protocol

import nh3

from .html_parts import DESTRUCTIVE_CLASS, DOWNLOAD_CLASS
from .link_policy import url_problem
from .problems import Problem
from .tag_advice import tag_fix

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
_URL_VALUE = re.compile(r'\s(?:href|src)="([^"]*)"')
# A start tag and its class in nh3's output, which writes `<` and `>` in values as references.
_TAG_CLASS = re.compile(r'<([a-z][a-z0-9]*)\b[^>]*?\sclass="([^"]*)"')
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
# Why each kind of tag is refused, and what to do instead.
_GENERIC_TAG_FIX = "write it in Markdown; raw HTML may use only the tags Markdown produces (sanitize.POLICY)"


class Policy(NamedTuple):
    tags: frozenset[str]
    attributes: dict[str, frozenset[str]]  # "*" for every tag
    attribute_values: dict[str, dict[str, frozenset[str]]]
    style_properties: frozenset[str]
    url_schemes: frozenset[str]
    image_url_schemes: frozenset[str]
    reserved_id_prefix: tuple[str, ...]
    extension_id_prefixes: tuple[str, ...]
    reserved_class_prefix: tuple[str, ...] = ()
    build_classes: frozenset[str] = frozenset()  # the build's own edits write these on any page
    # The classes each tag may carry (a pattern per tag; no entry: none), beside build_classes.
    classes: dict[str, re.Pattern[str]] | None = None
    own_class_prefix: tuple[str, ...] = ()  # the generated pages' own classes, on any tag

    def reserved_class(self, word: str, tag: str) -> bool:
        """Whether a class word may not stay: the theme's or the site's own, or one the tag never
        has in what Markdown and its extensions write (a Material class that hides its text)."""
        if word in self.build_classes:
            return False
        if word.startswith(self.reserved_class_prefix):
            return True
        if self.classes is None or (self.own_class_prefix and word.startswith(self.own_class_prefix)):
            return False
        allowed = self.classes.get(tag)
        return allowed is None or not allowed.fullmatch(word)

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


def _tags(*names: str) -> frozenset[str]:
    return frozenset(names)


# The admonition kinds Material styles (and the site's own `legacy`): a kind names a box's colour
# and icon, and nothing else.
_KINDS = (
    "note abstract summary tldr info todo tip hint important success check done question help faq warning caution "
    "attention failure fail missing danger error bug example quote cite legacy"
)
_KIND = "|".join(_KINDS.split())
_LANGUAGE = r"language-[\w#+.-]+"
# The classes a tag may carry: those the extensions in mkdocs.yml write on it, and no other.
# Class by class, not by prefix: Material styles some of its classes to hide their text
# (`headerlink` and `footnote-backref` are transparent; `tabbed-content` is hidden until its tab
# is chosen), so a word the page's Markdown could not have produced, on a tag it could not have
# produced it on, could show the reader one thing and give the copy button another.
_CLASSES: dict[str, re.Pattern[str]] = {
    tag: re.compile(pattern)
    for tag, pattern in {
        # highlight's token spans (`k`, `s1`, `l-Scalar-Plain`), keys' wrapper, a block's title
        "span": r"[a-z]{1,3}[0-9]?(?:-[A-Za-z]+)*|keys|filename|linenos|normal|special",
        "kbd": r"key-[a-z0-9-]+",  # pymdownx.keys
        "code": rf"highlight|{_LANGUAGE}",  # inlinehilite
        "div": rf"admonition|highlight|{_LANGUAGE}|footnote|linenodiv|tabbed-(?:set|alternate|labels|content|block)"
        rf"|{_KIND}",
        "table": "highlighttable",  # a block with line numbers: a table of numbers and code
        "td": "linenos|code",
        "details": _KIND,  # pymdownx.details
        "p": "admonition-title",
        "a": "headerlink|footnote-ref|footnote-backref",  # toc's permalink, footnotes' links
    }.items()
}


# The HTML a contributed page's rendered content may hold: what Python-Markdown, the extensions in
# mkdocs.yml and this project's own Markdown edits produce. Raw HTML in a page is refused before
# rendering (content.py); this is the second line, for whatever Markdown itself lets through.
# Code, not data: a pull request cannot widen the policy it is checked against (CODEOWNERS).
POLICY = Policy(
    tags=_tags(
        # Python-Markdown: paragraphs, headings, lists, quotes, code, emphasis, links, images, rules
        *("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li"),
        *("pre", "code", "em", "strong", "a", "img"),
        *("table", "thead", "tbody", "tr", "th", "td"),  # tables
        "sup",  # footnotes' reference mark
        *("div", "span"),  # admonition, superfences/highlight, tabbed: blocks and code token spans
        "kbd",  # pymdownx.keys
        *("details", "summary"),  # pymdownx.details
        *("input", "label"),  # pymdownx.tabbed (alternate style): a radio button and a label per tab
    ),
    attributes={
        "*": frozenset({"id", "class", "title"}),  # attr_list: `{ #id .class title="…" }`
        "a": frozenset({"href", "name"}),  # name: highlight's line anchors (anchor_linenums)
        "img": frozenset({"src", "alt", "width", "height"}),
        "ol": frozenset({"start"}),
        "th": frozenset({"style"}),  # column alignment, `text-align` only
        "td": frozenset({"style"}),
        "div": frozenset({"data-why", "data-tabs"}),  # a destructive block's reason; tabbed
        "span": frozenset({"data-linenos"}),  # highlight's line numbers
        "input": frozenset({"name", "checked"}),
        "label": frozenset({"for"}),
        "details": frozenset({"open"}),
    },
    attribute_values={
        "input": {"type": frozenset({"radio"})},  # tabbed's tab switch; no text fields or buttons
        "p": {"role": frozenset({"note"})},  # the destructive-block warning (markdown_extension.py)
        "span": {"aria-hidden": frozenset({"true"})},
        "div": {"data-destructive": frozenset({"true"})},
    },
    style_properties=frozenset({"text-align"}),
    # Links: https only (and relative links); link_policy.py says why and checks the rest of a URL.
    url_schemes=frozenset({"https"}),
    image_url_schemes=frozenset(),  # images come from docs/ (docs_files.py), never inline
    # Ids starting with `__` belong to Material (`__config`, `__search`, `__drawer`…), those
    # starting with `cs-` to this site's own features (`cs-fill-panel`): a page reusing one could
    # take over their scripts. These prefixes are the extensions' own.
    reserved_id_prefix=("__", "cs-"),
    extension_id_prefixes=("__tabbed_", "__codelineno-", "__span-"),
    # Classes of the theme's layout (`md-…`) and of this site's features (`cs-update`,
    # `cs-visually-hidden`): a page using one could cover, hide or fake the site's own interface.
    reserved_class_prefix=("md-", "cs-"),
    # The destructive-command block and its warning (markdown_edits.py, markdown_extension.py),
    # written by the build before the page is cleaned; a page writing them itself is refused
    # before rendering (structure_checks.reserved_names). The home page's download marker, which
    # the build puts in place of its `<!-- cs-download -->` comment.
    build_classes=frozenset(
        {DESTRUCTIVE_CLASS, f"{DESTRUCTIVE_CLASS}-warning", f"{DESTRUCTIVE_CLASS}-icon", DOWNLOAD_CLASS}
    ),
    classes=_CLASSES,
)
# The build's own generated pages use the site's `cs-` classes.
SITE_POLICY = POLICY._replace(reserved_class_prefix=("md-",), reserved_id_prefix=("__",), own_class_prefix=("cs-",))


def load_policy() -> Policy:
    """The allow-list for contributed pages (kept as a function: callers ask for it)."""
    return POLICY


def _scheme(url: str) -> str | None:
    """The URL's scheme as a browser reads it (spaces and control characters inside it ignored)."""
    match = _SCHEME.match(_INVISIBLE.sub("", url))
    return match.group(1).lower() if match else None


def _reserved_id(policy: Policy, value: str) -> bool:
    return value.startswith(policy.reserved_id_prefix) and not value.startswith(policy.extension_id_prefixes)


_CLEANERS: dict[tuple[int, bool], tuple[Policy, nh3.Cleaner, nh3.Cleaner]] = {}


def _cleaners(policy: Policy, keep_comments: bool = False) -> tuple[nh3.Cleaner, nh3.Cleaner]:
    """Two nh3 cleaners for the policy: the full one, and a fast one for the common case that
    refuses every `data:` URL and leaves the id check to `_RESERVED_ID` (a Python callback for
    each of the site's ~12,000 attributes doubles nh3's time)."""
    cached = _CLEANERS.get((id(policy), keep_comments))
    if cached is not None and cached[0] is policy:
        return cached[1], cached[2]

    def attribute_filter(tag: str, name: str, value: str) -> str | None:
        if tag == "img" and name == "src" and _foreign_image(value):
            return None
        if name in _URL_ATTRIBUTES:
            scheme = _scheme(value)
            if scheme in policy.image_url_schemes and not (tag == "img" and name == "src"):
                return None
            if scheme not in policy.image_url_schemes and _suspect_url(value) and url_problem(value):
                return None
        if name in _ID_ATTRIBUTES and _reserved_id(policy, value):
            return None
        if name == "class" and policy.reserved_class_prefix:
            return " ".join(word for word in value.split() if not policy.reserved_class(word, tag))
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
    if policy.reserved_class_prefix:
        for match in _TAG_CLASS.finditer(cleaned):
            if any(policy.reserved_class(word, match.group(1)) for word in match.group(2).split()):
                return True
    return (
        bool(policy.reserved_id_prefix)
        and _reserved_id_pattern(policy.reserved_id_prefix, policy.extension_id_prefixes).search(cleaned) is not None
    )


@lru_cache(maxsize=8)
def _reserved_id_pattern(reserved: tuple[str, ...], allowed: tuple[str, ...]) -> re.Pattern:
    """An id, name or for attribute with the reserved prefix and none of the extensions' own
    prefixes (_reserved_id), as one pattern: a page holds thousands of highlight's line anchors."""
    exempt = f"(?!{'|'.join(re.escape(prefix) for prefix in allowed)})" if allowed else ""
    return re.compile(rf'(?:id|name|for)="{exempt}(?:{"|".join(map(re.escape, reserved))})')


def _suspect_url(value: str) -> bool:
    """Whether a URL needs link_policy's look: most are plain anchors and relative links."""
    return (
        not (value.isascii() and value.isprintable())
        or value.startswith("//")
        or any(char in value for char in "\\:@& ")
    )


# An image's source: the site's own files only (docs_files.py checks them), by a relative path. A
# scheme or a leading slash is someone else's server (a tracking pixel the CSP alone would stop).
_IMG_SRC = re.compile(r'<img\b[^>]*?\ssrc="([^"]*)"')


def _foreign_image(value: str) -> bool:
    value = value.strip()
    return _scheme(value) is not None or value.startswith(("/", "\\"))


def _bad_urls(cleaned: str) -> bool:
    """Whether nh3's output holds a link or source that link_policy refuses (`//host`, `\\`,
    `user@host`), or an image from outside the site: nh3 checks only the scheme."""
    if "<img" in cleaned and any(_foreign_image(html.unescape(v)) for v in _IMG_SRC.findall(cleaned)):
        return True
    for value in _URL_VALUE.findall(cleaned):
        value = html.unescape(value) if "&" in value else value
        if _suspect_url(value) and url_problem(value):
            return True
    return False


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
    listed = tokens(content, source=True)
    for index, token in enumerate(listed):
        if token[0] != "<":
            continue
        tag, attrs = token[1], token[2]
        if tag not in policy.tags:
            found.append(Removal(f"raw `<{tag}>` tag in the page", tag_fix(tag, _GENERIC_TAG_FIX), (f"<{tag}",)))
            continue
        for name, value in attrs:
            if tag in _HEADINGS and name == "id" and _reserved_id(policy, value):
                found.append(_heading_id_removal(policy, value, _text_until(listed, index, tag)))
            else:
                found += _attribute_removals(policy, tag, name, value)
    return found


_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))


def _text_until(listed: list[tuple], start: int, tag: str) -> str:
    """The text of the element that opens at listed[start], up to its end tag, without the
    permalink Markdown's toc adds (`¶`)."""
    text = []
    in_permalink = False
    for token in listed[start + 1 :]:
        if token == ("/", tag):
            break
        if token[0] == "<" and token[1] == "a":
            in_permalink = "headerlink" in dict(token[2]).get("class", "").split()
        elif token == ("/", "a"):
            in_permalink = False
        elif token[0] == "text" and not in_permalink:
            text.append(token[1])
    return " ".join("".join(text).split())


def _heading_id_removal(policy: Policy, value: str, text: str) -> Removal:
    """A heading whose id clashes with the site's own. Markdown makes a heading's id from its
    words, so the contributor may never have written it: the message names the heading, and the
    heading's words find its line."""
    return Removal(
        f'the heading "{text[:60]}" gets the id `{value}`, which clashes with the site\'s own ids (they start '
        f"with {_prefixes(policy.reserved_id_prefix)})",
        "reword the heading, or give it an id of its own after its text, such as `{ #notes }`",
        (value, text[:40]),
    )


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
                "remove it; pages may use only the attributes Markdown produces (sanitize.POLICY)",
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
    if (tag, name) == ("img", "src") and _foreign_image(value):
        return [
            Removal(
                f"an image from outside the site (`{value[:60]}`)",
                "put the image in docs/ and show it by a relative path, such as `![What it shows](images/name.png)`",
                (value[:40], f"<{tag}"),
            )
        ]
    if name in _URL_ATTRIBUTES:
        scheme = _scheme(value)
        allowed = policy.url_schemes | (policy.image_url_schemes if (tag, name) == ("img", "src") else frozenset())
        if scheme is not None and scheme not in allowed:
            return [
                Removal(
                    f"`{scheme}:` URL in `{name}` of `<{tag}>`",
                    "link to a page of the site, an anchor or an https:// address instead",
                    (value[:40], f"{scheme}:", f"<{tag}"),
                )
            ]
        wrong = url_problem(value) if scheme not in policy.image_url_schemes else None
        if wrong:
            return [Removal(*wrong, (value[:40], f"<{tag}"))]
    if name == "class" and policy.reserved_class_prefix:
        theirs = [word for word in value.split() if policy.reserved_class(word, tag)]
        if theirs and theirs[0].startswith(policy.reserved_class_prefix):
            return [
                Removal(
                    f"class `{theirs[0]}` belongs to the site's own layout and features",
                    f"remove it; a page's classes may not start with {_prefixes(policy.reserved_class_prefix)}",
                    (theirs[0], f"<{tag}"),
                )
            ]
        if theirs:
            return [
                Removal(
                    f"class `{theirs[0]}` on `<{tag}>` is not one Markdown writes there",
                    "remove it: a page may not style its text (some of the theme's classes hide it)",
                    (theirs[0], f"<{tag}"),
                )
            ]
    if name in _ID_ATTRIBUTES and _reserved_id(policy, value):
        return [
            Removal(
                f'`{name}="{value}"` clashes with the site\'s own ids (they start with '
                f"{_prefixes(policy.reserved_id_prefix)})",
                f"choose a name that does not start with {_prefixes(policy.reserved_id_prefix)}",
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


def _prefixes(prefixes: tuple[str, ...]) -> str:
    return " or ".join(f"`{prefix}`" for prefix in prefixes)


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
    if cleaned == _spelled_as_serialised(content) and not _reserved_ids(policy, cleaned) and not _bad_urls(cleaned):
        return content, []
    cleaned = full.clean(content)
    try:
        source_tokens = tokens(content, source=True)
        cleaned_tokens = tokens(cleaned)
    except Exception:  # Python's HTML parser gave up on it: publish nh3's copy, and say so
        return cleaned, [_UNREADABLE]
    if not keep_comments and any(token[0] == "!--" for token in source_tokens):
        # Comments go without a word: they never show. The text on either side of one is one
        # text once it is gone, and the blanks between blocks that it leaves are no content.
        source_tokens = joined_text([token for token in source_tokens if token[0] != "!--"])
        cleaned_tokens = joined_text(cleaned_tokens)
    if source_tokens == cleaned_tokens:
        return cleaned, []  # the same document, spelt differently (`<br/>`, single quotes)
    return cleaned, removals(content, policy) or [_first_difference(source_tokens, cleaned_tokens)]


def joined_text(listed: list[tuple]) -> list[tuple]:
    """Tokens as a browser reads them once a comment between two texts is gone: one text, and
    the blanks between blocks no content."""
    joined: list[tuple] = []
    for token in listed:
        if token[0] == "text" and joined and joined[-1][0] == "text":
            joined[-1] = ("text", joined[-1][1] + token[1])
        else:
            joined.append(token)
    return [("text", " ") if token[0] == "text" and not token[1].strip() else token for token in joined]


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


_PRE = re.compile(r"<pre\b[^>]*>(.*?)</pre>", re.S)
_TAG = re.compile(r"<[^>]*>")


def code_texts(content: str) -> list[str]:
    """The text of each code block of rendered HTML, without its whitespace (the build's own
    spans may space a comment differently; a word added or hidden still shows). A numbered
    block's column of line numbers is no code block, when it holds only numbers."""
    texts = []
    for match in _PRE.finditer(content):
        text = "".join(html.unescape(_TAG.sub("", match.group(1))).split())
        if text.isdigit() and content.endswith('class="linenodiv">', 0, match.start()):
            continue
        texts.append(text)
    return texts


def fence_text(lines: Iterable[str]) -> str:
    """A fence's content as code_texts() gives a rendered block's."""
    return "".join("".join(lines).split())


def _line_starting(text: str, lines: list[str], first_line: int, line: int) -> int:
    """Where a block starts in the Markdown, when it can be found there: the line whose text
    (without tags or whitespace) begins the block's for the most characters; else `line`."""
    best = 0
    for number in range(max(first_line, 1), len(lines) + 1):
        start = "".join(html.unescape(_TAG.sub("", lines[number - 1])).split())
        if len(start) > best and text.startswith(start):
            best, line = len(start), number
    return line


def unread_code_blocks(content: str, fences: list[str], path: str, lines: list[str], first_line: int) -> list[Problem]:
    """A code block the checks did not read as the fence Markdown rendered it from (an indented
    block, HTML that got through, or a fence the checks and superfences read differently: a
    shorter indent, a longer closing fence, one never closed). Its commands would go unchecked,
    and text hidden in it would still be copied. Each rendered block must hold what one fence
    the checks read holds."""
    shown = Counter(code_texts(content))
    unread = shown - Counter(fences)
    # The other way round too: a fence the checks read that Markdown shows as no code block (a
    # decoy indented otherwise) would cancel a rendered block nothing read, in a count of one side.
    unshown = Counter(fences) - shown
    if not unread and unshown:
        text = next(iter(unshown))
        return [
            Problem(
                path,
                _line_starting(text, lines, first_line, first_line),
                "a fence the checks read as a code block that Markdown shows as text (indented or closed "
                "otherwise than a fence Markdown reads)",
                "start the fence at the left edge of its block, as ```bash, and close it with the same fence",
            )
        ]
    if not unread:
        return []
    text = next(iter(unread))
    line = next(
        (
            number
            for number in range(max(first_line, 2), len(lines) + 1)
            if lines[number - 1].startswith(("    ", "\t")) and not lines[number - 2].strip()
        ),
        first_line,
    )
    line = _line_starting(text, lines, first_line, line)
    return [
        Problem(
            path,
            line,
            "a code block that is not a fenced block as the checks read it (indented by four spaces, HTML, or "
            "a fence indented or closed differently from its opening), so the build cannot check it",
            "write it as a fenced block: ```bash on the line before, ``` on the line after, "
            "both at the same indent and of the same length",
        )
    ]


# An id the theme writes into markup of its own, outside the cleaned content: the table of
# contents links to each heading by `href="#{id}"`, unescaped (MkDocs' templates do not
# autoescape). So a heading's id is a plain word, by allow-list: what Markdown's slugs and a
# contributor's `{ #my-id }` are made of.
PLAIN_ID = re.compile(r"[A-Za-z0-9_-]+")


class TocEntry(Protocol):
    """An entry of a page's table of contents (MkDocs' AnchorLink)."""

    title: str
    id: str
    children: Any  # its entries


def _toc_entries(entries: Iterable[TocEntry]) -> Iterator[TocEntry]:
    for entry in entries:
        yield entry
        yield from _toc_entries(entry.children)


def toc_problems(entries: Iterable[TocEntry], path: str, lines: list[str], first_line: int = 1) -> list[Problem]:
    """A problem, on its Markdown line, for each entry of the table of contents whose id is not a
    plain word; the entry gets a plain id made from its title, so the page the failed build
    writes holds no markup the page wrote either."""
    found: list[Removal] = []
    for entry in _toc_entries(entries):
        if PLAIN_ID.fullmatch(entry.id):
            continue
        shown = entry.id if len(entry.id) <= 40 else entry.id[:40] + "…"
        found.append(
            Removal(
                f"the heading id `{shown}` holds characters other than letters, digits, `-` and `_`",
                "write a plain id, such as `{ #my-heading }`, or leave it out for the one made from the heading",
                # the id as written (plain, or with its quotes and brackets as entities), else the heading
                (entry.id[:40], html.escape(entry.id)[:40], html.unescape(re.sub(r"<[^>]*>", "", entry.title))[:40]),
            )
        )
        words = re.findall(r"[a-z0-9]+", re.sub(r"<[^>]*>", "", html.unescape(entry.title)).lower())
        entry.id = "-".join(words) or "section"
    return locate(path, lines, first_line, found)


def sanitize_page(
    content: str,
    path: str,
    lines: list[str],
    first_line: int = 1,
    reported: AbstractSet[tuple[str, int]] = frozenset(),
    keep_comments: bool = False,
    fences: list[str] | None = None,
) -> tuple[str, list[Problem]]:
    """A page's rendered content to publish, and a problem for each thing removed from it, on its
    Markdown line. Lines in `reported` (path, line) already have a problem of the page checks
    (a `<script>` in plain prose), which says the same. The generated pages keep their comments:
    the build's markers, filled in later."""
    # The generated pages (which keep their comments) are the build's own: they use its classes.
    published, found = sanitize(content, SITE_POLICY if keep_comments else POLICY, keep_comments=keep_comments)
    unread = [] if fences is None else unread_code_blocks(published, fences, path, lines, first_line)
    if not found:
        return published, unread
    if any(at == path for at, _ in reported):
        # HTML that no line of the page holds (`<p><div …>` from a code block touching a
        # paragraph) comes from Markdown the page checks already refused: their problem says
        # where and how to fix it, and this one could only point at the page's first line.
        lowered = [line.lower() for line in lines]
        found = [r for r in found if any(_find(lowered, n.lower(), first_line) for n in r.needles if n)]
    problems = unread + locate(path, lines, first_line, found)
    # A skipped line already fails the build with the page checks' own problem.
    return published, [p for p in problems if (p.path, p.line) not in reported]
