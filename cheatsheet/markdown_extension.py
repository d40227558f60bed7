"""A Python-Markdown extension for the topic pages: while a page renders, inline `docker …`
commands link to their command-index entry and destructive code blocks get their warning.

Done on Python-Markdown's element tree (a treeprocessor, as MkDocs itself adjusts links and
anchors), not on the HTML afterwards: the tree says what is a heading, a link or an admonition
title, so no pattern has to guess it from markup. The hook registers one instance and tells it,
before each page renders, what to mark on that page (`page`)."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from typing import NamedTuple
from urllib.parse import urlsplit

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .addresses import command_anchor
from .findings import PageReport
from .html_parts import DESTRUCTIVE_CLASS, DESTRUCTIVE_ICON, DESTRUCTIVE_LABEL
from .page import PageScan

# Where a command is not linked, as the page scan reads it too: links, code blocks, headings,
# the summary of a collapsible block, an admonition's title.
_NO_LINKS = {"a", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "summary"}
_PLACEHOLDER = re.compile("\x02wzxhzdk:(\\d+)\x03")  # Python-Markdown's stashed-HTML marker


class PageMarks(NamedTuple):
    """What to mark on one page."""

    links: dict[str, str]  # inline code, as Python-Markdown holds it (HTML-escaped) -> href
    reasons: list[str]  # why each destructive block of the page deletes data


def page_marks(scan: PageScan, report: PageReport, index_href: str) -> PageMarks:
    """A page's marks: each inline command's entry in the command index (`index_href`: the
    index's source file relative to the page, which MkDocs turns into its URL after this
    extension ran), and the reasons of its destructive blocks."""
    links = {
        html.escape(span.code, quote=False): f"{index_href}#{command_anchor(report.span_links[(span.line, span.col)])}"
        for span in scan.spans
        if (span.line, span.col) in report.span_links
    }
    return PageMarks(links, list(report.destructive_fences.values()))


class CheatSheetExtension(Extension):
    def __init__(self) -> None:
        super().__init__()
        self.page: PageMarks | None = None  # set by the hook before each page renders

    def extendMarkdown(self, md: Markdown) -> None:
        # After the inline patterns (20) made the `code` elements, before prettify (10).
        md.treeprocessors.register(_Marks(md, self), "cheatsheet-marks", 15)
        # Before MkDocs rewrites links (its `relpath`, at 0), which raises on an address it
        # cannot split, outside any hook: a traceback instead of a message.
        md.treeprocessors.register(_Addresses(md), "cheatsheet-addresses", 1)


class _Addresses(Treeprocessor):
    """An `href` or `src` that is no URL (`http://[docs.docker.com/`) is dropped: the page's
    checks report the link on its line (structure_checks), and MkDocs never sees it."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for name in ("href", "src"):
                value = element.get(name)
                if value is None:
                    continue
                try:
                    urlsplit(value)
                except ValueError:
                    element.set(name, "#")


class _Marks(Treeprocessor):
    def __init__(self, md: Markdown, extension: CheatSheetExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        page = self.extension.page
        if page is not None and (page.links or page.reasons):
            self._walk(root, page, linking=bool(page.links))

    def _walk(self, parent: etree.Element, page: PageMarks, linking: bool) -> None:
        shift = 0  # elements inserted before the current child
        for position, child in enumerate(list(parent)):
            index = position + shift
            if page.reasons and child.text and self._warn(parent, index, child, page):
                shift += child.tag == "p"
                index += child.tag == "p"
            href = page.links.get(self._text(child)) if linking and child.tag == "code" and len(child) == 0 else None
            if href is not None:
                link = etree.Element("a", {"href": href})
                link.tail, child.tail = child.tail, None
                parent.remove(child)
                parent.insert(index, link)
                link.append(child)
                continue
            inside = linking and child.tag not in _NO_LINKS and "admonition-title" not in child.get("class", "").split()
            self._walk(child, page, inside)

    def _text(self, code: etree.Element) -> str:
        """An inline code element's text; pymdownx.inlinehilite stashes it (as escaped HTML)."""
        text = code.text or ""
        match = _PLACEHOLDER.fullmatch(text)
        if match:
            stashed = self.md.htmlStash.rawHtmlBlocks[int(match.group(1))]
            return stashed if isinstance(stashed, str) else ""
        return text

    def _warn(self, parent: etree.Element, index: int, element: etree.Element, page: PageMarks) -> bool:
        """Put the warning before a destructive code block. Code blocks are stashed HTML by now
        (superfences renders them early): the element holds only their placeholder."""
        match = _PLACEHOLDER.fullmatch(element.text.strip()) if element.text and element.tag != "code" else None
        if match is None:
            return False
        block = self.md.htmlStash.rawHtmlBlocks[int(match.group(1))]
        opening = block.split(">", 1)[0] if isinstance(block, str) and block.startswith("<div") else ""
        if DESTRUCTIVE_CLASS not in opening or 'data-destructive="true"' not in opening:
            return False
        why = next((r for r in page.reasons if _why_attribute(r) in opening), "deletes data")
        warning = etree.Element("p", {"class": f"{DESTRUCTIVE_CLASS}-warning", "role": "note"})
        icon = etree.SubElement(warning, "span", {"class": f"{DESTRUCTIVE_CLASS}-icon", "aria-hidden": "true"})
        icon.text, icon.tail = DESTRUCTIVE_ICON, " "
        strong = etree.SubElement(warning, "strong")
        strong.text, strong.tail = DESTRUCTIVE_LABEL, f" {why}. Check what it selects before you run it."
        if element.tag == "p":
            parent.insert(index, warning)  # before the block's paragraph
        else:  # the block is the element's first content (a tight list item): warning first
            warning.tail, element.text = element.text, None
            element.insert(0, warning)
        return True


def _why_attribute(why: str) -> str:
    """The `data-why` attribute markdown_edits writes on the block for this reason."""
    return f'data-why="{html.escape(why, quote=True)}"'
