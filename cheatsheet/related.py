"""Related topics: for each page, the pages most like it by shared commands and links."""

from __future__ import annotations


def related(
    pages: list[str], commands: dict[str, set[str]], links: dict[str, set[str]], limit: int = 3
) -> dict[str, list[str]]:
    """For each page, the pages that share the most commands with it or link to or from it.

    Counted through an inverted index (command -> pages), so pages that share nothing are never
    compared: the cost follows the commands pages share, not the square of the page count."""
    position = {page: i for i, page in enumerate(pages)}
    users: dict[str, list[str]] = {}
    for page in pages:
        for command in commands.get(page, ()):
            users.setdefault(command, []).append(page)
    scores: dict[str, dict[str, int]] = {page: {} for page in pages}
    for sharing in users.values():
        if len(sharing) > 50:
            continue  # a command on most pages says nothing about how two of them relate
        for page in sharing:
            for other in sharing:
                if other != page:
                    scores[page][other] = scores[page].get(other, 0) + 1
    for page in pages:
        for target in links.get(page, ()):
            if target in position and target != page:
                scores[page][target] = scores[page].get(target, 0) + 3
                scores[target][page] = scores[target].get(page, 0) + 3
    return {
        page: [other for other, _ in sorted(scores[page].items(), key=lambda kv: (-kv[1], position[kv[0]]))[:limit]]
        for page in pages
    }
