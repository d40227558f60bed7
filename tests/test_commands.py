"""The command reader on the forms people write in shell blocks."""

from __future__ import annotations

import pytest

from cheatsheet import catalog, commands
from cheatsheet.shell import simple_commands, split_commands

CATALOG = catalog.load()


def docker_commands(block: str, prompts_only: bool = False) -> list[tuple[int, commands.Invocation]]:
    found = []
    for command in simple_commands(block.split("\n"), 1, prompts_only):
        words = commands.strip_prefix(command.words, CATALOG)
        if words and words[0] == "docker":
            found.append((command.line, commands.parse(words, CATALOG)))
    return found


def only(block: str, prompts_only: bool = False) -> commands.Invocation:
    found = docker_commands(block, prompts_only)
    assert len(found) == 1, found
    return found[0][1]


@pytest.mark.parametrize(
    "line,canonical,flags",
    [
        ("docker run --rm -it -p 8080:80 nginx", "docker container run", ["rm", "interactive", "tty", "publish"]),
        ("docker ps -a", "docker container ls", ["all"]),
        ("docker container ls --format '{{.Names}}'", "docker container ls", ["format"]),
        ("docker rmi nginx", "docker image rm", []),
        ("docker build -t app --push .", "docker buildx build", ["tag", "push"]),
        ("docker image build --target test .", "docker buildx build", ["target"]),
        (
            "docker compose -f compose.yaml -p shop up -d --wait",
            "docker compose up",
            ["file", "project-name", "detach", "wait"],
        ),
        ("docker network create --subnet=203.0.113.0/24 net", "docker network create", ["subnet"]),
        ("docker -H ssh://me@host ps", "docker container ls", ["host"]),
        ("docker logs web -f --tail 50", "docker container logs", ["follow", "tail"]),
        ("docker exec -it <container> sh", "docker container exec", ["interactive", "tty"]),
        # A group that runs on its own takes an argument where a subcommand could stand.
        ("docker buildx history inspect ^1", "docker buildx history inspect", []),
        ("docker buildx history inspect attachment ^1", "docker buildx history inspect attachment", []),
    ],
)
def test_commands_resolve_to_canonical_paths_and_long_flags(line, canonical, flags):
    inv = only(line)
    assert inv.findings == []
    assert inv.canonical == canonical
    assert inv.flags == flags


def test_a_prompt_sudo_and_environment_prefix_are_not_part_of_the_command():
    inv = only("$ DOCKER_HOST=ssh://box sudo -E docker image ls -q", prompts_only=True)
    assert inv.canonical == "docker image ls" and inv.flags == ["quiet"]


def test_console_output_lines_are_not_commands():
    found = docker_commands("$ docker ps\nCONTAINER ID   IMAGE\ndocker bogus output line", prompts_only=True)
    assert [inv.canonical for _, inv in found] == ["docker container ls"]


def test_continuation_lines_join_and_keep_the_first_line_number():
    found = docker_commands("echo start\ndocker run \\\n  --rm \\\n  --name web nginx")
    assert [(line, inv.flags) for line, inv in found] == [(2, ["rm", "name"])]


def test_pipes_lists_and_substitutions_are_each_read():
    found = docker_commands("docker rm -f $(docker ps -aq) && docker volume ls; docker save app | gzip > app.tgz")
    assert [inv.canonical for _, inv in found] == [
        "docker container ls",
        "docker container rm",
        "docker volume ls",
        "docker image save",
    ]
    assert all(not inv.findings for _, inv in found)


def test_backticks_and_quoted_substitutions_are_read():
    found = docker_commands('echo "$(docker inspect --format x web)" `docker ps -q`')
    assert [inv.canonical for _, inv in found] == ["docker inspect", "docker container ls"]


def test_comments_and_here_document_bodies_are_not_commands():
    block = "docker ps  # docker bogus\ncat <<EOF > Dockerfile\ndocker nonsense --x\nEOF\ndocker images"
    found = docker_commands(block)
    assert [(line, inv.canonical) for line, inv in found] == [(1, "docker container ls"), (5, "docker image ls")]


def test_combined_short_flags_and_glued_values():
    inv = only("docker run -dit -p8080:80 -e=A=1 alpine")
    assert inv.findings == []
    assert inv.flags == ["detach", "interactive", "tty", "publish", "env"]


def test_nothing_after_the_image_of_run_is_read_as_docker_flags():
    inv = only("docker run --rm alpine ls --all -z")
    assert inv.findings == [] and inv.arguments == ["alpine", "ls", "--all", "-z"]


def test_flags_after_arguments_are_read_where_docker_allows_them():
    inv = only("docker container rm web --force")
    assert inv.flags == ["force"]


def test_placeholders_are_arguments_not_redirections():
    inv = only("docker cp <container>:/etc/hosts ./hosts")
    assert inv.findings == [] and inv.arguments == ["<container>:/etc/hosts", "./hosts"]


@pytest.mark.parametrize(
    "line,message,fix",
    [
        ("docker contaner ls", "unknown command `docker contaner`", "did you mean `docker container ls`?"),
        (
            "docker run --rmm alpine",
            "`docker run` (`docker container run`) has no flag `--rmm`",
            "did you mean `--rm`?",
        ),
        ("docker ps -z", "`docker ps` (`docker container ls`) has no flag `-z`", "see `docker ps --help`"),
        ("docker container ls -z", "`docker container ls` has no flag `-z`", "see `docker container ls --help`"),
        ("docker -d", "`docker` has no flag `-d`", "see `docker --help`"),
        ("docker run -p", "flag `-p` of `docker run` (`docker container run`) needs a value", "-p <value>"),
        (
            "docker stop --time 3 web",
            "`--time` of `docker stop` (`docker container stop`) is deprecated in Docker 29",
            "legacy",
        ),
        (
            "docker run --net host alpine",
            "`--net` of `docker run` (`docker container run`) is an undocumented (hidden) spelling",
            "documented flag",
        ),
    ],
)
def test_mistakes_are_reported_with_a_fix(line, message, fix):
    inv = only(line)
    assert [(f.message, fix in f.fix) for f in inv.findings] == [(message, True)]


def test_prose_mentions_may_leave_a_value_out():
    words = split_commands("docker run -p")[0]
    assert commands.parse(words, CATALOG, complete=False).findings == []


def test_unchecked_plugins_are_accepted_without_flag_checks():
    inv = only("docker model run --whatever ai/smollm2")
    assert inv.checked is False and inv.findings == []
