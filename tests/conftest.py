"""Shared fixtures, over the one harness (tooling/harness.py): the strict build of the real site
and of each site variant, built once per test run and shared by every pytest-xdist worker;
throwaway project copies; a loopback server; one Debian Chromium per worker."""

from __future__ import annotations

import os
from collections.abc import Callable, Generator
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import settings

from tooling import harness
from tooling.harness import (  # re-exported: the tests import these from conftest
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    Build,
    copy_project,
    search,
)
from tooling.harness import strict_build as run_build

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "ROOT", "Build", "copy_project", "run_build", "search"]

# The property tests (test_fuzz*.py, and a few elsewhere) draw new inputs on every run, so a
# contributor's runs keep exploring and keep what they find (.hypothesis/). CI's run sets
# HYPOTHESIS_PROFILE=ci: the same inputs every time, so a commit's result does not depend on luck;
# an input a contributor's run finds becomes a test case of its own.
settings.register_profile("ci", derandomize=True, database=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session")
def shared_base(tmp_path_factory) -> Path:
    """A folder every worker of this run sees: under xdist, the parent of the workers' own."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def shared_variant(shared_base) -> Callable[..., Build]:
    """`shared_variant(name, prepare)`: a copy of the project changed by `prepare(project)` and
    built strictly into `project/site`, once per run whichever worker asks first."""

    def variant(name: str, prepare: Callable[[Path], None] | None = None) -> Build:
        def make(folder: Path) -> Build:
            project = copy_project(folder / "project")
            if prepare is not None:
                prepare(project)
            return run_build(project, project / "site")

        return harness.shared_build(shared_base, name, make)

    return variant


@pytest.fixture(scope="session")
def batched_variant(shared_base) -> Callable[[str, str], Build]:
    """`batched_variant(group, member)`: a variant that only adds or changes pages, built with the
    other members of its group in one strict build (tests/batched.py), once per run."""
    import batched

    return lambda group, member: batched.build(shared_base, group, member)


@pytest.fixture(scope="session")
def site_build(shared_base) -> Build:
    return harness.shared_build(shared_base, "site", lambda folder: run_build(ROOT, folder / "site"))


@pytest.fixture(scope="session")
def site(site_build) -> Path:
    assert site_build.returncode == 0, site_build.output
    return site_build.site


@pytest.fixture
def project(tmp_path) -> Path:
    """A throwaway copy of the project, to add or break pages in."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def served(site):
    """The built site on a loopback port; yields its base URL."""
    with harness.serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, one per worker. A missing browser fails the run: browser tests never
    skip to green."""
    assert Path(CHROMIUM).exists(), harness.CHROMIUM_MISSING
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = harness.launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Each phase's report on its test (`item.failed_phase`), so a lent tab knows whether the
    test that had it failed."""
    report = yield
    if report.failed:
        item.failed_phase = report.when  # type: ignore[attr-defined]
    return report


@pytest.fixture(scope="session")
def lent_tab(browser):
    """The worker's tab for offline_page (tooling/harness.py's LentTab)."""
    tab = harness.LentTab(browser)
    yield tab
    tab.close()


@pytest.fixture
def offline_page(lent_tab, request):
    """A page whose every request to anything but file:// or loopback is aborted and recorded
    (`page.foreign_requests`), and its uncaught errors (`page.errors`): a tab that starts as a
    fresh context's would, with nothing stored on any origin."""
    page = lent_tab.lend()
    yield page
    lent_tab.give_back(clean=not hasattr(request.node, "failed_phase"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests first: they are the long ones (a minute and more for those that visit every
    page), and pytest-xdist hands tests out in this order, so a long test handed out last keeps
    one CPU busy while the other has nothing left. Otherwise the order is as collected."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is None)


def site_markdown() -> markdown.Markdown:
    """Python-Markdown with the extensions and settings of mkdocs.yml."""
    config = yaml.safe_load((Path(__file__).resolve().parent.parent / "mkdocs.yml").read_text(encoding="utf-8"))
    names, settings_of = [], {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        if options:
            settings_of[name] = options
    return markdown.Markdown(extensions=names, extension_configs=settings_of)
