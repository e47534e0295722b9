"""Find the pulls under ``data/raw`` and the export files in one pull folder."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from fasthold.errors import reject

KINDS = ("elever", "fravaer", "samtaler", "henviste")
REQUIRED = ("elever", "fravaer")
SUFFIXES = {".xlsx", ".xls", ".csv", ".txt"}
PERIOD = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_TRANSLATE = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})


@dataclass(frozen=True)
class Pull:
    """One monthly pull: its folder, period, snapshot date and files by kind."""

    folder: Path
    period: str
    snapshot_date: dt.date
    files: dict[str, Path]

    @property
    def inputs(self) -> list[Path]:
        """Every file the pull is built from: the exports and ``pull.toml`` if present."""
        settings = self.folder / "pull.toml"
        return [*self.files.values(), *([settings] if settings.exists() else [])]


def parse_period(text: str) -> str:
    """Check a ``YYYY-MM`` period given on the command line."""
    if not PERIOD.match(text):
        raise reject("kommandolinjen", f"perioden '{text}' skal skrives ÅÅÅÅ-MM, fx 2026-11")
    return text


def pull_periods(raw_dir: Path) -> list[str]:
    """Every ``YYYY-MM`` folder under ``raw_dir``, oldest first."""
    if not raw_dir.is_dir():
        return []
    return sorted(p.name for p in raw_dir.iterdir() if p.is_dir() and PERIOD.match(p.name))


def kind_of(name: str) -> str | None:
    """``Fravær_1a.CSV`` → ``fravaer``; temporary Excel lock files and other files → None."""
    if name.startswith((".", "~$")) or Path(name).suffix.lower() not in SUFFIXES:
        return None
    stem = name.lower().translate(_TRANSLATE)
    return next((kind for kind in KINDS if stem.startswith(kind)), None)


def find_pull(raw_dir: Path, period: str) -> Pull:
    """The files of one pull folder, checked: required kinds present, no kind twice."""
    folder = raw_dir / period
    if not folder.is_dir():
        raise reject(str(folder), "mappen med månedens træk findes ikke")
    files: dict[str, Path] = {}
    for path in sorted(folder.iterdir()):
        kind = kind_of(path.name)
        if kind is None or not path.is_file():
            continue
        if kind in files:
            raise reject(path, f"to filer af samme slags ('{files[kind].name}' og '{path.name}') "
                               "i samme træk; fjern eller omdøb den ene")
        files[kind] = path
    for kind in REQUIRED:
        if kind not in files:
            raise reject(str(folder), f"mangler filen {kind}* (fx {kind}.xlsx eller {kind}.csv)")
    return Pull(folder, period, _snapshot_date(folder, period), files)


def _snapshot_date(folder: Path, period: str) -> dt.date:
    default = dt.date(int(period[:4]), int(period[5:]), 10)
    path = folder / "pull.toml"
    if not path.exists():
        return default
    try:
        settings = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise reject(path, f"kan ikke læses som TOML: {exc}") from None
    unknown = set(settings) - {"snapshot_date"}
    if unknown:
        raise reject(path, f"ukendt nøgle {', '.join(sorted(unknown))}; kun snapshot_date er "
                           "tilladt")
    value = settings.get("snapshot_date", default)
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise reject(path, "snapshot_date skal være en dato uden anførselstegn, fx "
                           "snapshot_date = 2026-11-11")
    if (value.year, value.month) != (default.year, default.month):
        raise reject(path, f"snapshot_date {value.isoformat()} ligger ikke i trækkets måned "
                           f"{period}")
    return value
