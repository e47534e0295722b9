"""A corpus of broken pulls: each is rejected with exit 2 and a clear Danish message naming the
file, with no traceback and no CPR number, and nothing in data/raw or data/processed changes."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from pathlib import Path

import openpyxl
import pytest

from fasthold.cli import main
from tests.conftest import run_cli
from tests.pulls import (
    ABSENCE,
    ABSENCE_HEADER,
    CPRS,
    REGISTER,
    REGISTER_HEADER,
    csv_text,
    replace_cell,
    write_pull,
)

GOOD = "2025-10"
BAD = "2025-11"


def _xlsx(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def register(rows=REGISTER, header=REGISTER_HEADER) -> str:
    return csv_text(header, rows)


def absence(rows=ABSENCE, header=ABSENCE_HEADER) -> str:
    return csv_text(header, rows)


def _without(header: list[str], rows: list[list[str]], name: str):
    i = header.index(name)
    return [h for h in header if h != name], [r[:i] + r[i + 1:] for r in rows]


ambiguous_register = REGISTER + [["01234567899", "Anna Holm", "1a", "stx", "11-08-2025", "",
                                  "Aktiv", "", "150309-4999", "Nej"]]
by_name = csv_text(["Elev", "Klasse", "Fravær opgjort (%)"], [["Anna Holm", "1a", "9,1"]])

# name, files of the broken pull, what the message must contain
CASES = [
    ("utf16", {"elever.csv": register().encode("utf-16")}, ["elever.csv", "UTF-16"]),
    ("binary", {"fravaer.csv": bytes(range(256)) * 20}, ["fravaer.csv", "ikke en tekstfil"]),
    ("bad-encoding", {"elever.csv": register().encode("cp1252") + b"\x81\x8d"},
     ["elever.csv", "tegnkodningen"]),
    ("corrupt-xlsx", {"elever.csv": None, "elever.xlsx": b"PK\x03\x04" + b"\x00garbage" * 50},
     ["elever.xlsx", "beskadiget"]),
    ("old-xls", {"elever.csv": None, "elever.xls": b"\xd0\xcf\x11\xe0" + b"\x00" * 100},
     ["elever.xls", ".xlsx"]),
    ("empty-file", {"elever.csv": ""}, ["elever.csv", "tom"]),
    ("header-only", {"fravaer.csv": csv_text(ABSENCE_HEADER, [])}, ["fravaer.csv", "ingen rækker"]),
    ("ragged", {"elever.csv": register().replace("Anna Holm;", "Anna;Holm;")},
     ["elever.csv", "række 2", "felter"]),
    ("no-header", {"elever.csv": "a;b;c\r\n1;2;3\r\n"}, ["elever.csv", "overskrift"]),
    ("missing-column", {"elever.csv": register(*reversed(_without(REGISTER_HEADER, REGISTER,
                                                                 "Stamklasse")))},
     ["elever.csv", "Stamklasse"]),
    ("missing-file", {"fravaer.csv": None}, [BAD, "fravaer"]),
    ("two-of-a-kind", {"Elever2.csv": register()}, ["Elever2.csv", "elever.csv", "to filer"]),
    ("duplicate-id", {"elever.csv": register(replace_cell(REGISTER, 1, 0, "01234567890"))},
     ["elever.csv", "Elev-id", "én gang"]),
    ("empty-id", {"elever.csv": register(replace_cell(REGISTER, 5, 0, ""))},
     ["elever.csv", "kolonne 'Elev-id'", "række 7", "udfyldt"]),
    ("impossible-date", {"elever.csv": register(replace_cell(REGISTER, 0, 4, "31-02-2025"))},
     ["elever.csv", "kolonne 'Startdato'", "række 2", "gyldig dato"]),
    ("unreadable-date", {"elever.csv": register(replace_cell(REGISTER, 3, 5, "snart"))},
     ["elever.csv", "kolonne 'Slutdato'", "række 5", "'snart'"]),
    ("end-before-start", {"elever.csv": register(replace_cell(REGISTER, 2, 5, "01-08-2025"))},
     ["elever.csv", "kolonne 'Slutdato'", "række 4", "før startdatoen"]),
    ("pct-over-100", {"fravaer.csv": absence(replace_cell(ABSENCE, 0, 1, "109,1%"))},
     ["fravaer.csv", "Almindeligt fravær Opgjort Procent", "række 2", "mellem 0 og 100"]),
    ("pct-below-0", {"fravaer.csv": absence(replace_cell(ABSENCE, 1, 3, "-2,0%"))},
     ["fravaer.csv", "Skriftligt fravær Opgjort Procent", "række 3", "mellem 0 og 100"]),
    ("pct-as-text", {"fravaer.csv": absence(replace_cell(ABSENCE, 1, 1, "højt"))},
     ["fravaer.csv", "række 3", "procentsats", "'højt'"]),
    ("absent-over-total", {"fravaer.csv": absence(replace_cell(
        replace_cell(ABSENCE, 4, 2, "400/368"), 4, 1, "108,7%"))},
     ["fravaer.csv", "række 6", "større end det samlede"]),
    ("pct-disagrees", {"fravaer.csv": absence(replace_cell(ABSENCE, 0, 2, "60/368"))},
     ["fravaer.csv", "række 2", "stemme med brøken"]),
    ("excel-date-fraction", {"fravaer.csv": None, "fravaer.xlsx": _xlsx(
        [ABSENCE_HEADER, *[r if i else [r[0], r[1], dt.datetime(2025, 9, 1), r[3], r[4]]
                           for i, r in enumerate(ABSENCE)]])},
     ["fravaer.xlsx", "række 2", "Excel har gjort brøken om til datoen 01-09-2025", "tekst"]),
    ("bad-fraction", {"fravaer.csv": absence(replace_cell(ABSENCE, 2, 4, "mange/166,6"))},
     ["fravaer.csv", "Skriftligt fravær Opgjort Elevtid", "række 4", "33,5/529"]),
    ("unknown-student", {"fravaer.csv": absence(replace_cell(ABSENCE, 3, 0, "99999999999"))},
     ["fravaer.csv", "række 5", "præcis én elev"]),
    ("ambiguous-name", {"elever.csv": register(ambiguous_register), "fravaer.csv": by_name},
     ["fravaer.csv", "række 2", "præcis én elev"]),
    ("programme", {"elever.csv": register(replace_cell(REGISTER, 0, 3, "htx"))},
     ["elever.csv", "kolonne 'Uddannelse'", "række 2", "stx, hf"]),
    ("malformed-cpr", {"elever.csv": register(replace_cell(REGISTER, 1, 8, "0202094"))},
     ["elever.csv", "kolonne 'CPR'", "række 3", "ddmmåå-xxxx"]),
    ("cpr-no-date", {"elever.csv": register(replace_cell(REGISTER, 1, 8, "320209-4124"))},
     ["elever.csv", "kolonne 'CPR'", "række 3", "ingen gyldig dato"]),
    ("bad-referred", {"elever.csv": register(replace_cell(REGISTER, 0, 9, "måske"))},
     ["elever.csv", "kolonne 'Henvist'", "række 2", "Ja/Nej"]),
    ("pull-toml-syntax", {"pull.toml": "snapshot_date = = 2025-11-11\n"},
     ["pull.toml", "TOML"]),
    ("pull-toml-month", {"pull.toml": "snapshot_date = 2025-12-10\n"},
     ["pull.toml", "ligger ikke i trækkets måned"]),
    ("pull-toml-key", {"pull.toml": "dato = 2025-11-11\n"}, ["pull.toml", "ukendt nøgle"]),
]


def _hashes(folder: Path) -> dict[str, str]:
    """Every file's hash; the run manifests and log (which record the attempt) aside."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and "runs" not in p.parts}


@pytest.fixture()
def root(tmp_path: Path) -> Path:
    """A root with one good pull imported, so that data/processed has something to protect."""
    write_pull(tmp_path / "data" / "raw", GOOD)
    assert main(["--root", str(tmp_path), "import", GOOD]) == 0
    return tmp_path


def test_corpus_is_large_enough():
    assert len(CASES) >= 25


@pytest.mark.parametrize("name, files, expected", CASES, ids=[c[0] for c in CASES])
def test_broken_pull_is_rejected_cleanly(root: Path, capsys, name, files, expected):
    write_pull(root / "data" / "raw", BAD, extra=files)
    raw_before = _hashes(root / "data" / "raw")
    processed_before = _hashes(root / "data" / "processed")
    capsys.readouterr()
    status = main(["--root", str(root), "import", BAD])
    out = capsys.readouterr()
    assert status == 2, out.err
    assert "Traceback" not in out.err and out.err.startswith("Afvist:")
    for fragment in expected:
        assert fragment in out.err, (fragment, out.err)
    for cpr in CPRS + ["150309-4999", "0202094", "320209-4124"]:
        assert cpr not in out.err and cpr.replace("-", "") not in out.err
    assert _hashes(root / "data" / "raw") == raw_before
    assert _hashes(root / "data" / "processed") == processed_before


def test_rejection_through_the_real_process_exit_status(root: Path):
    write_pull(root / "data" / "raw", BAD, extra={"fravaer.csv": absence(
        replace_cell(ABSENCE, 0, 1, "109,1%"))})
    result = run_cli("--root", str(root), "import", BAD)
    assert result.returncode == 2
    assert "fravaer.csv, kolonne 'Almindeligt fravær Opgjort Procent', række 2" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_settings_stop_at_start(tmp_path: Path, capsys):
    (tmp_path / "fasthold.toml").write_text(
        '[grupper]\nfrafaldstruet_fra = "alarm"\n[reaktion]\n[[reaktion.niveau]]\nnavn = "a"\n'
        'fravaer_pct = 10.0\nhandling = "x"\n[[reaktion.niveau]]\nnavn = "b"\nfravaer_pct = 5.0\n'
        'handling = "y"\n[ukendt]\n', encoding="utf-8")
    assert main(["--root", str(tmp_path), "import", "--all"]) == 2
    err = capsys.readouterr().err
    assert "fasthold.toml" in err and "ukendt sektion [ukendt]" in err
    (tmp_path / "fasthold.toml").write_text(
        '[grupper]\nfrafaldstruet_fra = "alarm"\n[[reaktion.niveau]]\nnavn = "a"\n'
        'fravaer_pct = 10.0\nhandling = "x"\n[[reaktion.niveau]]\nnavn = "b"\nfravaer_pct = 5.0\n'
        'handling = "y"\n', encoding="utf-8")
    assert main(["--root", str(tmp_path), "import", "--all"]) == 2
    err = capsys.readouterr().err
    assert "frafaldstruet_fra = \"alarm\" er ikke et niveau" in err
    assert "stigende orden" in err
