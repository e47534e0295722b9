"""The repository's own files: dependencies declared once, notebooks clean, CLI entry points."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from fasthold.config import load_config
from tests.conftest import REPO, run_cli


def test_environment_yml_installs_this_package_with_pyprojects_python():
    text = (REPO / "environment.yml").read_text()
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert "python=3.11" in text and project["requires-python"] == ">=3.11"
    pip_lines = [line.strip()[2:].strip() for line in text.splitlines()
                 if line.strip().startswith("- ") and "." in line and "python" not in line]
    assert pip_lines == ["-e .[dev]"], pip_lines  # dependencies come from pyproject only
    names = {d.split(">")[0].split("<")[0].split("=")[0].strip() for d in project["dependencies"]}
    assert {"pandas", "seaborn", "papermill", "nbconvert", "great-expectations", "jupyterlab",
            "openpyxl", "pyarrow"} <= names
    assert "pytest>=8" in project["optional-dependencies"]["dev"]


def test_committed_notebooks_have_no_outputs_and_a_parameters_cell():
    for path in (REPO / "notebooks").glob("*.ipynb"):
        notebook = json.loads(path.read_text())
        code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
        assert all(not c.get("outputs") and not c.get("execution_count") for c in code), path
        assert "parameters" in code[0]["metadata"].get("tags", []), path


def test_example_settings_equal_the_built_in_defaults():
    assert load_config(REPO / "fasthold.toml").raw == load_config(None).raw


def test_module_entry_point_and_help(tmp_path: Path):
    result = run_cli("--help")
    assert result.returncode == 0 and "demo" in result.stdout and "monthly" in result.stdout
    missing = run_cli("--root", str(tmp_path), "monthly")
    assert missing.returncode == 2
    assert "ingen træk fundet" in missing.stderr and "Traceback" not in missing.stderr
