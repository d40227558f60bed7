"""cheatsheet/flag_marks.py: flags in rendered shell code blocks get a `cs-flag` span with both forms."""

from __future__ import annotations

import re

import markdown
import pytest

from cheatsheet import catalog as catalog_module
from cheatsheet.commands import FlagUse
from cheatsheet.flag_marks import flag_words, mark_flags

SPAN = re.compile(r'<span class="cs-flag" data-short="([^"]*)" data-long="([^"]*)">([^<]*)</span>')


@pytest.fixture(scope="module")
def catalog():
    return catalog_module.load()


def render(source: str, lang_class: bool = True) -> str:
    """Markdown as the site renders it (mkdocs.yml sets pygments_lang_class: true)."""
    return markdown.markdown(
        source,
        extensions=["attr_list", "pymdownx.superfences", "pymdownx.highlight"],
        extension_configs={"pymdownx.highlight": {"pygments_lang_class": lang_class}},
    )


def block(code: str, lang: str = "bash") -> str:
    return render(f"```{lang}\n{code}\n```\n")


def marked(html: str) -> list[tuple[str, str, str]]:
    """(text, short, long) of every marked flag, in order."""
    return [(m.group(3), m.group(1), m.group(2)) for m in SPAN.finditer(html)]


def unwrap(html: str) -> str:
    return SPAN.sub(lambda m: m.group(3), html)


def check(catalog, code: str, lang: str = "bash") -> list[tuple[str, str, str]]:
    """Mark one block; the HTML must be the same apart from the added spans."""
    html = block(code, lang)
    out = mark_flags(html, catalog)
    assert unwrap(out) == html
    return marked(out)


def test_combined_shorts_map_to_the_list_of_longs(catalog):
    found = check(catalog, "docker run -it --rm alpine:3.22 sh")
    assert found == [("-it", "-it", "--interactive --tty")]


def test_short_and_long_written_flags(catalog):
    found = check(catalog, "docker container run -d --name web -p 8080:80 nginx\ndocker container run --detach nginx")
    assert found == [
        ("-d", "-d", "--detach"),
        ("-p", "-p", "--publish"),
        ("--detach", "-d", "--detach"),
    ]


def test_flags_without_a_short_form_are_left_alone(catalog):
    assert check(catalog, "docker run --rm --name web --init nginx") == []


def test_the_containers_own_command_line_is_not_dockers(catalog):
    # Everything after the image belongs to the container: `-la` is ls's, `-c` is sh's.
    found = check(catalog, "docker run --rm -v data:/data alpine ls -la /data\ndocker exec -it web sh -c 'ls -l'")
    assert [f[0] for f in found] == ["-v", "-it"]


def test_values_are_not_flags(catalog):
    # `--filter`'s value and `-e`'s value are skipped the way the checker skips them;
    # `docker ps --format` has no short form.
    found = check(catalog, "docker ps -a --filter status=exited --format '{{.ID}}'\ndocker run -e -d=1 nginx")
    assert found == [
        ("-a", "-a", "--all"),
        ("--filter", "-f", "--filter"),
        ("-e", "-e", "--env"),
    ]


def test_other_programs_are_left_alone(catalog):
    found = check(catalog, "docker ps -a | grep -v web && ls -la\nsudo -u root docker logs -f web")
    assert found == [("-a", "-a", "--all"), ("-f", "-f", "--follow")]


def test_command_substitution(catalog):
    found = check(catalog, "docker rm -f $(docker ps -aq --filter status=exited)")
    assert found == [
        ("-f", "-f", "--force"),
        ("-aq", "-aq", "--all --quiet"),
        ("--filter", "-f", "--filter"),
    ]


def test_continuation_lines(catalog):
    found = check(catalog, "docker run -d \\\n  -p 127.0.0.1:8080:80 \\\n  --name web \\\n  -e MODE=prod nginx")
    assert [f[0] for f in found] == ["-d", "-p", "-e"]


def test_console_marks_commands_not_output(catalog):
    found = check(
        catalog, "$ docker ps -a\nCONTAINER ID   IMAGE\n-a is not a flag here\n$ docker logs -f web", "console"
    )
    assert [f[0] for f in found] == ["-a", "-f"]


def test_global_and_group_flags(catalog):
    found = check(catalog, "docker -H ssh://me@host ps -q\ndocker compose -f compose.prod.yaml up -d")
    assert found == [
        ("-H", "-H", "--host"),
        ("-q", "-q", "--quiet"),
        ("-f", "-f", "--file"),
        ("-d", "-d", "--detach"),
    ]


def test_glued_values(catalog):
    found = check(catalog, "docker run -p8080:80 nginx\ndocker logs --tail=5 web\ndocker logs -n=5 web")
    assert found == [
        ("-p", "-p", "--publish="),  # shows --publish=8080:80
        ("--tail", "-n", "--tail"),  # shows -n=5
        ("-n", "-n", "--tail"),  # shows --tail=5
    ]


def test_unknown_and_quoted_flags_are_not_marked(catalog):
    assert check(catalog, 'docker run -Z nginx\ndocker run -iZ nginx\ndocker run "-it" nginx') == []


def test_placeholders_and_entities_stay_as_they_were(catalog):
    html = block("docker run -v <volume>:/data -e 'A=\"b\" && c' <image>")
    out = mark_flags(html, catalog)
    assert unwrap(out) == html
    assert "&lt;volume&gt;" in out and "&lt;image&gt;" in out
    assert [f[0] for f in marked(out)] == ["-v", "-e"]


def test_only_shell_blocks(catalog):
    for lang in ("yaml", "dockerfile", "text", "json"):
        html = block("docker run -d nginx", lang)
        assert mark_flags(html, catalog) == html
    html = render("```\ndocker run -d nginx\n```\n")
    assert mark_flags(html, catalog) == html  # no language: not known to be shell
    for lang in ("sh", "shell", "zsh"):
        assert marked(mark_flags(block("docker run -d nginx", lang), catalog)) == [("-d", "-d", "--detach")]


def test_destructive_blocks_without_a_language_class(catalog):
    # Destructive blocks carry `cs-destructive`; with attribute lists the language class may be gone.
    source = '``` { .bash .cs-destructive data-why="deletes things" }\ndocker rm -f web\n```\n'
    for lang_class in (True, False):
        html = render(source, lang_class)
        assert "cs-destructive" in html
        out = mark_flags(html, catalog)
        assert unwrap(out) == html
        assert marked(out) == [("-f", "-f", "--force")]
    html = render(
        "``` { .console .cs-destructive }\n$ docker system prune -af\nTotal reclaimed space: 0B\n```\n", False
    )
    assert marked(mark_flags(html, catalog)) == [("-af", "-af", "--all --force")]


def test_several_blocks_and_surrounding_html(catalog):
    source = (
        "# Title\n\nRun `docker run -d` in prose: not a block.\n\n"
        "```bash\ndocker run -d nginx\n```\n\n```yaml\nservices: {web: {image: nginx}}\n```\n\n"
        "```console\n$ docker ps -q\n```\n"
    )
    html = render(source)
    out = mark_flags(html, catalog)
    assert unwrap(out) == html
    assert [f[0] for f in marked(out)] == ["-d", "-q"]
    assert "<code>docker run -d</code>" in out


def test_marking_twice_changes_nothing(catalog):
    once = mark_flags(block("docker run -it nginx"), catalog)
    assert mark_flags(once, catalog) == once


def test_line_anchors_from_material(catalog):
    # mkdocs.yml sets anchor_linenums: each line starts with an empty anchor.
    html = markdown.markdown(
        "```bash\ndocker run -d nginx\ndocker ps -a\n```\n",
        extensions=["pymdownx.superfences", "pymdownx.highlight"],
        extension_configs={"pymdownx.highlight": {"pygments_lang_class": True, "anchor_linenums": True}},
    )
    assert "__codelineno" in html
    out = mark_flags(html, catalog)
    assert unwrap(out) == html
    assert [f[0] for f in marked(out)] == ["-d", "-a"]


def test_flag_words(catalog):
    words = ["sudo", "docker", "run", "-it", "--rm", "-p", "80:80", "alpine", "ls", "-l"]
    assert flag_words(words, catalog) == [
        FlagUse(3, 3, "-it", "--interactive --tty"),
        FlagUse(5, 2, "-p", "--publish"),
    ]
    assert flag_words(["ls", "-la"], catalog) == []
    assert flag_words(["docker", "nosuchcommand", "-a"], catalog) == []
    assert flag_words(["docker", "model", "run", "-e"], catalog) == []  # unchecked plugin


@pytest.mark.parametrize(
    "opening",
    [
        '<div class="language-bash highlight">',
        '<div data-x="1" class="language-bash highlight">',
        "<div id='b' class='highlight language-bash' title=\"a > b\">",
        '<div class="language-bash highlight" data-why="x"><!-- extra attributes after -->',
    ],
)
def test_code_blocks_are_found_whatever_the_attribute_order(catalog, opening):
    html = f'{opening}<pre><code class="x">docker run -it --rm nginx</code></pre></div>'
    assert marked(mark_flags(html, catalog)) == [("-it", "-it", "--interactive --tty")]
