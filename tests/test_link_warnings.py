"""One broken link, one warning: the checker's `docs/x.md:LINE: …` line, not a second one from
MkDocs' own link validation, for a page, an anchor and an image alike."""

from __future__ import annotations

BROKEN_LINK_PAGES = ("networks.md",)


def prepare_broken_links(project):
    page = project / "docs" / "networks.md"
    page.write_text(
        page.read_text(encoding="utf-8")
        + "\nSee [volumes](volumez.md), [a part](containers.md#nopez) and ![A picture](missing.png).\n"
        # A box's title is Markdown too: MkDocs checks its links, so the checker reads them.
        + '\n!!! note "Read [the guide](guidez.md) first"\n\n    Body.\n',
        encoding="utf-8",
    )


def test_each_broken_link_is_reported_once(batched_variant):
    # Built with other pages whose problems lie on their own pages; their lines are left out.
    build = batched_variant("own-pages", "broken-links")
    assert build.returncode != 0
    for target in ("volumez.md", "#nopez", "missing.png", "guidez.md"):
        reports = [line for line in build.warnings if target in line]
        assert len(reports) == 1, (target, reports)
    for target in ("volumez.md", "guidez.md", "missing.png"):
        assert any(line.startswith("WARNING -  docs/networks.md:") and target in line for line in build.warnings)
    assert not [line for line in build.warnings if line.startswith("WARNING -  Doc file")], build.warnings
