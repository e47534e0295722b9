"""A fast reader for the first sheet of an xlsx file: cell values, merged ranges, row numbers.

openpyxl spends about 30 µs on each cell, which makes a 100,000-student register take half a
minute. This reader scans the sheet's XML with regular expressions instead (about 1 µs a cell)
and keeps openpyxl's meaning of every cell: shared and inline strings, numbers, booleans, dates
(from the cell's number format, using openpyxl's own date-format test) and percent-formatted
numbers (returned on the 0–100 scale, as Lectio's text cells are). ``tests/test_xlsx.py`` checks
it against openpyxl cell for cell.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from html import unescape
from typing import Any

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

_ROW = re.compile(rb"<row\b([^>]*)>(.*?)</row>|<row\b([^>]*)/>", re.S)
_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.S)
_ATTR = re.compile(rb'\b(r|s|t)="([^"]*)"')
_VALUE = re.compile(rb"<v>(.*?)</v>", re.S)
_TEXT = re.compile(rb"<t\b[^>]*>(.*?)</t>|<t\b[^>]*/>", re.S)
_PLAIN = re.compile(rb"(?:<is>)?<t(?: [^>]*)?>([^<]*)</t>(?:</is>)?")
_SI = re.compile(rb"<si>(.*?)</si>|<si/>", re.S)
_XF = re.compile(rb"<xf\b([^>]*?)(?:/>|>)", re.S)
_NUMFMT = re.compile(rb'<numFmt\b[^>]*numFmtId="(\d+)"[^>]*formatCode="([^"]*)"', re.S)
_MERGE = re.compile(rb'<mergeCell ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')
_SHEET = re.compile(r'<(?:\w+:)?sheet\b[^>]*r:id="([^"]+)"')
EPOCH = dt.datetime(1899, 12, 30)

Grid = list[list[Any]]
Merges = list[tuple[int, int, int, int]]


def read_first_sheet(data: bytes) -> tuple[Grid, Merges]:
    """Rows of cell values (0-based grid; empty rows kept as ``[]``) and merged ranges."""
    import io

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        strings = _shared_strings(archive.read("xl/sharedStrings.xml")) \
            if "xl/sharedStrings.xml" in names else []
        kinds = _style_kinds(archive.read("xl/styles.xml")) if "xl/styles.xml" in names else []
        sheet = archive.read(_first_sheet_path(archive))
    return _grid(sheet, strings, kinds), _merges(sheet)


def _first_sheet_path(archive: zipfile.ZipFile) -> str:
    book = archive.read("xl/workbook.xml").decode("utf-8")
    rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    first = _SHEET.search(book)
    if first is None:
        raise ValueError("projektmappen har intet ark")
    for rel in re.finditer(r"<Relationship\b[^>]*>", rels):
        tag = rel[0]
        if f'Id="{first[1]}"' in tag:
            target = re.search(r'Target="([^"]+)"', tag)[1]
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    raise ValueError("arket kan ikke findes i projektmappen")


def _text(xml: bytes) -> str:
    plain = _PLAIN.fullmatch(xml)
    text = plain[1].decode("utf-8") if plain else "".join(
        m.decode("utf-8") for m in _TEXT.findall(xml))
    return unescape(text) if "&" in text else text


def _shared_strings(xml: bytes) -> list[str]:
    return [_text(m[0]) if m[0] else "" for m in _SI.finditer(xml)]


def _style_kinds(xml: bytes) -> list[str]:
    """Per cell style index: ``date``, ``percent`` or ``number``."""
    custom = {int(i): unescape(code.decode("utf-8")) for i, code in _NUMFMT.findall(xml)}
    start = xml.find(b"<cellXfs")
    end = xml.find(b"</cellXfs>", start)
    kinds = []
    for attrs in _XF.findall(xml[start:end] if start >= 0 else b""):
        found = re.search(rb'numFmtId="(\d+)"', attrs)
        fmt_id = int(found[1]) if found else 0
        code = custom.get(fmt_id, BUILTIN_FORMATS.get(fmt_id, "General"))
        kinds.append("percent" if "%" in code else "date" if is_date_format(code) else "number")
    return kinds


def _column(ref: bytes) -> int:
    index = 0
    for char in ref:
        if 65 <= char <= 90:
            index = index * 26 + char - 64
        else:
            break
    return index - 1


def _grid(sheet: bytes, strings: list[str], kinds: list[str]) -> Grid:
    grid: Grid = []
    for match in _ROW.finditer(sheet):
        attrs = match[1] or match[3] or b""
        number = re.search(rb'\br="(\d+)"', attrs)
        index = int(number[1]) - 1 if number else len(grid)
        while len(grid) < index:
            grid.append([])
        row: list[Any] = []
        for cell in _CELL.finditer(match[2] or b""):
            found = dict(_ATTR.findall(cell[1]))
            position = _column(found[b"r"]) if b"r" in found else len(row)
            row.extend([None] * (position - len(row) + 1))
            row[position] = _value(found, cell[2] or b"", strings, kinds)
        grid.append(row)
    return grid


def _value(attrs: dict[bytes, bytes], body: bytes, strings: list[str], kinds: list[str]) -> Any:
    kind = attrs.get(b"t", b"n")
    if kind == b"inlineStr":
        return _text(body) or None
    found = _VALUE.search(body)
    if found is None:
        return None
    raw = found[1].decode("utf-8")
    if kind == b"s":
        return strings[int(raw)] or None  # openpyxl reads an empty string as an empty cell
    if kind in (b"str", b"e"):
        return unescape(raw)
    if kind == b"b":
        return raw == "1"
    if kind == b"d":
        return dt.datetime.fromisoformat(raw)
    value = float(raw)
    style = kinds[int(attrs[b"s"])] if b"s" in attrs and int(attrs[b"s"]) < len(kinds) else ""
    if style == "date":
        return EPOCH + dt.timedelta(days=value)
    if style == "percent":
        return round(value * 100, 10)
    return value


def _merges(sheet: bytes) -> Merges:
    tail = sheet[sheet.rfind(b"</sheetData>"):]
    return [(int(r1) - 1, _column(c1), int(r2) - 1, _column(c2))
            for c1, r1, c2, r2 in _MERGE.findall(tail)]
