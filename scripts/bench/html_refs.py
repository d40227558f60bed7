"""The benchmark's one reading of HTML (the standard library's parser): which files a page
references, and the text of its `<script id=…>` elements (Material's `__config`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class PageRefs:
    refs: list[tuple[str, str]] = field(default_factory=list)  # (css | js | image, URL)
    scripts: dict[str, str] = field(default_factory=dict)  # id -> text


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.page = PageRefs()
        self._script: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        rel = a.get("rel", "").lower().split()
        if tag == "link" and a.get("href") and ("stylesheet" in rel or "icon" in rel or "preload" in rel):
            self.page.refs.append(("css" if "stylesheet" in rel else "image", a["href"]))
        elif tag == "script":
            if a.get("src"):
                self.page.refs.append(("js", a["src"]))
            elif a.get("id"):
                self._script = a["id"]
                self.page.scripts[self._script] = ""
        elif tag in ("img", "source") and (a.get("src") or a.get("srcset")):
            srcset = [c.strip().split()[0] for c in a.get("srcset", "").split(",") if c.strip()]
            for url in [a.get("src"), *srcset]:
                if url:
                    self.page.refs.append(("image", url))

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self.page.scripts[self._script] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None


def read_page(html: str) -> PageRefs:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.page
