"""Small hand-made pulls for reader and bad-input tests, written as a school would save them."""

from __future__ import annotations

from pathlib import Path

REGISTER_HEADER = ["Elev-id", "Navn", "Stamklasse", "Uddannelse", "Startdato", "Slutdato",
                   "Status", "Udmeldelsesårsag", "CPR", "Henvist"]
REGISTER = [
    ["01234567890", "Anna Holm", "1a", "stx", "11-08-2025", "", "Aktiv", "", "150309-4123", "Nej"],
    ["01234567891", "Bo Lund", "1a", "STX", "11-08-2025", "", "Aktiv", "", "020209-4124", "Ja"],
    ["01234567892", "Cem Yilmaz", "1a", "stx", "11-08-2025", "03-10-2025", "Udmeldt",
     "Skift til EUD", "300608-4125", "Nej"],
    ["01234567893", "Dina Friis", "2hfa", "2-årigt hf", "12-08-2024", "", "Aktivt", "",
     "111105-4126", "Nej"],
    ["01234567894", "Emil Dahl", "2hfa", "HF", "12-08-2024", "", "Aktiv", "", "241206-4127",
     "x"],
    ["01234567895", "Freja Bech", "1a", "stx", "11-08-2025", "", "Aktiv", "", "070709-4128", ""],
]
ABSENCE_HEADER = ["Elev-id", "Almindeligt fravær Opgjort Procent",
                  "Almindeligt fravær Opgjort Moduler", "Skriftligt fravær Opgjort Procent",
                  "Skriftligt fravær Opgjort Elevtid"]
ABSENCE = [
    ["01234567890", "9,1%", "33,5/368", "3,6 %", "6/166,6"],
    ["01234567891", "2,2%", "8/368", "0,0%", "0/166,6"],
    ["01234567893", "20,4%", "75/368", "25,0%", "41,7/166,6"],
    ["01234567894", "0,0%", "0/368", "0,0%", "0/166,6"],
    ["01234567895", "12,5%", "46/368", "10,0%", "16,7/166,6"],
]
CPRS = [row[8] for row in REGISTER]


def csv_text(header: list[str], rows: list[list[str]], delimiter: str = ";") -> str:
    return "\r\n".join(delimiter.join(r) for r in [header, *rows]) + "\r\n"


def write_pull(raw: Path, period: str = "2025-11", register: str | None = None,
               absence: str | None = None, extra: dict[str, bytes | str] | None = None) -> Path:
    """A valid pull (``elever.csv``, ``fravaer.csv``) unless overridden; returns the folder."""
    folder = raw / period
    folder.mkdir(parents=True, exist_ok=True)
    files = {"elever.csv": csv_text(REGISTER_HEADER, REGISTER) if register is None else register,
             "fravaer.csv": csv_text(ABSENCE_HEADER, ABSENCE) if absence is None else absence,
             **(extra or {})}
    for name, content in files.items():
        if content is None:
            continue
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        (folder / name).write_bytes(data)
    return folder


def replace_cell(rows: list[list[str]], row: int, column: int, value: str) -> list[list[str]]:
    copy = [list(r) for r in rows]
    copy[row][column] = value
    return copy
