"""2. Time per page: generated corpora of 16 and 160 pages (the most the site takes), with and without the hooks."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from .common import CLOCKS, GENERATED_HTML, build, check_override, copy_project, must, summarize

# Real, current commands for the generated corpora; every one passes the build's checks.
COMMANDS = [
    "docker container run --rm -it -p 8080:80 nginx",
    "docker container run -d --name web -p 8080:80 nginx",
    'docker container run --rm -v "$PWD":/work -w /work alpine:3.22 ls',
    "docker container run -d --restart unless-stopped --name cache redis",
    "docker container ls -a",
    "docker container logs -f --tail 100 web",
    "docker container exec -it web sh",
    "docker container stop web",
    "docker container rm -f web",
    "docker container inspect web",
    "docker container stats --no-stream",
    "docker container cp web:/etc/nginx/nginx.conf .",
    "docker container top web",
    "docker container port web",
    "docker image ls -a",
    "docker image pull nginx:1.27",
    "docker image rm nginx:1.27",
    "docker image prune -a",
    "docker image tag myapp:1.0 registry.example.com/myapp:1.0",
    "docker image push registry.example.com/myapp:1.0",
    "docker image history nginx",
    "docker build -t myapp:1.0 .",
    "docker buildx build --platform linux/amd64,linux/arm64 -t myapp:1.0 --push .",
    "docker compose up -d",
    "docker compose down --volumes",
    "docker compose logs -f web",
    "docker compose ps",
    "docker compose exec web sh",
    "docker compose build --pull",
    "docker network create --driver bridge backend",
    "docker network ls",
    "docker network connect backend web",
    "docker volume create data",
    "docker volume ls",
    "docker volume inspect data",
    "docker system df",
    "docker system prune -f",
    "docker login registry.example.com",
    "docker version",
    "docker info",
    "docker context ls",
]
DEFINITIONS = [
    ("docker container ls", "shows the containers that are running now"),
    ("docker image ls", "shows the images stored on this host"),
    ("docker compose up", "starts every service of a Compose project"),
    ("docker network ls", "shows the networks Docker knows about"),
    ("docker volume ls", "shows the named and anonymous volumes"),
]
SECTIONS = ["start", "run", "build", "operate"]


def synthetic_page(number: int, count: int) -> str:
    rng = random.Random(number)
    section = SECTIONS[number * len(SECTIONS) // count]
    picks = rng.sample(COMMANDS, 10)
    code, definition = rng.choice(DEFINITIONS)
    blocks = [picks[0:3], picks[3:7], picks[7:10]]
    lines = [
        "---",
        f"title: Synthetic topic {number:04d}",
        f"description: Generated benchmark page {number} with ten Docker commands in bash blocks, "
        "for timing the build.",
        f"section: {section}",
        f"order: {number + 1}",
        "---",
        "",
        f"# Synthetic topic {number:04d}",
        "",
        "A generated page for the build benchmark. It has the shape of a short topic page: an",
        "introduction, a command described in a list, and three sections with examples.",
        "",
        f"- `{code}` — {definition}.",
        "",
    ]
    for index, block in enumerate(blocks, start=1):
        lines += [
            f"## Examples {index}",
            "",
            "The commands below are real and current; the build checks each one.",
            "",
            "```bash",
            *block,
            "```",
            "",
        ]
    return "\n".join(lines)


def make_corpus(project: Path, count: int) -> None:
    docs = project / "docs"
    shutil.rmtree(docs)
    docs.mkdir()
    for number in range(count):
        name = "index.md" if number == 0 else f"topic-{number:04d}.md"
        (docs / name).write_text(synthetic_page(number, count), encoding="utf-8")


def time_corpus(project: Path, work: Path, runs: int, plain_runs: int, warm_up: bool) -> dict:
    """Builds with hooks (--strict) and without, alternated as for the real site.

    The first build without hooks tries --strict; if that only warns, it is rebuilt and timed
    without --strict. The big corpus has no warm-up build.
    """
    site, plain_site = work / f"site-{project.name}", work / f"site-{project.name}-plain"
    if warm_up:
        must(build(project, site, True, True), f"{project.name} (with hooks)")
    hooks, plain, strict, warnings = [], [], True, []
    for index in range(max(runs, plain_runs)):
        if index < runs:
            hooks.append(must(build(project, site, True, True), f"{project.name} (with hooks)"))
        if index < plain_runs:
            run = build(project, plain_site, False, strict)
            if not run["ok"] and strict and run["warnings"]:
                strict, warnings = False, run["warnings"]
                run = build(project, plain_site, False, strict)
            plain.append(must(run, f"{project.name} (no hooks)"))
    if plain_runs:
        check_override(site, plain_site)
    pages = [p for p in site.glob("*.html") if p.name not in GENERATED_HTML and p.name != "404.html"]
    result = summarize(hooks)
    result["warm_up"] = warm_up
    result["html_bytes_per_page"] = sum(p.stat().st_size for p in pages) / len(pages)
    if plain_runs:
        result["plain"] = summarize(plain) | {"strict": strict, "strict_warnings": warnings}
        for clock in CLOCKS:
            result[f"hook_cost_{clock}_s"] = result[f"median_{clock}_s"] - result["plain"][f"median_{clock}_s"]
    for path in (site, plain_site):
        shutil.rmtree(path, ignore_errors=True)
    return result


def corpora(work: Path, plan: dict[int, tuple[int, int, bool]]) -> dict:
    """plan: pages -> (runs with hooks, runs without, warm-up build first)."""
    out = {}
    for count, (runs, plain_runs, warm_up) in plan.items():
        project = copy_project(work / f"corpus-{count}")
        make_corpus(project, count)
        result = time_corpus(project, work, runs, plain_runs, warm_up)
        result["pages"] = count
        if result["median_hooks_own_s"] is not None:
            result["hooks_own_ms_per_page"] = 1000 * result["median_hooks_own_s"] / count
        for clock in CLOCKS:
            result[f"ms_per_page_{clock}"] = 1000 * result[f"median_{clock}_s"] / count
            if "plain" in result:
                result["plain"][f"ms_per_page_{clock}"] = 1000 * result["plain"][f"median_{clock}_s"] / count
                result[f"hook_ms_per_page_{clock}"] = 1000 * result[f"hook_cost_{clock}_s"] / count
        out[str(count)] = result
        shutil.rmtree(project)
    return out
