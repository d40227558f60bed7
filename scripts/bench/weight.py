"""3. Size of the search index and weight of the pages: the HTML and every stylesheet, script,
image and font it references, each file counted once."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .common import GENERATED_HTML, PAGE_WEIGHT_BUDGET
from .html_refs import read_page

_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
_FONT_EXT = {".woff", ".woff2", ".ttf", ".otf", ".eot"}


def _local(base: Path, url: str, root: Path) -> Path | None:
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("data:", "#")) or not parts.path:
        return None
    path = (base.parent / unquote(parts.path)).resolve()
    return path if path.is_file() and root in path.parents else None


def page_weight(site: Path, html: Path) -> dict:
    root = site.resolve()
    files: dict[Path, str] = {html.resolve(): "html"}
    queue = []
    for kind, url in read_page(html.read_text(encoding="utf-8")).refs:
        path = _local(html.resolve(), url, root)
        if path and path not in files:
            files[path] = kind
            if kind == "css":
                queue.append(path)
    while queue:  # url() and @import in stylesheets: fonts, images, more CSS
        css = queue.pop()
        for match in _CSS_URL.finditer(css.read_text(encoding="utf-8", errors="replace")):
            url = match.group(2) or match.group(4)
            path = _local(css, url, root)
            if path and path not in files:
                kind = "css" if path.suffix == ".css" else "font" if path.suffix in _FONT_EXT else "image"
                files[path] = kind
                if kind == "css":
                    queue.append(path)
    by_kind: dict[str, int] = {}
    total = gz = 0
    for path, kind in files.items():
        data = path.read_bytes()
        by_kind[kind] = by_kind.get(kind, 0) + len(data)
        total += len(data)
        gz += len(gzip.compress(data, 6))
    return {
        "page": html.name,
        "bytes": total,
        "gzip_bytes": gz,
        "by_kind": by_kind,
        "files": {str(p.relative_to(root)): p.stat().st_size for p in sorted(files)},
    }


def weights(site: Path) -> dict:
    index_json = site / "search" / "search_index.json"
    index_js = site / "search" / "search_index.js"
    config = read_page((site / "index.html").read_text(encoding="utf-8")).scripts.get("__config")
    worker_url = json.loads(config)["search"] if config else None
    worker = site / worker_url if worker_url else None
    pages = {}
    for html in sorted(site.glob("*.html")):
        if html.name != "404.html":
            pages[html.name] = page_weight(site, html)
    topics = {n: w for n, w in pages.items() if n not in GENERATED_HTML and n != "index.html"}
    largest = max(topics.values(), key=lambda w: w["bytes"])
    raw = index_json.read_bytes()
    search = {
        "index_json_bytes": len(raw),
        "index_json_gzip_bytes": len(gzip.compress(raw, 6)),
        "index_js_bytes": index_js.stat().st_size if index_js.exists() else None,
        "index_js_gzip_bytes": len(gzip.compress(index_js.read_bytes(), 6)) if index_js.exists() else None,
        "worker": worker_url,
        "worker_bytes": worker.stat().st_size if worker and worker.exists() else None,
        "worker_gzip_bytes": len(gzip.compress(worker.read_bytes(), 6)) if worker and worker.exists() else None,
        "docs": len(json.loads(raw).get("docs", [])),
    }
    over = sorted(n for n, w in topics.items() if w["bytes"] > PAGE_WEIGHT_BUDGET)
    return {
        "search": search,
        "home": pages["index.html"],
        "largest_topic": largest,
        "generated": {n: pages[n] for n in sorted(GENERATED_HTML) if n in pages},
        "topics": {n: {"bytes": w["bytes"], "gzip_bytes": w["gzip_bytes"]} for n, w in topics.items()},
        "budget_bytes": PAGE_WEIGHT_BUDGET,
        "topics_over_budget": over,
        "pass": not over,
        "generated_over_budget": sorted(
            n for n in GENERATED_HTML if n in pages and pages[n]["bytes"] > PAGE_WEIGHT_BUDGET
        ),
    }
