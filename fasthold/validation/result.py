"""The outcome of validating one import: every check, passed or not, as JSON-ready data."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from fasthold.errors import Problem

CRITICAL = "kritisk"


@dataclass
class CheckResult:
    id: str
    dataset: str
    file: str
    severity: str
    text: str
    column: str | None
    success: bool
    element_count: int
    unexpected_count: int
    examples: list[dict] = field(default_factory=list)  # {"row": 14, "student_id": "…"}


@dataclass
class ValidationResult:
    period: str
    snapshot_date: str
    checks: list[CheckResult]

    @property
    def status(self) -> str:
        """``afvist`` (a critical check failed), ``advarsler`` or ``ok``."""
        if any(not c.success and c.severity == CRITICAL for c in self.checks):
            return "afvist"
        return "advarsler" if any(not c.success for c in self.checks) else "ok"

    @property
    def warnings(self) -> list[CheckResult]:
        return [c for c in self.checks if not c.success and c.severity != CRITICAL]

    def problems(self) -> list[Problem]:
        """One message per failing critical check and row (the first rows of each)."""
        out = []
        for check in self.checks:
            if check.success or check.severity != CRITICAL:
                continue
            for example in check.examples or [{}]:
                out.append(Problem(check.file, f"{check.text} ({check.unexpected_count} "
                                               f"række(r) i alt)", check.column,
                                   example.get("row")))
        return out

    def to_json(self) -> dict:
        return {"period": self.period, "snapshot_date": self.snapshot_date,
                "status": self.status, "checks": [asdict(c) for c in self.checks]}

    @classmethod
    def from_json(cls, data: dict) -> ValidationResult:
        return cls(data["period"], data["snapshot_date"],
                   [CheckResult(**c) for c in data["checks"]])
