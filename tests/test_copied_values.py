"""The values a copied block may give docker's listed flags (data/cli-rules.yaml `copied_values`,
`value_shapes`), the files docker reads by name (`config_files`), the images that get the host
(`host_access`) and the class of destructive commands (`destructive_verbs`): each class the
sixteenth attacker got through is refused on its line, with other strings than the attacker's;
each entry is used by a page, and taking one out makes a page or a case fail."""

from __future__ import annotations

import copy
import re

import pytest
from test_block_programs import FIRST, FRONT, _docs, problems_of

from cheatsheet import block_programs, catalog
from cheatsheet.shell_syntax import refusals
from cheatsheet.site import build_site

# block, the line of it refused (0-based), what the message says
REFUSED = {
    "a log driver's address": (
        "docker container run -d --log-opt syslog-address=udp://logs.example.org:514 web",
        0,
        "not one the pages use",
    ),
    "a log driver that sends": ("docker run -d --log-driver fluentd web", 0, "--log-driver fluentd`: this value"),
    "a resolver not listed": ("docker run -d --dns 198.51.100.7 web", 0, "--dns 198.51.100.7`"),
    "a proxy build argument": (
        "docker buildx build --build-arg HTTPS_PROXY=http://cache.example.org:8080 -t tools .",
        0,
        "`copied_values`",
    ),
    "a build argument's name not listed": ("docker buildx build --build-arg NPM_TOKEN=x -t tools .", 0, "NPM_TOKEN"),
    "a registry cache": (
        "docker buildx build --cache-to type=registry,ref=cache.example.org/t -t tools .",
        0,
        "`ref=cache.example.org/t` is not one",
    ),
    "a cache read from a registry": (
        "docker buildx build --cache-from=type=registry,ref=cache.example.org/t .",
        0,
        "`ref=cache.example.org/t`",
    ),
    "an image output that pushes": (
        "docker buildx build --output type=image,name=r.example.org/t,push=true .",
        0,
        "`type=image` is not one",
    ),
    "a local output outside the folder": ("docker buildx build -o type=local,dest=../up .", 0, "`dest=../up`"),
    "a secret under another id": (
        'docker buildx build --secret id=gh,src="$HOME/.config/gh/hosts.yml" -t tools .',
        0,
        "`id=gh` is not one",
    ),
    "a listed secret into another's build": (
        'docker buildx build --secret id=npmrc,src="$HOME/.npmrc" -t tools https://github.com/example/tools.git',
        0,
        "hands a secret or the SSH agent to a build of",
    ),
    "the SSH agent into another's build": (
        "docker buildx build --ssh default git@github.com:example/tools.git",
        0,
        "hands a secret or the SSH agent",
    ),
    "a variable of the reader's passed on": ("docker run -d -e AWS_SECRET_ACCESS_KEY web", 0, "AWS_SECRET_ACCESS_KEY"),
    "a mount type in capitals": (
        "docker run --rm --mount type=Volume,src=data,dst=/d alpine ls",
        0,
        "`type=Volume` is not one",
    ),
    "a volume's device options": (
        "docker volume create --opt type=none --opt device=/etc --opt o=bind etcvol",
        0,
        "--opt device=/etc`",
    ),
    "the API socket with any image": (
        "docker container run --rm --use-api-socket busybox id",
        0,
        "gives `busybox` the host (socket)",
    ),
    "docker's socket mounted for another image": (
        "docker run --rm -v /var/run/docker.sock:/var/run/docker.sock busybox id",
        0,
        "gives `busybox` the host (socket)",
    ),
    "an image with the host running other words": (
        "docker run --rm --network host nginx sh -c id",
        0,
        "runs `sh -c id` in it",
    ),
    "docker's image with the socket running a shell string": (
        "docker run --rm --use-api-socket docker:cli sh -c 'wget -qO- example.org'",
        0,
        "runs `sh -c",
    ),
    "a Compose override written": ("echo 'services: {}' > docker-compose.override.yaml", 0, "writes `docker-comp"),
    "a Compose override copied": ("cp ./ci.yml compose.override.yml", 0, "writes `compose.override.yml`"),
    "a bake override fetched": (
        "curl -fsSL https://get.docker.com -o docker-bake.override.json",
        0,
        "writes `docker-bake.override.json`",
    ),
    "the env file Compose reads by name": ("echo 'TAG=edge' >> .env", 0, "writes `.env`"),
    "a Compose file in capitals": ("echo 'services: {}' > Compose.YAML", 0, "writes `Compose.YAML`"),
    "a Compose file by another name": ("docker compose -f stack.yml up -d", 0, "--file stack.yml`: this value"),
    "a Compose env file outside the folder": ("docker compose --env-file ../ci.env up -d", 0, "--env-file ../ci.env"),
    "a context file fetched": (
        "curl -fsSL https://get.docker.com -o ci.dockercontext",
        0,
        "writes `ci.dockercontext`",
    ),
    "a context imported from elsewhere": ("docker context import ci ci.tar", 0, "only a context file the reader"),
    "a manifest pushed to another registry": (
        "docker manifest push --purge r.example.org/team/t:2",
        0,
        "sends to `r.example.org`, a registry",
    ),
    "a NAT rule to another machine": (
        "sudo iptables -t nat -A DOCKER -p tcp --dport 443 -j DNAT --to-destination 192.0.2.7:443",
        0,
        "`iptables --to-destination 192.0.2.7:443`",
    ),
    "a firewall rule that drops": ("sudo iptables -A DOCKER -j REJECT", 0, "`iptables -j REJECT`"),
    "a tag for another registry": ("docker buildx build -t r.example.org/t .", 0, "--tag r.example.org/t`"),
    "a published port on every address of another shape": ("docker run -d -p 0.0.0.0:2375:2375 web", 0, "--publish"),
}


@pytest.mark.parametrize("name", list(REFUSED))
def test_each_value_class_is_refused_on_its_line(name):
    block, offset, what = REFUSED[name]
    found = problems_of(block, alone=True)
    expected = f"docs/zz-test.md:{FIRST + offset}: "
    assert any(p.startswith(expected) and what in p and " — " in p for p in found), (expected, what, found)


ALLOWED = {
    "a listed size and duration": "docker container run -d --memory 768m --log-opt max-size=20m web",
    "a local cache": "docker buildx build --cache-to type=local,dest=/tmp/buildcache,mode=max -t tools .",
    "a registry cache of the reader's": (
        "docker buildx build --cache-to type=registry,ref=<registry>/myapp:buildcache,mode=max -t tools ."
    ),
    "an output in the folder": "docker buildx build -o type=local,dest=./out .",
    "a named volume": "docker run --rm -v cache-data:/cache alpine ls /cache",
    "a Compose file docker reads by name": "docker compose -f compose.prod.yaml up -d",
    "a context exported and imported": (
        "docker context export box box.dockercontext\ndocker context import box box.dockercontext"
    ),
    "docker's image with the socket running docker": (
        "docker run --rm -v /var/run/docker.sock:/var/run/docker.sock docker:cli image ls"
    ),
    "a filter's value of a shape": "docker container ls --filter name=web --filter status=exited",
}


@pytest.mark.parametrize("name", list(ALLOWED))
def test_values_the_pages_write_build(name):
    assert problems_of(ALLOWED[name], alone=True) == []


def _page_values(monkeypatch) -> dict[tuple[str, str], list[str]]:
    """Every value the pages' copied blocks give a listed flag: (command, flag) -> values."""
    seen: dict[tuple[str, str], list[str]] = {}
    real = block_programs.value_problems

    def record(inv, cat):
        for key, values in inv.values.items():
            if key.startswith("--"):
                seen.setdefault((inv.canonical or "", key[2:]), []).extend(values)
        return real(inv, cat)

    monkeypatch.setattr(block_programs, "value_problems", record)
    site = build_site(dict(_docs()), catalog.load())
    assert site.problems == [] or not any("copied_values" in str(p) for p in site.problems)
    return seen


def test_every_value_entry_is_used_and_needed_by_a_page(monkeypatch):
    """Each item of `copied_values` allows a value some page gives that the others do not: taking
    it out would fail that page. Every listed flag that takes a value has an entry."""
    cat = catalog.load()
    seen = _page_values(monkeypatch)
    unneeded = []
    for command, flags in cat.copied_values.items():
        for flag, allowed in flags.items():
            values = seen.get((command, flag), [])
            tables = allowed.items() if isinstance(allowed, dict) else [("", allowed)]
            for key, items in tables:
                given = values
                if key or isinstance(allowed, dict):
                    given = [
                        v
                        for value in values
                        for part in value.split(",")
                        if part.partition("=")[0] == key
                        for v in [part.partition("=")[2]]
                    ]
                for item in items:
                    rest = [other for other in items if other != item]
                    used = [v for v in given if block_programs._allowed(v, items, cat)]
                    if not any(not block_programs._allowed(v, rest, cat) for v in used):
                        unneeded.append(f"{command} --{flag} {key + '=' if key else ''}{item}")
    assert unneeded == []
    missing = [
        f"{command} --{flag}"
        for command, flags in cat.copied_flags.items()
        for flag in flags
        if (found := cat.flags(command).find(f"--{flag}")) is not None
        and found.takes_value
        and flag not in cat.copied_values.get(command, {})
    ]
    assert missing == []


def _without(command: str, flag: str, item: str) -> catalog.Catalog:
    base = catalog.load()
    rules = copy.deepcopy(base.rules)
    rules["copied_values"][command][flag].remove(item)
    return catalog.Catalog(base.data, rules, list(base.destructive.values()))


def test_taking_a_value_out_fails_the_page_that_gives_it_on_its_line():
    cat = _without("docker container run", "dns", "9.9.9.9")
    site = build_site(dict(_docs()), cat)
    found = [str(p) for p in site.problems]
    assert found and all(re.match(r"docs/[\w/.-]+\.md:\d+: `docker ", p) and " — " in p for p in found), found
    assert any("--dns 9.9.9.9`: this value is not one the pages use" in p for p in found), found
    assert all("Traceback" not in p for p in found)


def test_a_config_file_pattern_taken_out_lets_the_block_write_it():
    base = catalog.load()
    rules = copy.deepcopy(base.rules)
    rules["config_files"].remove("compose.*")
    cat = catalog.Catalog(base.data, rules, list(base.destructive.values()))
    assert base.is_config_file("compose.override.yml") and not cat.is_config_file("compose.override.yml")
    line = "echo 'services: {}' > compose.override.yml"
    assert block_programs.writable("compose.override.yml", cat) and not block_programs.writable(
        "compose.override.yml", base
    )
    assert refusals([line], catalog=cat) == [] and refusals([line], catalog=base) != []


DELETES = [
    "docker secret rm api_key",
    "docker config rm site_conf",
    "docker swarm leave",
    "docker service rm web",
    "docker buildx history rm --all",
    "docker plugin rm vieux/sshfs",
]


@pytest.mark.parametrize("block", DELETES)
def test_a_command_that_removes_gets_the_banner_by_its_verb(block):
    sources = {"zz-test.md": f"{FRONT}```bash\n{block}\n```\n"}
    site = build_site(sources, catalog.load())
    assert site.pages["zz-test.md"].report.destructive_fences, block


def test_a_verb_taken_out_of_the_class_takes_the_banner_with_it():
    base = catalog.load()
    rules = copy.deepcopy(base.rules)
    del rules["destructive_verbs"]["rm"]
    cat = catalog.Catalog(base.data, rules, list(base.destructive.values()))
    sources = {"zz-test.md": f"{FRONT}```bash\ndocker secret rm api_key\n```\n"}
    assert not build_site(sources, cat).pages["zz-test.md"].report.destructive_fences
    listed = catalog.load()
    assert "docker network rm" in listed.not_destructive
    sources = {"zz-test.md": f"{FRONT}```bash\ndocker network rm backend\n```\n"}
    assert not build_site(sources, listed).pages["zz-test.md"].report.destructive_fences
