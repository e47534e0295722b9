"""Errors a user can act on.

An :class:`InputError` is a user's mistake (a bad file, a bad setting): the command line prints
its Danish messages without a traceback and exits with status 2.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input, located as precisely as we can."""

    file: str
    message: str
    column: str | None = None
    row: int | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.column:
            where.append(f"kolonne '{self.column}'")
        if self.row is not None:
            where.append(f"række {self.row}")
        return f"{', '.join(where)}: {self.message}"


class InputError(Exception):
    """The input was rejected; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def reject(file: str | Path, message: str, column: str | None = None,
           row: int | None = None) -> InputError:
    """Build an :class:`InputError` for a single problem (``raise reject(...)``)."""
    name = Path(file).name if isinstance(file, Path) else file
    return InputError([Problem(name, message, column, row)])
