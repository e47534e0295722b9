"""The fast xlsx reader agrees with openpyxl cell for cell."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from fasthold.lectio.xlsx import read_first_sheet


def _openpyxl_grid(path: Path) -> tuple[list[list], list]:
    sheet = openpyxl.load_workbook(path).worksheets[0]
    grid = []
    for row in sheet.iter_rows():
        values = []
        for cell in row:
            value = cell.value
            if isinstance(value, int | float) and not isinstance(value, bool):
                value = round(value * 100, 10) if "%" in cell.number_format else float(value)
            values.append(value)
        grid.append(values)
    merges = sorted((r.min_row - 1, r.min_col - 1, r.max_row - 1, r.max_col - 1)
                    for r in sheet.merged_cells.ranges)
    return grid, merges


def _trim(grid: list[list]) -> list[list]:
    rows = [list(r) for r in grid]
    for row in rows:
        while row and row[-1] is None:
            row.pop()
    while rows and not rows[-1]:
        rows.pop()
    return rows


def test_every_demo_workbook_matches_openpyxl(demo_raw: Path):
    books = sorted(demo_raw.rglob("*.xlsx"))
    assert len(books) >= 15
    for path in books[:12]:
        grid, merges = read_first_sheet(path.read_bytes())
        expected_grid, expected_merges = _openpyxl_grid(path)
        assert _trim(grid) == _trim(expected_grid), path
        assert sorted(merges) == expected_merges, path


def test_sparse_rows_rich_text_escapes_and_formats(tmp_path: Path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["B2"] = "Elev & <klasse>"
    sheet["D2"] = 0.125
    sheet["D2"].number_format = "0.0%"
    sheet["A5"] = dt.datetime(2026, 11, 10)
    sheet["B5"] = 45972
    sheet["C5"] = True
    sheet["E5"] = "=1+1"
    sheet["A9"] = "  mellemrum  "
    sheet.merge_cells("B2:C3")
    path = tmp_path / "t.xlsx"
    book.save(path)
    grid, merges = read_first_sheet(path.read_bytes())
    assert grid[1][1] == "Elev & <klasse>" and grid[1][3] == pytest.approx(12.5)
    assert grid[4][:3] == [dt.datetime(2026, 11, 10), 45972.0, True]
    assert grid[4][4] is None or grid[4][4] == "=1+1"
    assert grid[8][0] == "  mellemrum  " and grid[2] == [] or grid[2] == [None] * len(grid[2])
    assert merges == [(1, 1, 2, 2)]
