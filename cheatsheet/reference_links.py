"""Check links to Docker's reference (docs.docker.com): outdated URLs, aliases, missing
commands and anchors, and link text that names another command than the link's target."""

from __future__ import annotations

from urllib.parse import urlsplit

from . import commands as cmd
from .catalog import Catalog

DOCS_HOST = "docs.docker.com"


def check_link(url: str, text: str, catalog: Catalog) -> tuple[str, str] | None:
    """A problem with a link to Docker's reference, as (what is wrong, how to fix), or None."""
    parts = urlsplit(url)
    if parts.netloc != DOCS_HOST:
        return None
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    fragment = parts.fragment
    if path.startswith("/engine/reference/commandline/") and path not in catalog.outdated_pages:
        slug = path[len("/engine/reference/commandline/") :].strip("/")
        canonical = catalog.canonical("docker " + " ".join(slug.replace("_", " ").split()))
        target = catalog.url(canonical) if canonical else "https://docs.docker.com/reference/cli/docker/"
        if canonical and fragment and _flag_anchor_ok(canonical, fragment, catalog):
            target += "#" + fragment
        return f"outdated Docker reference URL `{url}`", f"link to {target}"
    if path.startswith("/engine/reference/builder/"):
        target = catalog.dockerfile_url
        if fragment:
            target += "#" + fragment if fragment in catalog.dockerfile_anchors else ""
        return f"outdated Dockerfile reference URL `{url}`", f"link to {target}"
    if path in catalog.outdated_pages or path.startswith("/engine/reference/"):
        target = catalog.outdated_pages.get(path, "https://docs.docker.com/reference/")
        return f"outdated Docker reference URL `{url}`", f"link to {target}"
    if path.startswith("/reference/cli/docker/") or path == "/reference/cli/docker/":
        words = ["docker"] + [w for w in path[len("/reference/cli/docker/") :].split("/") if w]
        written = " ".join(words)
        canonical = catalog.canonical(written) if len(words) > 1 else None
        if len(words) > 1 and canonical is None:
            return (
                f"`{url}` is not a Docker command page (no command `{written}`)",
                "check the command name, or link to https://docs.docker.com/reference/cli/docker/",
            )
        if canonical and canonical != written:
            return f"`{url}` links to the alias `{written}`", f"link to the canonical page {catalog.url(canonical)}"
        if canonical and fragment and not _flag_anchor_ok(canonical, fragment, catalog):
            return (
                f"`{canonical}` has no flag or section `#{fragment}` on its reference page",
                f"use one of its flags, e.g. {catalog.url(canonical)}#{_first_anchor(canonical, catalog)}",
            )
        found = _command_in_text(text, catalog)
        named = found.canonical if found else None
        if canonical and found and named and named != canonical:
            # Quoted as the text has it, with the canonical name in brackets when it is an alias.
            return (
                f"link text names {cmd.named(found.path, found.canonical)} but the link points to `{canonical}`",
                f"link to {catalog.url(named)}",
            )
        return None
    if path == "/reference/dockerfile/" and fragment and fragment not in catalog.dockerfile_anchors:
        return (
            f"the Dockerfile reference has no anchor `#{fragment}`",
            "use an instruction anchor such as #run, #copy---from or #healthcheck",
        )
    return None


def _flag_anchor_ok(canonical: str, fragment: str, catalog: Catalog) -> bool:
    flags = catalog.commands[canonical]["flags"]
    return (
        fragment in catalog.page_anchors
        or fragment in flags
        or any(spec.get("anchor") == fragment for spec in flags.values())
    )


def _first_anchor(canonical: str, catalog: Catalog) -> str:
    anchors = sorted(spec["anchor"] for spec in catalog.commands[canonical]["flags"].values() if spec.get("anchor"))
    return anchors[0] if anchors else "options"


def _command_in_text(text: str, catalog: Catalog) -> cmd.Invocation | None:
    plain = text.replace("`", " ").strip()
    index = plain.find("docker ")
    if index < 0:
        return None
    return cmd.command_in(plain[index:], catalog)
