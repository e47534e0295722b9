"""One run at a time, a manifest for every run, and a log without personal data.

- The lock is ``data/processed/fasthold.lock`` holding the running process's pid. A second run
  stops with a clear message; a lock whose process is gone is taken over, and says so.
- Every run writes ``data/processed/runs/<timestamp>.json``: the command, the reports, every
  input file with its sha256, the settings' hash, the versions of Python, fasthold and the main
  libraries, the git commit when there is one, each step's duration and the outcome.
- Each step logs one line to stderr and to ``data/processed/runs/fasthold.log`` (rotated at
  1 MB, five files kept). Lines name periods, files and counts — never students.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import subprocess
import sys
import time
from contextlib import contextmanager
from importlib import metadata
from logging.handlers import RotatingFileHandler
from pathlib import Path

from fasthold.paths import REPOSITORY, Paths
from fasthold.store import atomic_text

LIBRARIES = ["fasthold", "pandas", "great-expectations", "papermill", "nbconvert", "seaborn",
             "pyarrow", "openpyxl"]
log = logging.getLogger("fasthold")


class Busy(Exception):
    """Another run holds the lock."""


def setup_logging(paths: Paths) -> None:
    if log.handlers:
        return
    folder = paths.processed / "runs"
    folder.mkdir(parents=True, exist_ok=True)
    log.setLevel(logging.INFO)
    stream = logging.StreamHandler(sys.stderr)
    stream.setFormatter(logging.Formatter("%(message)s"))
    file = RotatingFileHandler(folder / "fasthold.log", maxBytes=1_000_000, backupCount=5,
                               encoding="utf-8")
    file.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.addHandler(stream)
    log.addHandler(file)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def locked(paths: Paths):
    """Hold ``data/processed/fasthold.lock`` for the duration of a run."""
    paths.processed.mkdir(parents=True, exist_ok=True)
    path = paths.processed / "fasthold.lock"
    while True:
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            break
        except FileExistsError:
            try:
                holder = int(path.read_text().strip() or 0)
            except (OSError, ValueError):
                holder = 0
            if holder and _alive(holder):
                raise Busy(f"en anden kørsel (proces {holder}) er i gang; prøv igen senere "
                           f"(låsefil: {path})") from None
            log.warning("Overtager en forældet lås fra proces %s, som ikke kører længere",
                        holder or "ukendt")
            path.unlink(missing_ok=True)
    with os.fdopen(fd, "w") as handle:
        handle.write(str(os.getpid()))
    try:
        yield
    finally:
        path.unlink(missing_ok=True)


class Manifest:
    """Collects one run's facts and writes them at the end, whatever the outcome."""

    def __init__(self, paths: Paths, command: list[str], config_digest: str):
        self.paths = paths
        self.started = dt.datetime.now()
        self.data: dict = {"command": command, "started": self.started.isoformat(
            timespec="seconds"), "config_sha256": config_digest, "reports": [], "inputs": [],
            "steps": [], "versions": _versions(), "git_commit": _git_commit()}

    @contextmanager
    def step(self, name: str):
        start = time.perf_counter()
        log.info("%s …", name)
        try:
            yield
        finally:
            seconds = round(time.perf_counter() - start, 3)
            self.data["steps"].append({"step": name, "seconds": seconds})
            log.info("%s: %.1f s", name, seconds)

    def add_inputs(self, files: list[Path]) -> None:
        for path in sorted(files):
            self.data["inputs"].append({"file": str(path.relative_to(self.paths.root)),
                                        "sha256": hashlib.sha256(path.read_bytes()).hexdigest()})

    def finish(self, outcome: str) -> Path:
        self.data["outcome"] = outcome
        self.data["seconds"] = round((dt.datetime.now() - self.started).total_seconds(), 3)
        target = self.paths.processed / "runs" / f"{self.started:%Y%m%dT%H%M%S%f}.json"
        atomic_text(target, json.dumps(self.data, ensure_ascii=False, indent=1))
        return target


def _versions() -> dict[str, str]:
    versions = {"python": sys.version.split()[0]}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "ukendt"
    return versions


def _git_commit() -> str | None:
    try:
        result = subprocess.run(["git", "-C", str(REPOSITORY), "rev-parse", "HEAD"],
                                capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout.strip() or None
