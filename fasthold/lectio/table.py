"""Read one export file into a table of raw cells with a single, joined header row.

Handles xlsx (text, number and date cells; percent-formatted numbers; title rows above the
header; two- or three-row headers with merged cells) and csv/txt (sniffed encoding and delimiter).
Cells stay raw (``str``, ``float``, ``datetime`` or ``None``); :mod:`fasthold.lectio.parse` types
them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from fasthold.errors import Problem, reject
from fasthold.lectio.columns import ANCHORS, SPELLINGS, map_headers, normalise, spellings
from fasthold.lectio.parse import MISSING, Column
from fasthold.lectio.xlsx import read_first_sheet

SUMMARY_ROWS = {"samlet", "ialt", "total", "ejhold"}
HEADER_SEARCH_ROWS = 20


@dataclass
class RawTable:
    """Raw cells under a joined header; ``rows`` are the file's own row (line) numbers."""

    file: str
    kind: str
    headers: list[str]
    cells: pd.DataFrame  # columns by position
    rows: pd.Series
    fields: dict[str, int]  # field -> column position
    problems: list[Problem] = field(default_factory=list)

    def has(self, *flds: str) -> bool:
        return all(f in self.fields for f in flds)

    def header(self, fld: str) -> str:
        return self.headers[self.fields[fld]]

    def parse(self, fld: str, parser: Callable[[Column], Any]) -> Any:
        """Parse one field's column; unreadable cells are kept in ``problems``."""
        column = Column(self.file, self.header(fld), self.cells.iloc[:, self.fields[fld]],
                        self.rows)
        result = parser(column)
        self.problems.extend(column.problems)
        return result

    def require(self, *alternatives: tuple[str, ...]) -> None:
        """Reject the file unless one of the alternative field sets is present."""
        if any(self.has(*fields) for fields in alternatives):
            return
        wanted = " eller ".join(" + ".join(f"'{SPELLINGS[self.kind][f][0]}'" for f in fields)
                                for fields in alternatives)
        raise reject(self.file, f"mangler kolonnen {wanted}; fandt: "
                                f"{', '.join(repr(h) for h in self.headers if h) or 'ingen'}")


def read_table(path: Path, kind: str, overrides: dict[str, list[str]],
               allow_empty: bool = False) -> RawTable:
    """Read ``path`` as a ``kind`` export (``elever``, ``fravaer``, ``samtaler``, ``henviste``)."""
    data = path.read_bytes()
    if not data.strip():
        raise reject(path, "filen er tom")
    suffix = path.suffix.lower()
    if suffix == ".xlsx" or data[:4] == b"PK\x03\x04":
        grid, merges = _xlsx_grid(path, data)
    elif suffix == ".xls" or data[:4] == b"\xd0\xcf\x11\xe0":
        raise reject(path, "det gamle Excel-format (.xls) kan ikke læses; gem filen som .xlsx "
                           "eller .csv")
    else:
        return _locate(path, kind, _csv_grid(path, data), [], overrides, allow_empty, True)
    return _locate(path, kind, grid, merges, overrides, allow_empty, False)


# --- xlsx ------------------------------------------------------------------------------------

def _xlsx_grid(path: Path, data: bytes) -> tuple[list[list[Any]], list]:
    try:
        return read_first_sheet(data)
    except Exception as exc:  # a damaged archive fails in many ways
        raise reject(path, f"kan ikke åbnes som Excel-fil (.xlsx): filen er beskadiget eller "
                           f"ikke en Excel-fil ({type(exc).__name__})") from None


# --- csv -------------------------------------------------------------------------------------

def _decode(path: Path, data: bytes) -> str:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise reject(path, "filen er gemt som UTF-16; gem den som CSV UTF-8 (eller CSV semikolon-"
                           "separeret) og prøv igen")
    if b"\x00" in data[:4096]:
        raise reject(path, "filen er ikke en tekstfil (csv); gem den som CSV UTF-8 eller .xlsx")
    if data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    else:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            encoding = "cp1252"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise reject(path, f"tegnkodningen kan ikke læses (hverken UTF-8 eller Windows-1252; fejl "
                           f"ved byte {exc.start}); gem filen som CSV UTF-8") from None


def _sniff_delimiter(lines: list[str]) -> str:
    best, best_score = ";", -1
    for delimiter in (";", "\t", ","):
        counts = [len(row) for row in csv.reader(lines, delimiter=delimiter) if any(row)]
        if not counts:
            continue
        widest = max(counts)
        score = sum(c == widest for c in counts) * (widest > 1) * widest
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _csv_grid(path: Path, data: bytes) -> list[list[Any]]:
    text = _decode(path, data)
    lines = text.splitlines()
    delimiter = _sniff_delimiter(lines[:HEADER_SEARCH_ROWS + 5])
    return [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


# --- header ----------------------------------------------------------------------------------

def _fill_merges(grid: list[list[Any]], merges: list[tuple[int, int, int, int]]) -> None:
    for r1, c1, r2, c2 in merges:
        if r1 >= HEADER_SEARCH_ROWS + 3 or r1 >= len(grid):
            continue
        value = grid[r1][c1] if c1 < len(grid[r1]) else None
        for r in range(r1, min(r2, len(grid) - 1) + 1):
            row = grid[r]
            row.extend([None] * (c2 + 1 - len(row)))
            for c in range(c1, c2 + 1):
                row[c] = value


def _joined(grid: list[list[Any]], start: int, depth: int) -> list[str]:
    width = max(len(r) for r in grid[start:start + depth])
    headers = []
    for c in range(width):
        parts: list[str] = []
        for row in grid[start:start + depth]:
            cell = row[c] if c < len(row) else None
            text = "" if cell is None else str(cell).strip()
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        headers.append(" ".join(parts))
    return headers


def _locate(path: Path, kind: str, grid: list[list[Any]], merges: list, overrides: dict,
            allow_empty: bool, strict_width: bool) -> RawTable:
    _fill_merges(grid, merges)
    lookup = spellings(kind, overrides)
    anchors = {key for key, fld in lookup.items() if fld in ANCHORS[kind]}
    start = next((i for i, row in enumerate(grid[:HEADER_SEARCH_ROWS])
                  if any(cell is not None and normalise(cell) in anchors for cell in row)), None)
    if start is None:
        raise reject(path, "fandt ingen overskriftsrække; forventede fx en kolonne 'Elev-id' "
                           "eller 'Navn' blandt de første rækker")
    depth = max((1, 2, 3), key=lambda d: (len(map_headers(kind, _joined(grid, start, d),
                                                          overrides)), -d))
    headers = _joined(grid, start, depth)
    fields = map_headers(kind, headers, overrides)
    body = grid[start + depth:]
    width = len(headers)
    kept_rows, numbers = [], []
    for offset, row in enumerate(body):
        line = start + depth + offset + 1
        values = [None if c is None or (c.__class__ is str and c.strip() in MISSING) else c
                  for c in row]
        filled = [v for v in values if v is not None]
        if not filled or normalise(filled[0]) in SUMMARY_ROWS:
            continue
        if len(values) > width and any(v is not None for v in values[width:]):
            raise reject(path, f"rækken har {len(values)} felter, men overskriften har {width}; "
                               "rækkerne er forskudt (tjek skilletegn og anførselstegn)", row=line)
        if len(values) < width and strict_width:
            raise reject(path, f"rækken har {len(values)} felter, men overskriften har {width}",
                         row=line)
        kept_rows.append((values + [None] * width)[:width])
        numbers.append(line)
    if not kept_rows and not allow_empty:
        raise reject(path, "filen har en overskrift, men ingen rækker med elever")
    cells = pd.DataFrame(kept_rows, columns=range(width), dtype=object)
    return RawTable(path.name, kind, headers, cells, pd.Series(numbers, dtype="int64"), fields)
