"""The content itself, as a reader of the cheat sheet meets it (issue #14): enough distinct commands,
sections that open with their commands, and the corrected statements kept corrected.

Commands are counted the way the build reads them (`cheatsheet.site.build_site`): every command a
topic page shows outside a legacy box, resolved to its canonical form, so `docker ps` and
`docker container ls` count once."""

from __future__ import annotations

import re
from functools import cache

from conftest import ROOT

from cheatsheet import catalog as catalog_module
from cheatsheet.command_index import Entry, collect
from cheatsheet.commands import command_in
from cheatsheet.findings import CheckedPage
from cheatsheet.generated import CommandIndex
from cheatsheet.page import Heading, PageScan
from cheatsheet.site import Site, build_site

DOCS = ROOT / "docs"
HOME = "index.md"  # the home page introduces the topics; it is not one
MIN_COMMANDS = 150
MIN_COMMAND_FIRST_SHARE = 0.92


@cache
def site() -> Site:
    sources = {p.name: p.read_text(encoding="utf-8") for p in sorted(DOCS.glob("*.md"))}
    return build_site(sources, catalog_module.load())


def index_entries() -> dict[str, Entry]:
    """The command index's entries, by command."""
    index = site().generated[CommandIndex.src]
    assert isinstance(index, CommandIndex)
    return index.entries


def topic_pages() -> dict[str, PageScan]:
    return {src: state.scan for src, state in site().pages.items() if src != HOME}


def page_text(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def distinct_commands() -> set[str]:
    return {
        use.canonical
        for src, state in site().pages.items()
        if src != HOME
        for use in state.report.uses
        if not use.legacy
    }


_COMMAND_ITEM = re.compile(r"^[-*] `[^`]+`")


def opens_with_commands(lines: list[str]) -> bool | None:
    """Whether a section's body starts with commands: a fenced block, a table or a list whose
    first item is inline code. None for a section that only groups subsections."""
    for line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("#"):
            return None
        return stripped.startswith(("```", "~~~", "|")) or bool(_COMMAND_ITEM.match(stripped))
    return None


def section_openings() -> dict[str, bool]:
    """`page#anchor` -> whether that h2/h3 section opens with commands."""
    found: dict[str, bool] = {}
    for src, page in topic_pages().items():
        for i, heading in enumerate(page.headings):
            if heading.level not in (2, 3):
                continue
            end = page.headings[i + 1].line - 1 if i + 1 < len(page.headings) else len(page.lines)
            verdict = opens_with_commands(page.lines[heading.line : end])
            if verdict is not None:
                found[f"{src}#{heading.anchor}"] = verdict
    return found


def test_the_topic_pages_show_at_least_150_distinct_commands():
    commands = distinct_commands()
    print(f"\n{len(commands)} distinct commands on the topic pages")
    assert len(commands) >= MIN_COMMANDS, f"only {len(commands)} distinct commands"


def test_every_section_but_a_few_opens_with_its_commands():
    openings = section_openings()
    share = sum(openings.values()) / len(openings)
    late = sorted(name for name, ok in openings.items() if not ok)
    print(f"\n{share:.1%} of {len(openings)} sections open with commands; not yet: {late}")
    assert share >= MIN_COMMAND_FIRST_SHARE, late


def test_the_section_check_tells_commands_from_prose():
    assert opens_with_commands(["", "- `docker container ls` — lists containers."]) is True
    assert opens_with_commands(["```bash", "docker container ls", "```"]) is True
    assert opens_with_commands(["| Policy | Restarts when |"]) is True
    assert opens_with_commands(["A container lives as long as its process.", "```bash"]) is False
    assert opens_with_commands(["", "### A subsection"]) is None


def test_the_gaps_of_issue_14_are_filled_with_checked_commands():
    commands = distinct_commands()
    for needed in (
        "docker init",
        "docker scout quickview",
        "docker scout cves",
        "docker scout recommendations",
        "docker scout compare",
        "docker debug",
        "docker inspect",
        "docker service create",
        "docker service rollback",
        "docker stack deploy",
        "docker secret create",
        "docker config create",
        "docker node ls",
        "docker compose kill",
        "docker compose wait",
        "docker compose events",
        "docker buildx history export",
        "docker buildx imagetools inspect",
    ):
        assert needed in commands, needed


def test_desktop_plugins_are_catalogued_and_marked_as_such_on_their_page():
    catalog = catalog_module.load()
    for name in ("docker init", "docker scout cves", "docker debug"):
        assert catalog.desktop_plugin(name), name
    assert not catalog.desktop_plugin("docker container run")
    assert catalog.canonical("docker scout qv") == "docker scout quickview"
    assert (catalog.commands["docker debug"]["usage"] or "").startswith("docker debug ")
    # The command index says where a plugin comes from: its description is the page's definition line.
    shown = [c for c in index_entries() if catalog.desktop_plugin(c)]
    assert len(shown) >= 6
    for name in shown:
        assert index_entries()[name].description.startswith("Docker Desktop plugin"), name


def test_restart_policies_are_described_as_the_daemon_applies_them():
    text = page_text("containers.md")
    assert not re.search(r"only takes effect once|stayed up for about 10 seconds", text)
    assert "100 ms" in text and re.search(r"(one|1) minute", text)
    assert re.search(r"10 seconds or (longer|more)[^.]*reset", text)


def test_scheduled_prune_says_creation_time_and_warns_about_long_lived_containers():
    text = page_text("cleanup.md")
    assert "created more than a week ago" in text
    assert "leaving anything used during the last week" not in text
    assert re.search(r"last[- ]used", text)  # only the build cache goes by use
    assert re.search(r"long-running|long-lived", text, re.I)


def test_compose_explains_its_version_numbers():
    # Issue #25, 9: Docker calls the 5.x line "Compose v5"; it builds through Bake, so needs Buildx.
    text = prose("compose.md")
    assert "still Compose v2" not in text
    assert re.search(r"5\.x[^.]*Compose v5", text)
    assert re.search(r"Bake[^.]*Buildx", text)
    assert "Compose v2 is installed" not in page_text("installation.md")


def test_builder_prune_all_reads_the_same_on_both_pages():
    def line_of(name: str) -> str:
        """The comment of the page's bare `docker builder prune` line."""
        found = re.findall(r"(?m)^docker builder prune +(# .*)$", page_text(name))
        assert len(found) == 1, name
        return found[0]

    assert line_of("builds.md") == line_of("cleanup.md")
    assert "default builder" in line_of("builds.md")


def test_the_systemd_unit_is_a_link_not_a_digression():
    for name in ("containers.md", "installation.md"):
        assert "[Service]" not in page_text(name), name


def test_the_docker_gc_box_appears_once():
    boxes = [
        src
        for src, page in topic_pages().items()
        for box in page.admonitions
        if box.kind == "legacy" and "docker-gc" in "\n".join(page.lines[box.line - 1 : box.end_line])
    ]
    assert boxes == ["cleanup.md"]


MY_PAGES = (
    "containers.md",
    "compose.md",
    "builds.md",
    "cleanup.md",
    "installation.md",
    "swarm.md",
    "desktop-plugins.md",
)


def test_every_command_on_these_pages_has_a_description_in_the_command_index():
    entries = index_entries()
    missing = {
        src: sorted({u.canonical for u in site().pages[src].report.uses if not u.legacy} - described)
        for src in MY_PAGES
        for described in [{c for c, e in entries.items() if e.description}]
    }
    assert {k: v for k, v in missing.items() if v} == {}


def test_the_command_index_says_what_a_command_does_in_the_sites_own_meaning_or_else_its_example():
    # Issue #25: the index no longer reads definition bullets. data/meanings.yaml comes first...
    assert index_entries()["docker volume create"].description == "Make a named volume to keep data."
    # ...and a command without a meaning takes the comment of the first example that runs it.
    state = site()
    reading = [CheckedPage(src, src, state.pages[src].scan, state.pages[src].report) for src in state.topics]
    entries = collect(reading, state.catalog, {}, state.examples)
    first = next(
        e.explanation
        for src in state.topics
        for e in state.examples[src]
        if "docker volume create" in e.commands and e.explanation and not e.legacy
    )
    assert entries["docker volume create"].description == first[0].upper() + first[1:]
    assert not collect(reading, state.catalog)["docker volume create"].description


def test_the_new_pages_are_in_the_navigation():
    for src in ("swarm.md", "desktop-plugins.md"):
        assert site().pages[src].nav is not None, src


# -- issue #25: right in meaning, not only in syntax ----------------------------------------------


def prose(name: str) -> str:
    """A page's text with line breaks and repeated spaces folded, so a test reads sentences."""
    return re.sub(r"\s+", " ", page_text(name))


def test_docker_build_is_not_said_to_use_the_builder_picked_with_buildx_use():
    # The CLI forwards `docker build` / `docker builder …` to Buildx with BUILDX_BUILDER set to the
    # current context (docker/cli cmd/docker/builder.go), so `buildx use` does not reach it.
    text = prose("builds.md")
    assert "use the same builder" not in text
    assert re.search(r"`docker build`[^.]*default\*?\*? builder", text)
    assert "`BUILDX_BUILDER`" in text and "`--builder`" in text
    assert "create a builder and switch to it" not in text


def test_builder_prune_is_said_to_prune_the_default_builder():
    for name in ("builds.md", "cleanup.md"):
        text = prose(name)
        assert "`docker buildx prune` on the current builder" not in text, name
        assert "unused cache of the current builder" not in text, name
    sheet = page_text("cleanup.md").split("---")[1]
    assert "docker builder prune: remove the default builder's build cache" in sheet
    assert re.search(r"docker buildx prune --builder <builder>", page_text("cleanup.md"))


def test_copy_chmod_keeps_directories_enterable():
    text = page_text("dockerfile.md")
    assert "--chmod=0644 config/" not in text
    assert "COPY --chown=app:app --chmod=u=rwX,go=rX config/ /etc/myapp/" in text
    assert re.search(r"--chmod`[^\n]*directories", text)


def test_add_unpack_is_described_the_right_way_round():
    text = prose("dockerfile.md")
    assert "local tar files always are" not in text
    assert re.search(r"local archives are unpacked unless `--unpack=false`", text, re.I)
    assert re.search(r"URLs only with `--unpack=true`", text)


def test_secret_rotation_keeps_the_file_path():
    text = prose("swarm.md")
    assert "--secret-add db_password_v2 " not in text
    assert "--secret-add source=db_password_v2,target=db_password" in text


def test_bake_without_a_target_builds_the_default_group():
    text = page_text("builds.md")
    assert "build every target" not in text
    assert "docker buildx bake: build the default group or target\n" in text


def test_image_age_for_until_depends_on_the_image_store():
    text = prose("cleanup.md")
    assert "when it was **built**, not pulled" not in text
    assert re.search(r"containerd image store[^.]*arrived on this host", text)


def test_live_restore_covers_patch_releases_only():
    text = prose("installation.md")
    assert "while the daemon restarts or upgrades" not in text
    assert "patch-release upgrades only" in text


def test_the_test_script_cleans_up_on_abort_and_bounds_its_wait():
    text = page_text("best-practices.md")
    assert re.search(r"trap '[^']*docker container rm -f[^']*' EXIT", text)
    assert re.search(r"\[ \"\$tries\" -lt \d+ \] \|\| exit 1", text)


def test_no_sysctl_or_capability_example_that_changes_nothing():
    # ip_unprivileged_port_start is already 0 in a container's own network namespace, so binding
    # port 80 on a bridge network needs neither that sysctl nor NET_BIND_SERVICE.
    for name in ("containers.md", "security.md"):
        assert "ip_unprivileged_port_start" not in page_text(name), name
    for line in page_text("security.md").splitlines():
        if "NET_BIND_SERVICE" in line and line.lstrip().startswith(("docker", "  docker")):
            assert "--network host" in line, line


def test_docker_debug_states_what_it_needs_and_is_not_called_beta():
    text = prose("desktop-plugins.md")
    assert "(Beta)" not in text
    assert "4.49" in text and re.search(r"Pro, Team or Business", text) and "signed-in" in text
    assert re.search(r"docker scout compare[^\n]*experimental", page_text("desktop-plugins.md"))


def test_the_also_items_of_issue_25():
    assert re.search(r"run-time arguments replace `CMD`", page_text("dockerfile.md"))
    links = page_text("networks.md")
    assert "--net iptastic --link" not in links
    assert re.search(r"user-defined network `--link` only adds an alias", prose("networks.md"))
    assert 'docker run --rm -v "$(pwd)":/src' in page_text("volumes.md")
    assert re.search(r"docker image ls +# CLI 29: tree view", page_text("images.md"))
    assert re.search(r"tmpfs is noexec", page_text("volumes.md"))


def test_the_destructive_warning_names_what_the_flags_used_delete():
    from cheatsheet.command_checks import destructive_reason

    catalog = catalog_module.load()
    force = destructive_reason("docker container rm", ["force"], catalog)
    volumes = destructive_reason("docker container rm", ["volumes"], catalog)
    both = destructive_reason("docker container rm", ["force", "volumes"], catalog)
    assert force and "volume" not in force
    assert "volume" in volumes and "running" not in volumes
    assert "volume" in both and "run" in both
    assert destructive_reason("docker container rm", [], catalog) == ""
    assert "image" not in destructive_reason("docker compose down", ["volumes"], catalog)
    assert "volume" not in destructive_reason("docker compose rm", ["force"], catalog)
    # And on a page: the block that first runs `docker container rm -f` says nothing of volumes.
    reasons = set(site().pages["containers.md"].report.destructive_fences.values())
    assert force in reasons
    assert not any("and their anonymous volumes" in why for why in reasons)


GAPS = {
    # page: patterns of command lines (each with its trailing comment) issue #25 asks for there
    "containers.md": [
        r"docker container ls -a --filter ancestor=\S+ +# ",
        r"docker container ls --filter publish=\d+ +# ",
        r"docker container ls -a --filter volume=\S+ +# ",
        r"docker container ls --filter network=\S+ +# ",
        r"docker container run --rm --platform linux/amd64 .* +# .*Apple silicon",
        r"docker container exec -i <container> sh < script.sh +# ",
        r"docker container logs <container> 2>&1 \| grep .* +# ",
        r"docker container logs --since \S+ --until \S+ <container> +# ",
        r"--format '\{\{\.LogPath\}\}' <container> +# ",
        r"--format '\{\{\.State\.ExitCode\}\} \{\{\.State\.OOMKilled\}\}' <container>",
        r"docker system events --filter event=oom .*# ",
        r"docker container run -d --pull always .*# ",
        r"--shm-size \S+ <image> +# ",
        r"--device /dev/\S+ <image> +# ",
        r"--use-api-socket .*# ",
    ],
    "images.md": [r"docker run --rm --platform linux/amd64 .*# .*Apple silicon"],
    "compose.md": [
        r"docker compose exec -T db psql .* < backup\.sql +# ",
        r"docker compose pull && docker compose up -d +# ",
        r"docker compose up -d --no-deps --build web +# ",
        r"docker compose up -d --force-recreate +# ",
        r'- "host\.docker\.internal:host-gateway" +# ',
        r"external: true +# ",
        r"dockerfile: \S+ +# ",
        r"args:\n +NODE_VERSION: \"22\" +# ",
    ],
    "installation.md": [r"journalctl -u docker(\.service)? .*# ", r'"data-root": "/srv/docker"'],
    "registry.md": [
        r"credsStore",
        r"\| docker login -u AWS --password-stdin <registry> +# ",
        r"/etc/docker/certs\.d/<registry>/ca\.crt +# ",
    ],
    "builds.md": [
        r"docker buildx build --build-context \S+=",
        r"BUILDX_EXPERIMENTAL=1 docker buildx debug .*build",
        r'docker run --rm -it "\$\(docker build -q \.\)"',
    ],
    "volumes.md": [r'-v "\$\{PWD\}:/src" .*# .*PowerShell', r'-v "%cd%:/src" .*# .*cmd'],
}


def test_the_everyday_gaps_of_issue_25_have_their_commands_on_the_page_named():
    missing = {
        name: [pattern for pattern in patterns if not re.search(pattern, page_text(name))]
        for name, patterns in GAPS.items()
    }
    assert {k: v for k, v in missing.items() if v} == {}
    # The exit codes a reader meets, in one table.
    codes = re.findall(r"^\| (12[5-7]|137|143) \|", page_text("containers.md"), re.M)
    assert codes == ["125", "126", "127", "137", "143"]


def test_the_new_commands_pass_the_catalogue_check():
    commands = distinct_commands()
    for needed in ("docker buildx debug build", "docker system events", "docker login", "docker compose pull"):
        assert needed in commands, needed
    assert not [p for p in site().problems if p.path.startswith("docs/")]


def test_which_container_uses_it_is_linked_from_ports_volumes_networks_and_cleanup():
    for name in ("ports.md", "volumes.md", "networks.md", "cleanup.md"):
        assert "](containers.md#which-container-uses-it)" in page_text(name), name
    assert "which-container-uses-it" in site().pages["containers.md"].scan.anchors


# -- the shape of a page: commands first, prose short -------------------------------------------

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.)\s")
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z`\[*(\"]|\s*$)")
_ABBREVIATIONS = re.compile(r"\b(?:e\.g|i\.e|etc|vs)\.")
_INLINE_CODE = re.compile(r"`[^`]*`")


def line_kinds(page: PageScan) -> list[str]:
    """One kind per line of the page's body: "code", "prose" or "other".

    A **code line** is a non-blank line inside a fenced code block (the fences themselves are
    not). A **prose line** is any other non-blank line a reader sees as running text: paragraphs,
    list items (command definitions included) and the bodies of always-open admonitions. Neither
    are blank lines, headings, table rows, admonition titles, or the body of a collapsed note
    (`??? note`), which a reader opens only when they want more."""
    kinds: list[str] = []
    fence = ""
    collapsed_indent: int | None = None
    for line in page.lines[page.body_line - 1 :]:
        stripped = line.strip()
        indent = len(line) - len(line.lstrip())
        if collapsed_indent is not None and (not stripped or indent > collapsed_indent):
            kinds.append("other")
            continue
        collapsed_indent = None
        if fence:
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                fence = ""
                kinds.append("other")
            else:
                kinds.append("code" if stripped else "other")
            continue
        if match := _FENCE.match(line):
            fence = match.group(1)
            kinds.append("other")
        elif stripped.startswith("???"):
            collapsed_indent = indent
            kinds.append("other")
        elif not stripped or stripped.startswith(("#", "|", "!!!")):
            kinds.append("other")
        else:
            kinds.append("prose")
    return kinds


def trailing_sentences(page: PageScan) -> dict[str, int]:
    """`page#anchor` -> how many sentences of running text follow the section's last code block,
    up to the next heading or legacy box (whose modern replacement follows it, as a unit of its
    own): paragraphs only, not lists, tables, admonitions or collapsed notes."""
    kinds = line_kinds(page)
    first = page.body_line
    found: dict[str, int] = {}
    for i, heading in enumerate(page.headings):
        end = page.headings[i + 1].line - 1 if i + 1 < len(page.headings) else len(page.lines)
        rows = range(heading.line + 1, end + 1)  # 1-based line numbers of the section's body
        code = [n for n in rows if kinds[n - first] == "code"]
        if not code:
            continue
        legacy = [box.line for box in page.admonitions if box.kind == "legacy" and box.line > code[-1]]
        text: list[str] = []
        for n in rows:
            line = page.lines[n - 1]
            if legacy and n >= legacy[0]:
                break
            if n <= code[-1] or kinds[n - first] != "prose" or line.startswith(" ") or _LIST_ITEM.match(line):
                continue
            text.append(line.strip())
        joined = _INLINE_CODE.sub("code", _ABBREVIATIONS.sub("abbr", " ".join(text)))
        found[f"{page.path}#{heading.anchor}"] = len(_SENTENCE_END.findall(joined))
    return found


def test_the_shape_definitions_tell_code_from_prose():
    page = PageScan(path="docs/t.md", body_line=1)
    page.lines = [
        "# T", "", "Some words.", "", "```bash", "docker ps", "```", "", "- `docker ps` — lists.",
        "", "| a | b |", "", "??? note \"More\"", "", "    Hidden words.", "", "!!! tip \"Tip\"",
        "", "    Open words.",
    ]  # fmt: skip
    assert line_kinds(page) == [
        "other", "other", "prose", "other", "other", "code", "other", "other", "prose",
        "other", "other", "other", "other", "other", "other", "other", "other", "other", "prose",
    ]  # fmt: skip


def test_no_page_has_more_prose_lines_than_code_lines():
    over = {}
    for src, page in topic_pages().items():
        kinds = line_kinds(page)
        if kinds.count("prose") > kinds.count("code"):
            over[src] = (kinds.count("prose"), kinds.count("code"))
    assert over == {}, "prose lines > code lines: " + repr(over)


def test_at_most_one_sentence_of_prose_follows_a_sections_code():
    long = {
        where: count
        for page in topic_pages().values()
        for where, count in trailing_sentences(page).items()
        if count > 1
    }
    assert long == {}, "put all but one sentence in a `??? note`: " + repr(long)


_TRAILING_COMMENT = re.compile(r"\s#\s(.*)$")
MAX_COMMENT = 60  # characters: the explanation must fit beside its command


def test_each_command_in_a_shell_block_has_its_comment_on_its_own_line_and_short():
    """One line per command: no comment line above a command (its explanation goes after it,
    on the same line), and each trailing comment is short."""
    found = []
    for src, page in topic_pages().items():
        for fence in page.fences:
            if fence.lang not in ("bash", "sh", "shell"):
                continue
            for offset, line in enumerate(fence.lines, start=1):
                stripped = line.strip()
                where = f"{src}:{fence.line + offset}"
                if stripped.startswith("#") and not stripped.startswith("#!"):
                    found.append(f"{where}: comment above its command: {stripped}")
                elif (match := _TRAILING_COMMENT.search(line)) and len(match.group(1)) > MAX_COMMENT:
                    found.append(f"{where}: comment of {len(match.group(1))} characters")
    assert found == []


# A list item that names a command in inline code first: `` - `docker volume create` — … ``.
_COMMAND_BULLET = re.compile(r"^\s*[-*+]\s+`(docker [^`]+)`")


def section_headings(page: PageScan, line: int) -> set[str]:
    """The anchors of the section a line stands in and of its subsections ("" before the first
    heading)."""
    above = [h for h in page.headings if h.line < line]
    if not above:
        return {""}
    own = above[-1]
    anchors = {own.anchor}
    for heading in page.headings:
        if heading.line > own.line:
            if heading.level <= own.level:
                break
            anchors.add(heading.anchor)
    return anchors


def test_no_bullet_repeats_a_command_that_a_code_line_of_its_section_runs():
    """Issue #25, Shape: one line per command, the command then its comment. A bullet that names
    a command the section (or one of its subsections) also runs in a code block says it twice."""
    catalog = catalog_module.load()
    repeated = []
    for src, page in topic_pages().items():
        kinds = line_kinds(page)
        runs: dict[str, set[str]] = {}  # heading anchor -> commands its current examples run
        for example in site().examples[src]:
            if not example.legacy:
                runs.setdefault(example.heading, set()).update(example.commands)
        for number in range(page.body_line, len(page.lines) + 1):
            match = _COMMAND_BULLET.match(page.lines[number - 1])
            if not match or kinds[number - page.body_line] != "prose":
                continue
            invocation = command_in(match.group(1), catalog)
            if invocation is None or not invocation.canonical:
                continue
            if any(invocation.canonical in runs.get(anchor, ()) for anchor in section_headings(page, number)):
                repeated.append(f"docs/{src}:{number}: {match.group(1)}")
    assert repeated == [], "drop the bullet; say what it does in the code line's comment"


def test_a_bullet_is_found_beside_the_code_line_that_runs_its_command():
    """The check above is not blind: a page written the old way trips it."""
    page = PageScan(path="docs/t.md", body_line=1)
    page.lines = ["# T", "", "## Volumes", "", "- `docker volume create` — makes one.", "", "### More"]
    page.headings = [Heading(1, 1, "T", "t"), Heading(3, 2, "Volumes", "volumes"), Heading(7, 3, "More", "more")]
    assert section_headings(page, 5) == {"volumes", "more"}
    assert _COMMAND_BULLET.match(page.lines[4]) and line_kinds(page)[4] == "prose"
