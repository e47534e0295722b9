"""Header spellings of Lectio's exports and the logical field each one means.

Headers are compared after :func:`normalise`: case, spaces, punctuation and the æ/ae, ø/oe, å/aa
variants are ignored. A school adds spellings under ``[kolonner]`` in ``fasthold.toml``.
"""

from __future__ import annotations

import re

_ID = ["Elev-id", "ElevId", "Elev id", "elevid", "StudentInfo_ElevId"]

SPELLINGS: dict[str, dict[str, list[str]]] = {
    "elever": {
        "student_id": _ID,
        "name": ["Navn"],
        "first_name": ["Fornavn", "StudentInfo_FirstName"],
        "last_name": ["Efternavn", "StudentInfo_LastName"],
        "class": ["Stamklasse", "Klasse"],
        "programme": ["Uddannelse", "Elevtype"],
        "study_line": ["Studieretning"],
        "grade_year": ["Årgang", "Klassetrin"],
        "start_date": ["Startdato", "Start", "StudentInfo_StartDate"],
        "end_date": ["Slutdato", "Udmeldt", "Udmeldelsesdato", "StudentInfo_EndDateCalc"],
        "status": ["Status", "Elevforløb", "StudentInfo_StudentForloeb"],
        "exit_reason": ["Udmeldelsesårsag", "Afgangsårsag", "Årsag"],
        "birth_date": ["Fødselsdato"],
        "cpr": ["CPR", "Cpr-nr.", "CPR-nummer", "StudentInfo_StudentCpr"],
        "referred": ["Henvist", "Fordelt"],
        "priority": ["Prioritet", "Optagelsesprioritet"],
    },
    "fravaer": {
        "student_id": _ID,
        "name": ["Elev", "Navn"],
        "class": ["Stamklasse", "Klasse", "Hold"],
        "absence_pct": ["Almindeligt fravær Opgjort Procent", "Alm. fravær opgjort %",
                        "Fravær opgjort (%)", "Opgjort fravær %"],
        "absence_modules": ["Almindeligt fravær Opgjort Moduler", "Alm. fravær opgjort moduler",
                            "Fravær opgjort moduler", "Opgjort fravær moduler"],
        "written_pct": ["Skriftligt fravær Opgjort Procent", "Skr. fravær opgjort %",
                        "Skriftligt fravær opgjort (%)", "Opgjort skriftligt fravær %"],
        "written_hours": ["Skriftligt fravær Opgjort Elevtid", "Skr. fravær opgjort elevtid",
                          "Skriftligt fravær opgjort elevtid", "Opgjort skriftligt fravær elevtid"],
    },
    "samtaler": {
        "date": ["Dato"],
        "student_id": _ID,
        "kind": ["Samtaletype"],
        "held_by": ["Afholdt af"],
        "causes": ["Årsager"],
        "written_agreement": ["Skriftlig aftale"],
        "parents_involved": ["Forældre inddraget"],
        "at_risk": ["Frafaldstruet"],
        "outcome": ["Udfald"],
        "note": ["Notat"],
    },
    "henviste": {"student_id": _ID},
}

# Fields whose presence marks the header row of each kind of file.
ANCHORS = {
    "elever": ("student_id", "name", "first_name", "class"),
    "fravaer": ("student_id", "name", "class"),
    "samtaler": ("date", "student_id"),
    "henviste": ("student_id",),
}

KNOWN_FIELDS = sorted({f for fields in SPELLINGS.values() for f in fields})

_TRANSLATE = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})
_NON_ALNUM = re.compile(r"[^a-z0-9]")


def normalise(header: str) -> str:
    """``'Alm. fravær opgjort %'`` → ``'almfravaeropgjort'``."""
    return _NON_ALNUM.sub("", str(header).lower().translate(_TRANSLATE))


def spellings(kind: str, overrides: dict[str, list[str]]) -> dict[str, str]:
    """Normalised header → field for one kind of file; earlier spellings win."""
    lookup: dict[str, str] = {}
    for fld, headers in SPELLINGS[kind].items():
        for header in overrides.get(fld, []) + headers:
            lookup.setdefault(normalise(header), fld)
    return lookup


def map_headers(kind: str, headers: list[str], overrides: dict[str, list[str]]) -> dict[str, int]:
    """Field → column position; when two columns mean one field the better spelling wins."""
    lookup = spellings(kind, overrides)
    rank = {key: i for i, key in enumerate(lookup)}
    found: dict[str, int] = {}
    for position, header in enumerate(headers):
        key = normalise(header)
        fld = lookup.get(key)
        if fld is None:
            continue
        current = found.get(fld)
        if current is None or rank[key] < rank[normalise(headers[current])]:
            found[fld] = position
    return found
