"""The hostile visits' own eyes (tests/hostile.py): each sign of a page running something is
seen on that page's visit, and on no other page shown in the same tab after it. The visits of
tests/test_hostile_html.py pass only if these fail when they should."""

import pytest
from hostile import visit_all

HEADER = '<header class="md-header">site</header>'
# name: (the page's body, whether a reader is safe on it)
PAGES = {
    "plain": ("<p>text</p>", True),
    "script": ("<script>window.pwned = 1</script>", False),
    "title": ("<script>document.title = 'pwned'</script>", False),
    "alert": ("<script>alert(1)</script>", False),
    "refresh": ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', False),
    "image": ('<img src="https://evil.example/x.png" alt="">', False),
    "hidden": ("<style>body { display: none }</style>", False),
    "late-timer": ("<script>setTimeout(() => { window.pwned = 2 }, 300)</script>", False),
}


@pytest.mark.browser
def test_each_sign_is_seen_on_its_own_page_and_not_on_the_next_in_its_tab(browser, tmp_path):
    # Two tabs, batches (hostile, plain) then (plain, hostile): each tab shows every hostile
    # page just before or just after a plain one.
    hostile = [name for name in PAGES if name != "plain"]
    order = [name for k, page in enumerate(hostile) for name in ((page, "plain") if k % 2 == 0 else ("plain", page))]
    paths = []
    for k, name in enumerate(order):
        path = tmp_path / f"{k:02d}-{name}.html"
        path.write_text(f"<!doctype html><title>{name}</title>{HEADER}{PAGES[name][0]}", encoding="utf-8")
        paths.append(path)
    seen = visit_all(browser, paths, batch=2)
    verdicts = {path.name: visit.harmless() for path, visit in zip(paths, seen, strict=True)}
    expected = {path.name: PAGES[name][1] for path, name in zip(paths, order, strict=True)}
    assert verdicts == expected
