"""Random Unicode and random file names through the door checks (issue 22): each input gets a
clear `file:line: what — fix` problem or passes harmless, and nothing raises. A page or link that
passes holds no invisible character and no mixed-script word; a file name that passes is
`[a-z0-9-]` plus an allowed suffix."""

from __future__ import annotations

import html
import os
import re
import string
import tempfile
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cheatsheet import catalog, characters, data_schemas, docs_files, link_policy, sanitize, structure_checks
from cheatsheet.page import scan
from cheatsheet.site import build_site

CATALOG = catalog.load()
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PROBLEM = re.compile(r"^(docs|data)/[^:]*:\d+: .+ — .+$", re.S)
# Characters the attacks used, mixed into otherwise random text.
TRICKS = st.sampled_from(
    [
        *("\u202e", "\u2066", "\u200b", "\u00ad", "\ufeff", "\U000e0041", "\u043e", "\u0430"),
        *("\u034f", "\ufe0f", "\U000e0101", "\u180b", "\u17b4", "\u3164"),
        *("<", ">", "&", "`", "\\", "//", "@", "&#x202E;", "&shy;", "{: .cs-update }", "<pre>", "<!--", "-->"),
        *("https://", "\n", "    ", "docker", "ps", "[a](", ")", "```"),
    ]
)
TEXT = st.lists(st.one_of(st.text(max_size=8), TRICKS), max_size=30)


def page(body: str) -> str:
    return f"---\ntitle: Fuzz\nsection: run\norder: 990\n---\n\n# Fuzz\n\n{body}\n"


@SETTINGS
@given(TEXT)
def test_any_page_text_is_reported_or_harmless(parts):
    text = page("".join(parts))
    site = build_site({"fuzz.md": text}, CATALOG)
    messages = [str(p) for p in site.problems if p.path == "docs/fuzz.md"]
    assert all(PROBLEM.match(m) for m in messages), messages
    assert "fuzz.md" not in site.failed, messages  # the checks never raised on it
    if not messages:
        assert not characters.invisible_in(text.replace("\t", " ")), "an invisible character passed"
        assert not characters.mixed_words(text), "a mixed-script word passed"
        for link in site.pages["fuzz.md"].scan.links:
            assert link_policy.url_problem(link.url) is None


@SETTINGS
@given(st.text(max_size=60), st.sampled_from(["", "https://", "//", "\\\\", "https://a@", "javascript:"]))
@example("?:", "")  # a `:` in the query of a relative link: no scheme (found by the fuzzer)
def test_any_link_target_is_reported_or_safe(rest, prefix):
    url = prefix + rest
    wrong = link_policy.url_problem(url)
    if wrong is None:
        assert not url.startswith(("//", "\\")) and "\\" not in url
        assert not characters.invisible_in(url)
        if url.lower().startswith("https:"):
            host = url[len("https://") :].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
            assert host.isascii() and "@" not in host, url
        else:
            assert ":" not in re.split(r"[/?#]", url, maxsplit=1)[0], url  # relative: no scheme
    else:
        assert wrong[0] and wrong[1]


@SETTINGS
@given(st.text(max_size=200))
def test_any_rendered_html_is_cleaned_or_reported(html_text):
    published, removed = sanitize.sanitize(html_text)
    for url in re.findall(r'(?:href|src)="([^"]*)"', published):
        assert link_policy.url_problem(html.unescape(url)) is None or removed


NAME_CHARS = st.sampled_from(
    [*(string.ascii_letters + string.digits + "-_. ~$#%&'()+,;=@[]{}"), "\u00e9", "\u043e", "\u202e"]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.lists(st.text(NAME_CHARS, min_size=1, max_size=12), min_size=1, max_size=4),
            st.sampled_from([b"# Page\n", b"\x89PNG\r\n\x1a\n" + bytes(8), b"<svg onload=x>", b""]),
        ),
        max_size=6,
    )
)
def test_any_file_names_are_reported_or_allowed(entries):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        written: set[str] = set()
        for parts, data in entries:
            parts = [p for p in parts if p not in (".", "..")]
            if not parts:
                continue
            path = root.joinpath(*parts)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                if path.exists():
                    continue
                path.write_bytes(data)
            except OSError:  # a name the file system refuses, or a file where a folder goes
                continue
            written.add("/".join(parts))
        check = docs_files.check_docs_dir(root)
        assert all(re.match(r"^docs/.*:1: .+ — .+", str(p), re.S) for p in check.problems)
        for here, _, files in os.walk(root):
            for name in files:
                rel = Path(here, name).relative_to(root).as_posix()
                if name.startswith(".") or any(part.startswith(".") for part in rel.split("/")[:-1]):
                    continue
                if not check.refuses(rel):
                    assert all(re.fullmatch(r"[a-z0-9-]+(\.(md|png|jpg|jpeg|webp))?", p) for p in rel.split("/"))
                    assert unicodedata.is_normalized("NFC", rel) and rel.isascii()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=120), st.sampled_from(list(data_schemas.SCHEMAS.glob("*.schema.json"))))
def test_any_data_file_text_is_reported_or_valid(text, schema):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "schemas").mkdir()
        (root / "schemas" / schema.name).write_bytes(schema.read_bytes())
        name = schema.name.replace(".schema.json", ".yaml")
        (root / name).write_text(text, encoding="utf-8", errors="surrogatepass")
        problems = data_schemas.check_file(root / name, f"data/{name}")
        assert all(PROBLEM.match(str(p)) for p in problems), problems


def test_the_page_scan_reads_what_the_fuzzer_writes():
    """The property tests above would pass vacuously if pages never reached the checks."""
    text = page("Run `d\u043ecker ps` \u202e [x](//evil.example)")
    messages = [str(p) for p in structure_checks.check_structure(scan("docs/fuzz.md", text, "fuzz.md"))]
    assert len(messages) >= 3, messages
