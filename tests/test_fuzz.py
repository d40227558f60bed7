"""Whatever a contributor writes, the build reports problems and never raises."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cheatsheet import catalog, commands, harden, search
from cheatsheet.flag_marks import mark_flags
from cheatsheet.problems import Problem
from cheatsheet.reference_links import check_link
from cheatsheet.shell import simple_commands, split_commands
from cheatsheet.site import build_site, decode, read_sources

CATALOG = catalog.load()
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

words = st.sampled_from(
    [
        "docker",
        "run",
        "container",
        "ls",
        "ps",
        "-it",
        "--rm",
        "-p",
        "8080:80",
        "--",
        "-",
        "<image>",
        "compose",
        "up",
        "-d",
        "buildx",
        "build",
        "--platform=linux/amd64",
        "$(",
        ")",
        "`",
        "|",
        "&&",
        ";",
        "\\",
        "'",
        '"',
        "<<EOF",
        "EOF",
        "#",
        "sudo",
        "A=1",
        "-H",
        "x",
        "--format",
        "{{.ID}}",
        "\n",
        "FROM",
        "MAINTAINER",
        "RUN",
        "--mount=type=cache",
        "COPY",
        "--from=x",
        "ENV",
        "!!!",
        "legacy",
        "\r",
        "\r\n",
        "\u2028",
        "\x0c",
        "`docker ps`",
    ]
)
command_text = st.lists(words, max_size=25).map(" ".join)
fence_lang = st.sampled_from(["bash", "console", "text", "dockerfile", "yaml", "", "sh", "{ .bash }"])
urls = st.one_of(
    st.text(max_size=40),
    st.builds(
        lambda p, f: f"https://docs.docker.com/{p}#{f}",
        st.sampled_from(
            [
                "engine/reference/commandline/ps/",
                "engine/reference/builder/",
                "reference/cli/docker/",
                "reference/cli/docker/container/run/",
                "reference/cli/docker/ps/",
                "reference/dockerfile/",
                "reference/cli/docker/nope/x/",
                "engine/reference/run/",
                "",
            ]
        ),
        st.text(alphabet="abcdefghijklmnop-#", max_size=12),
    ),
    st.sampled_from(["volumes.md#x", "../x.md", "/abs", "#", "?", "", "mailto:x", "javascript:alert(1)"]),
)


@st.composite
def pages(draw) -> str:
    front = draw(
        st.one_of(
            st.just(""),
            st.text(max_size=60).map(lambda t: f"---\n{t}\n---\n"),
            st.builds(
                lambda t, s, o: f"---\ntitle: {t}\ndescription: {t}\nsection: {s}\norder: {o}\n---\n",
                st.text(max_size=20),
                st.sampled_from(["run", "build", "nope", "[", ""]),
                st.integers(-5, 5),
            ),
        )
    )
    parts = [front]
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.integers(0, 5))
        if kind == 0:
            parts.append("#" * draw(st.integers(1, 7)) + " " + draw(st.text(max_size=20)))
        elif kind == 1:
            parts.append(f"```{draw(fence_lang)}\n{draw(command_text)}\n" + draw(st.sampled_from(["```", ""])))
        elif kind == 2:
            parts.append(f"[{draw(st.text(max_size=15))}]({draw(urls)}) `{draw(command_text)}`")
        elif kind == 3:
            parts.append(f'!!! legacy "x"\n\n    ```bash\n    {draw(command_text)}\n    ```')
        elif kind == 4:
            parts.append(f"- `{draw(command_text)}` — {draw(st.text(max_size=20))}")
        else:
            parts.append(draw(st.text(max_size=80)))
    return "\n\n".join(parts)


@SETTINGS
@given(st.dictionaries(st.sampled_from(["a.md", "b.md", "index.md", "commands.md", "sub/c.md"]), pages(), max_size=3))
def test_build_site_and_render_never_raise(raw):
    # As the hook gives them: read from bytes, line endings normalised once (site.read_sources).
    sources, _ = read_sources({src: text.encode("utf-8") for src, text in raw.items()})
    site = build_site(sources, CATALOG)
    for problem in site.problems:
        assert ":" in str(problem) and " — " in str(problem)
    for src, text in sources.items():
        assert isinstance(site.render(src, text), str)
    site.urls = {src: src.replace(".md", ".html") for src in sources}
    site.search_keywords()


@SETTINGS
@given(st.binary(max_size=200))
def test_any_bytes_decode_or_report(raw):
    text = decode("docs/x.md", raw)
    assert isinstance(text, str | Problem)


@SETTINGS
@given(command_text)
def test_command_reader_never_raises(text):
    for line in text.split("\n"):
        for words in split_commands(line):
            commands.parse(commands.strip_prefix(words, CATALOG) or ["docker"], CATALOG)
    list(simple_commands(text.split("\n"), 1, prompts_only=True))


@SETTINGS
@given(urls, st.text(max_size=30))
def test_link_checker_never_raises(url, text):
    result = check_link(url, text, CATALOG)
    assert result is None or (isinstance(result, tuple) and len(result) == 2)


@SETTINGS
@given(st.text(max_size=300), command_text)
def test_html_post_processing_never_raises(text, code):
    html = (
        f'<html><head></head><body><div class="cs-destructive highlight" data-why="{text}">'
        f"<pre><code>{code}</code></pre></div>{text}</body></html>"
    )
    assert "<head>" in harden.page(html) or "<head>" not in html
    mark_flags(html, CATALOG)
    data = {
        "config": {},
        "docs": [{"location": "a.html", "title": text, "text": f"<pre><code>{code}</code></pre>{text}"}],
    }
    json.loads(search.shape_file(json.dumps(data), {}, CATALOG, {}))


@SETTINGS
@given(st.text(alphabet="-_ pxrmé()1", max_size=12), st.sampled_from(["-p", "--rm", "-it", "--p"]))
def test_a_heading_names_a_flag_as_the_word_boundary_pattern_reads_it(title, written):
    """search_sections finds a flag in a heading with plain searches; they must agree with the
    pattern they replaced: no word character or dash either side."""
    import re

    from cheatsheet.search_sections import _stands_alone

    pattern = rf"(?<![\w-]){re.escape(written)}(?![\w-])"
    assert _stands_alone(title, written) == (re.search(pattern, title) is not None)
