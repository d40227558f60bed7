"""The example record (cheatsheet/examples.py): a command line, its explanation, its anchor and
commands, and its markup in the rendered code."""

from __future__ import annotations

import html
import re

from cheatsheet import catalog as catalog_module
from cheatsheet import examples
from cheatsheet.catalog_checks import check_page
from cheatsheet.page import scan

PAGE = """---
title: Demo
---

# Demo

## Run

```bash
docker container run -d --name web nginx   # starts a web server in the background
# the same, published on a port
docker container run -d -p 8080:80 \\
  nginx
echo 'a # not a comment'
docker container run -d --name web nginx
```
"""


def _examples():
    page = scan("docs/demo.md", PAGE, "demo.md")
    return page, examples.collect(page, check_page(page, catalog_module.load()))


def test_each_command_line_is_an_example_with_its_explanation_commands_and_anchor():
    _, found = _examples()
    assert [e.command for e in found] == [
        "docker container run -d --name web nginx",
        "docker container run -d -p 8080:80 nginx",
        "echo 'a # not a comment'",
        "docker container run -d --name web nginx",
    ]
    assert found[0].explanation == "starts a web server in the background"
    assert found[1].explanation == "the same, published on a port"  # the comment line above
    assert found[2].explanation == "" and found[2].commands == ()
    assert found[0].commands == ("docker container run",) and "publish" in found[1].flags
    assert found[0].heading == "run" and found[0].page == "demo.md"
    anchors = [e.anchor for e in found]
    assert len(set(anchors)) == 4 and anchors[3] == anchors[0] + "-2"
    assert all(re.fullmatch(r"ex-[a-z0-9-]+", a) for a in anchors)


def test_the_rendered_code_wraps_each_example_and_keeps_its_text():
    import markdown

    page, found = _examples()
    body = PAGE.split("---\n", 2)[2]
    rendered = markdown.markdown(
        body,
        extensions=["pymdownx.superfences", "pymdownx.highlight"],
        extension_configs={"pymdownx.highlight": {"anchor_linenums": True, "pygments_lang_class": True}},
    )
    marked = examples.mark_examples(rendered, examples.page_fences(page, found))
    assert marked.count('class="cs-ex"') == 4
    assert f'id="{found[1].anchor}"' in marked
    assert 'data-command="docker container run -d -p 8080:80 nginx"' in marked
    assert marked.count('class="cs-ex__why"') == 1

    def text(fragment: str) -> str:
        return html.unescape(re.sub(r"<[^>]*>", "", fragment))

    assert text(marked) == text(rendered)  # what the copy button copies is unchanged
