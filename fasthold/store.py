"""The processed store under ``data/processed``: the panel, identities, conversations.

- ``panel.parquet``: one row per pull × student, the canonical columns (no names).
- ``identities.parquet``: ``student_id`` → ``name`` (newest spelling); the only place with names.
- ``samtaler.parquet``: each pull's copy of the conversation log (confidential: holds notes).
- ``imports.json``: per period, the fingerprint of the raw files and settings it was built from.

Every file is written atomically (temporary file, then rename), the manifest last, so a crash
leaves the previous good state or a state that the next import simply redoes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from fasthold.indicators.enrolment import is_enrolled, previous_period
from fasthold.lectio import PullData

PANEL_COLUMNS = ["period", "snapshot_date", "student_id", "class", "programme", "grade_year",
                 "start_date", "end_date", "status", "exit_reason", "birth_date", "referred",
                 "enrolled", "absence_pct", "absent_modules", "held_modules", "written_pct",
                 "written_absent_hours", "written_total_hours"]


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(tmp)`` on a temporary file beside ``path``, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(name)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp creates 0600; published files follow the umask
    try:
        write(tmp)
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def atomic_text(path: Path, text: str) -> None:
    atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def fingerprint(files: list[Path], config_digest: str) -> str:
    """sha256 over the pull's files (names and bytes) and the effective settings."""
    digest = hashlib.sha256(config_digest.encode())
    for path in sorted(files):
        digest.update(path.name.encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def pull_rows(data: PullData) -> pd.DataFrame:
    """The panel rows of one pull: the register joined with its matched absence rows."""
    snap = pd.Timestamp(data.pull.snapshot_date)
    register = data.register.drop(columns=["name", "_row"])
    absence = data.absence.dropna(subset=["student_id"]).drop(columns=["match_count", "_row"])
    rows = register.merge(absence, on="student_id", how="left")
    rows.insert(0, "period", data.pull.period)
    rows.insert(1, "snapshot_date", snap)
    rows["enrolled"] = is_enrolled(rows["start_date"], rows["end_date"], snap)
    return rows[PANEL_COLUMNS]


class Store:
    """Read and replace one pull at a time in ``data/processed``."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.panel_path = folder / "panel.parquet"
        self.identities_path = folder / "identities.parquet"
        self.conversations_path = folder / "samtaler.parquet"
        self.imports_path = folder / "imports.json"

    def panel(self) -> pd.DataFrame:
        if not self.panel_path.exists():
            return pd.DataFrame(columns=PANEL_COLUMNS)
        return pd.read_parquet(self.panel_path)

    def identities(self) -> pd.DataFrame:
        if not self.identities_path.exists():
            return pd.DataFrame({"student_id": pd.Series(dtype="string"),
                                 "name": pd.Series(dtype="string"),
                                 "period": pd.Series(dtype="string")})
        return pd.read_parquet(self.identities_path)

    def conversations(self) -> pd.DataFrame | None:
        return pd.read_parquet(self.conversations_path) if self.conversations_path.exists() \
            else None

    def imports(self) -> dict[str, dict]:
        if not self.imports_path.exists():
            return {}
        return json.loads(self.imports_path.read_text(encoding="utf-8"))

    def is_current(self, period: str, digest: str) -> bool:
        return self.imports().get(period, {}).get("fingerprint") == digest

    def previous(self, period: str, panel: pd.DataFrame | None = None) -> pd.DataFrame | None:
        """The stored pull just before ``period`` (pulls need not be consecutive)."""
        panel = self.panel() if panel is None else panel
        earlier = previous_period(panel, period)
        return None if earlier is None else panel[panel["period"] == earlier]

    def save_pull(self, data: PullData, rows: pd.DataFrame, digest: str,
                  validation: dict) -> None:
        """Replace ``data``'s pull in every file; the manifest is written last."""
        period = data.pull.period
        panel = self.panel()
        panel = pd.concat([panel[panel["period"] != period], rows], ignore_index=True) \
            if not panel.empty else rows
        panel = panel.sort_values(["period", "student_id"], kind="stable", ignore_index=True)
        atomic_write(self.panel_path, lambda tmp: panel.to_parquet(tmp, index=False))
        names = data.register[["student_id", "name"]].dropna(subset=["student_id"]).assign(
            period=period)
        identities = pd.concat([self.identities(), names], ignore_index=True)
        identities = (identities.sort_values(["student_id", "period"], kind="stable")
                      .drop_duplicates("student_id", keep="last").reset_index(drop=True))
        atomic_write(self.identities_path, lambda tmp: identities.to_parquet(tmp, index=False))
        logs = [] if data.conversations is None else [
            data.conversations.drop(columns=["_row"]).assign(period=period)]
        stored = self.conversations()
        if stored is not None:
            logs.insert(0, stored[stored["period"] != period])
        if logs:
            log = pd.concat(logs, ignore_index=True).sort_values(
                ["period", "date", "student_id"], kind="stable", ignore_index=True)
            atomic_write(self.conversations_path, lambda tmp: log.to_parquet(tmp, index=False))
        atomic_text(self.folder / "validering" / f"{period}.json",
                    json.dumps(validation, ensure_ascii=False, indent=1))
        imports = self.imports()
        imports[period] = {"fingerprint": digest, "snapshot_date": validation["snapshot_date"],
                           "imported_at": dt.datetime.now().isoformat(timespec="seconds"),
                           "files": sorted(p.name for p in data.pull.files.values())}
        atomic_text(self.imports_path, json.dumps(dict(sorted(imports.items())), indent=1))
