"""The contributor workflow: Markdown lint, GitHub workflows and forms, pre-commit hooks, the safe
build script and the page template."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, run_build

PYTHON = sys.executable
GITHUB = ROOT / ".github"
WORKFLOWS = GITHUB / "workflows"
TEMPLATE = ROOT / "templates" / "page.md"
LINT_CONFIG = ROOT / ".pymarkdown.json"
# A proxy nothing listens on: any attempt to reach the network fails instead of succeeding.
OFFLINE = {
    "HTTP_PROXY": "http://127.0.0.1:9",
    "HTTPS_PROXY": "http://127.0.0.1:9",
    "http_proxy": "http://127.0.0.1:9",
    "https_proxy": "http://127.0.0.1:9",
    "NO_PROXY": "",
    "no_proxy": "",
}
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(?:/[\w./-]+)?@(?:v\d+(?:\.\d+){0,2}|[0-9a-f]{40})$")


def run(args: list[str], cwd: Path = ROOT, env: dict | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    full_env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    # Tools installed next to this interpreter (the venv) come first, as for an activated venv.
    full_env["PATH"] = f"{Path(PYTHON).parent}{os.pathsep}{full_env.get('PATH', '')}"
    full_env.update(env or {})
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=full_env, timeout=timeout)


def lint(*paths: Path | str) -> subprocess.CompletedProcess:
    return run([PYTHON, "-m", "pymarkdown", "--strict-config", "--config", str(LINT_CONFIG), "scan", *map(str, paths)])


def load_workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as the boolean true.
    if True in data:
        data["on"] = data.pop(True)
    return data


def triggers(workflow: dict) -> dict:
    on = workflow["on"]
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return {name: None for name in on}
    return on


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def run_lines(workflow: dict) -> list[str]:
    return [line.strip() for step in steps(workflow) for line in str(step.get("run", "")).splitlines()]


def readme_test_command() -> str:
    """The test command the README's Quick start states; `bash scripts/test.sh` until the README
    exists (scripts/test.sh documents itself as that command)."""
    readme = ROOT / "README.md"
    if not readme.exists():
        assert (ROOT / "scripts" / "test.sh").is_file()
        return "bash scripts/test.sh"
    text = readme.read_text(encoding="utf-8")
    quick = re.search(r"^#{1,6}\s*Quick start\s*$(.*?)(?=^#{1,6}\s|\Z)", text, re.M | re.S | re.I)
    assert quick, "README.md has no Quick start section"
    command = re.search(r"bash scripts/test\.sh(?:[ \t]+[^\s`#]+)*", quick.group(1))
    assert command, "README.md's Quick start states no test command (bash scripts/test.sh)"
    return command.group(0)


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    match = re.match(r"^---\n(.*?\n)---\n", text, re.S)
    return yaml.safe_load(match.group(1)) if match else {}


# -- (a) Markdown lint -------------------------------------------------------------------------


def test_markdown_lint_passes_on_every_page_and_the_template():
    pages = sorted((ROOT / "docs").glob("*.md"))
    assert pages
    result = lint(*pages, TEMPLATE)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == ""


def test_markdown_lint_accepts_mkdocs_syntax_and_reports_file_and_line(tmp_path):
    good = (
        "---\ntitle: Sample\ndescription: A sample page.\nsection: run\norder: 1\n---\n\n"
        "# Sample\n\n"
        "A line much longer than eighty characters, which a table or a long command line needs to be.\n\n"
        "## Lifecycle\n\n"
        "- `docker container ls` — lists running containers.\n\n"
        '!!! legacy "Old syntax"\n\n'
        "    ```bash\n    docker run -d --link db:db <image>\n    ```\n\n"
        "## Lifecycle details\n\n"
        "### Notes\n\nText.\n"
    )
    ok = tmp_path / "good.md"
    ok.write_text(good, encoding="utf-8")
    result = lint(ok)
    assert result.returncode == 0, result.stdout + result.stderr

    bad = tmp_path / "bad.md"
    lines = good.splitlines()
    lines.insert(lines.index("## Lifecycle details"), "# A second title")
    lines.insert(lines.index("Text."), "* starred item")
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    h1_line = lines.index("# A second title") + 1
    star_line = lines.index("* starred item") + 1
    result = lint(bad)
    assert result.returncode != 0
    assert f"{bad}:{h1_line}:1: MD025" in result.stdout, result.stdout
    assert f"{bad}:{star_line}:1: MD004" in result.stdout, result.stdout


def test_lint_config_documents_each_rule_it_changes():
    import json

    config = json.loads(LINT_CONFIG.read_text(encoding="utf-8"))
    assert config["extensions"]["front-matter"]["enabled"] is True
    for rule, settings in config["plugins"].items():
        if isinstance(settings, dict):
            assert settings.get("_comment"), f"{rule}: say why the rule is changed in its _comment"


# -- (b) GitHub workflows and forms ------------------------------------------------------------


def check_jsonschema(schema: str, *files: Path) -> subprocess.CompletedProcess:
    return run(
        [PYTHON, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, files)], env=OFFLINE, timeout=120
    )


def test_workflows_match_githubs_schema_offline(tmp_path):
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert {f.name for f in files} >= {"test.yml", "deploy.yml"}
    result = check_jsonschema("vendor.github-workflows", *files)
    assert result.returncode == 0, result.stdout + result.stderr
    # The same check rejects a malformed workflow (`step` for `steps`), so it is not a no-op.
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    step: []\n", encoding="utf-8")
    result = check_jsonschema("vendor.github-workflows", broken)
    assert result.returncode != 0
    assert "step" in result.stdout


def test_issue_forms_match_githubs_schema_offline():
    forms = [GITHUB / "ISSUE_TEMPLATE" / name for name in ("content-error.yml", "new-topic.yml")]
    result = check_jsonschema("vendor.github-issue-forms", *forms)
    assert result.returncode == 0, result.stdout + result.stderr
    result = check_jsonschema("vendor.github-issue-config", GITHUB / "ISSUE_TEMPLATE" / "config.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_new_topic_form_offers_the_sites_sections():
    form = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / "new-topic.yml").read_text(encoding="utf-8"))
    sections = yaml.safe_load((ROOT / "data" / "sections.yaml").read_text(encoding="utf-8"))
    dropdown = next(item for item in form["body"] if item.get("id") == "section")
    offered = [o for o in dropdown["attributes"]["options"] if o != "Not sure"]
    assert offered == [s["title"] for s in sections if not s.get("default")]  # "Not sure" is the default


def test_test_workflow_runs_on_pull_requests_with_read_only_token():
    workflow = load_workflow("test.yml")
    on = triggers(workflow)
    assert "pull_request" in on
    assert "pull_request_target" not in on  # would run fork code with a write token
    assert (on.get("push") or {}).get("branches") == ["main"]
    assert workflow["permissions"] == {"contents": "read"}
    for job in workflow["jobs"].values():
        assert job.get("permissions", {"contents": "read"}) == {"contents": "read"}


def test_every_action_is_pinned_to_a_version():
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for step in steps(load_workflow(path.name)):
            if "uses" in step:
                assert PINNED.match(step["uses"]), f"{path.name}: pin `{step['uses']}` to @vN or a commit SHA"
    assert not PINNED.match("actions/checkout@main")
    assert not PINNED.match("actions/checkout")


def test_test_workflow_runs_the_readmes_test_command():
    command = readme_test_command()
    workflow = load_workflow("test.yml")
    assert "test" in workflow["jobs"]
    job = workflow["jobs"]["test"]
    assert job["runs-on"] == "ubuntu-latest"
    lines = run_lines(workflow)
    assert command in lines, f"test.yml should run `{command}`, runs {lines}"
    # scripts/test.sh needs Debian's Chromium: it installs it itself when it runs as root (a
    # Debian container), otherwise an earlier step must install it.
    container = job.get("container") or ""
    image = str(container.get("image", "") if isinstance(container, dict) else container)
    installs = any("apt-get install" in line and "chromium" in line for line in lines)
    assert re.search(r"(debian|bookworm|trixie)", image) or installs


def test_deploy_workflow_builds_safely_and_deploys_to_pages():
    workflow = load_workflow("deploy.yml")
    on = triggers(workflow)
    assert (on.get("push") or {}).get("branches") == ["main"]
    assert "pull_request" not in on and "pull_request_target" not in on
    assert workflow.get("concurrency", {}).get("group")
    granted: dict[str, str] = dict(workflow.get("permissions") or {})
    for job in workflow["jobs"].values():
        granted.update(job.get("permissions") or {})
    assert granted == {"contents": "read", "pages": "write", "id-token": "write"}
    uses = [step["uses"].split("@")[0] for step in steps(workflow) if "uses" in step]
    for action in ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert action in uses
    builds = [line for line in run_lines(workflow) if line.startswith("python scripts/safe_build.py")]
    assert len(builds) == 1
    out = re.search(r"-d\s+(\S+)", builds[0])
    site_dir = out.group(1) if out else "site"
    upload = next(step for step in steps(workflow) if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload.get("with", {}).get("path", "_site").rstrip("/") == site_dir


# -- pre-commit --------------------------------------------------------------------------------


def test_pre_commit_hooks_run_the_linters_type_check_and_a_strict_build():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] if repo["repo"] == "local" for hook in repo["hooks"]}
    assert {"markdown-lint", "mkdocs-strict", "ruff-check", "ruff-format", "mypy"} <= set(hooks)
    assert all(hook["language"] == "system" for hook in hooks.values())
    build = hooks["mkdocs-strict"]["entry"]
    assert "mkdocs build --strict" in build and not re.search(r"\s(-q|--quiet)\b", build)
    tracked = [p.relative_to(ROOT).as_posix() for p in [*ROOT.glob("docs/*.md"), TEMPLATE, ROOT / "mkdocs.yml"]]
    python = [p.relative_to(ROOT).as_posix() for p in [*ROOT.glob("cheatsheet/*.py"), *ROOT.glob("hooks/*.py")]]
    for hook_id, hook in hooks.items():
        candidates = python if "python" in hook.get("types", []) else tracked
        files = [f for f in candidates if re.search(hook.get("files", ""), f)]
        assert files, f"{hook_id} runs on no page"
        # What pre-commit runs: the entry split like a shell would, then the matching files.
        args = shlex.split(hook["entry"]) + (files if hook.get("pass_filenames", True) else [])
        # No venv active: only the system's directories on PATH.
        result = run(args, env={"PATH": "/usr/local/bin:/usr/bin:/bin"})
        assert result.returncode == 0, f"{hook_id}: {result.stdout}{result.stderr}"


# -- (c) safe build ----------------------------------------------------------------------------


def safe_build(project: Path, *args: str) -> subprocess.CompletedProcess:
    script = project / "scripts" / "safe_build.py"
    if not script.exists():
        script.parent.mkdir(exist_ok=True)
        shutil.copy2(ROOT / "scripts" / "safe_build.py", script)
    return run([PYTHON, "scripts/safe_build.py", *args], cwd=project)


def snapshot(directory: Path) -> dict[str, bytes]:
    return {p.relative_to(directory).as_posix(): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def leftovers(project: Path) -> list[str]:
    return [p.name for p in project.iterdir() if p.name.startswith(".site")]


def test_safe_build_keeps_previous_output_when_the_build_fails(project):
    site = project / "site"
    (site / "assets").mkdir(parents=True)
    (site / ".safe-build").write_text("an earlier safe build\n", encoding="utf-8")
    (site / "index.html").write_text("<p>the previous build</p>", encoding="utf-8")
    (site / "assets" / "kept.css").write_text("body {}", encoding="utf-8")
    before = snapshot(site)
    # Invalid YAML in the front matter: the build reports it as a warning, which --strict fails
    # on (with -q the warning would be dropped and the build would pass).
    (project / "docs" / "broken.md").write_text(
        "---\ntitle: [unclosed\nsection: run\n---\n\n# Broken\n\nText.\n", encoding="utf-8"
    )
    result = safe_build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert snapshot(site) == before
    assert "docs/broken.md:2: front matter is not valid YAML" in output
    assert "Traceback" not in output
    assert leftovers(project) == []


def test_safe_build_swaps_in_the_new_site_on_success(project):
    site = project / "site"
    site.mkdir()
    (site / ".safe-build").write_text("an earlier safe build\n", encoding="utf-8")  # it replaces only its own output
    (site / "stale.html").write_text("old", encoding="utf-8")
    result = safe_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (site / "stale.html").exists()
    assert "Containers" in (site / "containers.html").read_text(encoding="utf-8")
    assert (site / "search" / "search_index.json").is_file()
    umask = os.umask(0)
    os.umask(umask)
    assert site.stat().st_mode & 0o777 == 0o777 & ~umask  # not mkdtemp's private 0700
    assert leftovers(project) == []


def test_safe_build_refuses_to_replace_the_project(project):
    result = safe_build(project, "-d", ".")
    assert result.returncode != 0
    assert "refusing" in result.stderr and "Traceback" not in result.stderr
    assert (project / "docs" / "containers.md").is_file() and (project / "mkdocs.yml").is_file()


# -- (d) page template -------------------------------------------------------------------------


def template_in(project: Path, uncomment: bool = False) -> tuple[Path, str]:
    """Copy the template into the project's docs/ with an order no page of its section uses."""
    meta = front_matter(TEMPLATE)
    used = {
        front_matter(p).get("order")
        for p in (project / "docs").glob("*.md")
        if front_matter(p).get("section") == meta["section"]
    }
    order = max(o for o in used | {0} if isinstance(o, int)) + 10
    text = re.sub(r"(?m)^order:.*$", f"order: {order}", TEMPLATE.read_text(encoding="utf-8"), count=1)
    if uncomment:
        text = "\n".join(line for line in text.splitlines() if line.strip() not in ("<!--", "-->")) + "\n"
    page = project / "docs" / "your-topic.md"
    page.write_text(text, encoding="utf-8")
    return page, str(meta["title"])


class _NavLinks(HTMLParser):
    """(href, text) of every navigation link (`a.md-nav__link`) in a page."""

    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self._open: list | None = None
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self._open is not None:
            self._depth += tag == "a"
        elif tag == "a" and "md-nav__link" in (attrs.get("class") or "").split():
            self._open, self._depth = [attrs.get("href") or "", ""], 0

    def handle_endtag(self, tag):
        if tag == "a" and self._open is not None:
            if self._depth:
                self._depth -= 1
            else:
                self.links.append((self._open[0], " ".join(self._open[1].split())))
                self._open = None

    def handle_data(self, data):
        if self._open is not None:
            self._open[1] += data


def nav_links(html: str) -> list[tuple[str, str]]:
    parser = _NavLinks()
    parser.feed(html)
    return parser.links


def test_template_front_matter_uses_the_documented_keys():
    spec = yaml.safe_load((ROOT / "data" / "front-matter.yaml").read_text(encoding="utf-8"))
    meta = front_matter(TEMPLATE)
    assert set(spec["required"]) <= set(meta) <= set(spec["required"]) | set(spec.get("optional") or {})
    sections = [s["key"] for s in yaml.safe_load((ROOT / "data" / "sections.yaml").read_text(encoding="utf-8"))]
    assert meta["section"] in sections
    text = TEMPLATE.read_text(encoding="utf-8")
    # One line per command: the command, then its comment (issue #25).
    assert re.search(r"(?m)^docker \S.* {2,}# \S.{0,59}$", text)
    assert re.search(r'(?s)<!--.*!!! legacy ".*-->', text)


@pytest.mark.parametrize("uncomment", [False, True], ids=["as-is", "legacy-example-uncommented"])
def test_template_builds_strictly_and_appears_in_the_nav(project, tmp_path, uncomment):
    _page, title = template_in(project, uncomment)
    build = run_build(project, tmp_path / "site")
    assert build.returncode == 0, build.output
    assert build.warnings == []
    links = nav_links((build.site / "index.html").read_text(encoding="utf-8"))
    assert ("your-topic.html", title) in links, "the template's page is missing from the navigation"
    html = (build.site / "your-topic.html").read_text(encoding="utf-8")
    assert re.search(r"<h1[^>]*>" + re.escape(title), html)
    legacy_box = 'class="admonition legacy"' in html
    assert legacy_box == uncomment  # hidden while commented out, a real legacy box once uncommented
