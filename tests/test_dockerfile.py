"""Dockerfile blocks: instructions, their own options, deprecated forms."""

from __future__ import annotations

from cheatsheet import catalog
from cheatsheet.catalog_checks import check_page
from cheatsheet.page import scan

CATALOG = catalog.load()


def problems(dockerfile: str, legacy: bool = False) -> list[str]:
    fence = "```dockerfile\n" + dockerfile + "\n```"
    if legacy:
        body = "\n".join("    " + line for line in dockerfile.split("\n"))
        fence = '!!! legacy "Old"\n\n    ```dockerfile\n' + body + "\n    ```"
    page = scan("docs/x.md", f"# X\n\n{fence}\n")
    return [f"{p.line}: {p.message} — {p.fix}" for p in check_page(page, CATALOG).problems]


def test_options_of_the_program_a_run_starts_are_not_the_instructions():
    assert (
        problems(
            "FROM python:3.13-slim\nRUN --mount=type=cache,target=/root/.cache pip install --no-cache-dir flask\n"
            "RUN --network=none make --jobs 4\nCOPY --from=build --chown=app:app /out /app"
        )
        == []
    )


def test_a_misspelt_instruction_option_is_reported_with_a_suggestion():
    assert problems("FROM alpine\nRUN --mout=type=cache,target=/x true") == [
        "5: `RUN` has no flag `--mout` — did you mean `--mount`?"
    ]


def test_healthcheck_and_from_options_are_known():
    assert (
        problems(
            "FROM --platform=$BUILDPLATFORM alpine\n"
            "HEALTHCHECK --interval=30s --timeout=3s CMD wget -qO- http://localhost/ || exit 1"
        )
        == []
    )


def test_here_document_bodies_and_continuations_are_not_instructions():
    assert problems("FROM alpine\nRUN <<EOF\nFORM is not an instruction here\nEOF\nRUN apk add \\\n    curl") == []


def test_space_separated_env_is_legacy_outside_a_legacy_box_only():
    assert any("`ENV` is legacy" in p for p in problems("FROM alpine\nENV PATH /opt/bin"))
    assert problems("FROM alpine\nENV PATH /opt/bin", legacy=True) == []
    assert problems("FROM alpine\nENV PATH=/opt/bin") == []
