"""Where things live under a root folder (``--root``, default: the current folder)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Paths:
    root: Path

    @property
    def raw(self) -> Path:
        return self.root / "data" / "raw"

    @property
    def processed(self) -> Path:
        return self.root / "data" / "processed"

    @property
    def reports(self) -> Path:
        return self.root / "reports"

    @property
    def default_config(self) -> Path:
        return self.root / "fasthold.toml"

    def report_dir(self, period: str) -> Path:
        return self.reports / period

    @staticmethod
    def notebook(name: str) -> Path:
        return REPOSITORY / "notebooks" / f"{name}.ipynb"
