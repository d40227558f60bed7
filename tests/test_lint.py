"""The code stays lint-, format- and type-clean: ruff and mypy as configured in pyproject.toml.
A finding fails the test with the tool's own report, so it reads like running the tool."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", "."],
        ["ruff", "format", "--check", "."],
        ["mypy"],
    ],
    ids=["ruff-check", "ruff-format", "mypy"],
)
def test_tool_reports_nothing(command: list[str]) -> None:
    proc = subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, f"`{' '.join(command)}` found problems:\n{proc.stdout}{proc.stderr}"
