"""Shared fixtures: the demo school is written once per session and imported once."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fasthold.config import load_config
from fasthold.demo import write_demo
from fasthold.paths import Paths

DEMO_UNTIL = "2026-11"
REPO = Path(__file__).resolve().parent.parent


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m fasthold`` as a user would; output captured as text."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run([sys.executable, "-m", "fasthold", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="session")
def demo_raw(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default demo school's raw pulls (seed 7, read-only by convention)."""
    root = tmp_path_factory.mktemp("demo")
    write_demo(Paths(root).raw, seed=7, until=DEMO_UNTIL, today=dt.date(2026, 12, 3))
    return Paths(root).raw


@pytest.fixture(scope="session")
def imported_root(demo_raw: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A root with the demo school imported (every pull), shared by read-only tests."""
    root = tmp_path_factory.mktemp("imported")
    shutil.copytree(demo_raw, Paths(root).raw)
    result = run_cli("--root", str(root), "import", "--all")
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture(scope="session")
def monthly_root(imported_root: Path) -> Path:
    """The imported demo with the monthly report for the newest pull built."""
    result = run_cli("--root", str(imported_root), "monthly", DEMO_UNTIL)
    assert result.returncode == 0, result.stderr
    return imported_root


@pytest.fixture()
def config():
    return load_config(None)
