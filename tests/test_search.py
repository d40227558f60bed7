"""Search in real Chromium, served on loopback and opened from disk with no network."""

from __future__ import annotations

import pytest
from conftest import search

pytestmark = pytest.mark.browser

# query, a page that must be among the first pages of results, and text the first result
# sections must show (the command line itself), if any
QUERIES = [
    ("container ls", "containers.html", "container ls"),  # the long form finds `docker ps` too
    ("docker ps", "containers.html", "docker ps"),
    ("rmi", "images.html", "rmi"),  # an alias finds `docker image rm`
    ("compose up", "compose.html", "docker compose up"),
    ("--rm", "containers.html", "--rm"),  # flags, with and without dashes
    ("rm", "containers.html", None),
    ("-it", "containers.html", "-it"),
    ("--volumes-from", "volumes.html", "--volumes-from"),
    ("--mount", "volumes.html", "--mount"),
    ("HEALTHCHECK", "dockerfile.html", "HEALTHCHECK"),  # Dockerfile instructions
    ("ENTRYPOINT", "dockerfile.html", "ENTRYPOINT"),
    ("prune", "cleanup.html", "prune"),
    ("network create", "networks.html", "docker network create"),
]
TOP_PAGES = 6


def locations(results: list[dict], root: str) -> list[str]:
    """Result links as site paths with their anchor: `containers.html#executing-commands`."""
    found = []
    for result in results:
        href = result["href"]
        path, _, fragment = href.partition("#")
        path = path.split("?")[0]
        if path.startswith(root):
            path = path[len(root) :]
        found.append(path + ("#" + fragment if fragment else ""))
    return found


def check_queries(page, root: str) -> None:
    misses = []
    for query, expected, shows in QUERIES:
        results = search(page, query)
        found = locations(results, root)
        pages = list(dict.fromkeys(loc.split("#")[0] for loc in found))[:TOP_PAGES]
        if expected not in pages:
            misses.append(f"{query!r}: {expected} not among the first pages {pages}")
        sections = [r for r, loc in zip(results, found, strict=False) if loc.startswith(expected + "#")][:3]
        if shows and not any(shows.lower() in r["text"].lower() for r in sections):
            misses.append(
                f"{query!r}: no section of {expected} in the results shows {shows!r}: "
                f"{[r['text'][:200] for r in sections]}"
            )
    assert misses == []


def test_search_served_on_loopback(offline_page, served):
    offline_page.goto(served + "index.html")
    check_queries(offline_page, served)
    assert offline_page.foreign_requests == []
    assert offline_page.errors == []


def test_search_from_file_with_every_other_request_aborted(offline_page, site):
    offline_page.goto((site / "index.html").as_uri())
    check_queries(offline_page, site.as_uri() + "/")
    assert offline_page.foreign_requests == []
    assert offline_page.errors == []


def test_a_query_starting_with_a_dash_shows_results_not_an_error(offline_page, site):
    warnings = []
    offline_page.on("console", lambda message: warnings.append(message.text))
    offline_page.goto((site / "containers.html").as_uri())
    for query in ("--rm", "-it", "-p", "--"):
        search(offline_page, query)
    assert not [w for w in warnings if "Invalid query" in w]
    results = search(offline_page, "-it")
    assert results and "-it" in results[1]["text"], "the result shows the command line itself"


def test_results_show_the_typed_flag_and_highlight_it_on_the_page(offline_page, site):
    offline_page.goto((site / "index.html").as_uri())
    results = search(offline_page, "--volumes-from")
    assert any("h=--volumes-from" in r["href"] for r in results)


def test_suggestions_complete_a_title_word(offline_page, served):
    offline_page.goto(served + "index.html")
    search(offline_page, "netw")
    suggestion = offline_page.locator(".md-search__suggest").inner_text()
    assert suggestion.lower().startswith("netw") and len(suggestion) > len("netw")


def test_a_word_only_one_topic_page_contains_is_found_there_offline(offline_page, site):
    offline_page.goto((site / "index.html").as_uri())
    found = locations(search(offline_page, "macvlan"), site.as_uri() + "/")
    assert found and all(loc.startswith(("networks.html", "commands.html", "print/")) for loc in found), found
    assert any(loc.startswith("networks.html") for loc in found)
