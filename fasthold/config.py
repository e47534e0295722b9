"""The school's settings: ``fasthold.toml`` merged over the built-in defaults.

Every key is optional. A wrong key, type or order is a user's mistake and raises
:class:`~fasthold.errors.InputError` naming the key, so the command line exits 2 at start.
"""

from __future__ import annotations

import copy
import hashlib
import json
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fasthold.errors import InputError, Problem

DEFAULTS: dict[str, Any] = {
    "skoleaar": {"start_maaned": 8},
    "uddannelser": {"tilladte": ["stx", "hf"]},
    "reaktion": {
        "niveau": [
            {"navn": "opmaerksomhed", "fravaer_pct": 7.0, "skriftligt_pct": 10.0,
             "handling": "Klasselæreren følger op med en kort snak"},
            {"navn": "samtale", "fravaer_pct": 10.0, "skriftligt_pct": 15.0, "stigning_pp": 5.0,
             "handling": "Fraværssamtale med studievejleder eller klasselærer"},
            {"navn": "advarsel", "fravaer_pct": 15.0, "skriftligt_pct": 20.0,
             "handling": "Skriftlig advarsel og skriftlig aftale"},
        ]
    },
    "grupper": {"frafaldstruet_fra": "samtale", "samtale_dage": 60},
    "aarsager": {
        "faglige": ["faglig", "studieaktivitet"],
        "personlige": ["sygdom", "personlig"],
        "sociale": ["trivsel", "social"],
        "strukturelle": ["flytning", "transport", "økonomi"],
        "skift_af_uddannelse": ["skift", "omvalg", "anden uddannelse", "eud"],
        "gennemfoert": ["dimitteret", "afsluttet", "gennemført"],
    },
    "fortrolighed": {"min_antal": 5},
    "validering": {"max_klasseaendring": 3},
    "signaler": {"klassefald": 2, "kontrolgraense_sigma": 3.0},
    "opfoelgning": {"opstart_dage": 30, "reaktion_dage": 30, "maal_pct": 80},
    "kvartaler": {"foerste_maaned": 1},
    "kolonner": {"student_id": ["Elevnummer"]},
}

TIER_KEYS = {"navn": str, "fravaer_pct": float, "skriftligt_pct": float, "stigning_pp": float,
             "handling": str}
THRESHOLDS = ("fravaer_pct", "skriftligt_pct", "stigning_pp")


@dataclass(frozen=True)
class Tier:
    """One step of the reaktionsmønster."""

    navn: str
    handling: str
    fravaer_pct: float | None = None
    skriftligt_pct: float | None = None
    stigning_pp: float | None = None


@dataclass(frozen=True)
class Config:
    """Validated settings; ``raw`` is the merged TOML, ``source`` where it came from."""

    raw: dict[str, Any]
    source: str

    @property
    def school_year_start_month(self) -> int:
        return self.raw["skoleaar"]["start_maaned"]

    @property
    def programmes(self) -> list[str]:
        return [p.lower() for p in self.raw["uddannelser"]["tilladte"]]

    @property
    def tiers(self) -> list[Tier]:
        return [Tier(**t) for t in self.raw["reaktion"]["niveau"]]

    @property
    def reason_categories(self) -> dict[str, list[str]]:
        return self.raw["aarsager"]

    @property
    def min_count(self) -> int:
        return self.raw["fortrolighed"]["min_antal"]

    @property
    def max_class_change(self) -> int:
        return self.raw["validering"]["max_klasseaendring"]

    @property
    def class_drop(self) -> int:
        return self.raw["signaler"]["klassefald"]

    @property
    def control_sigma(self) -> float:
        return float(self.raw["signaler"]["kontrolgraense_sigma"])

    @property
    def at_risk_from(self) -> str:
        return self.raw["grupper"]["frafaldstruet_fra"]

    @property
    def at_risk_days(self) -> int:
        return self.raw["grupper"]["samtale_dage"]

    @property
    def start_talk_days(self) -> int:
        return self.raw["opfoelgning"]["opstart_dage"]

    @property
    def reaction_days(self) -> int:
        return self.raw["opfoelgning"]["reaktion_dage"]

    @property
    def follow_up_target(self) -> int:
        return self.raw["opfoelgning"]["maal_pct"]

    @property
    def quarter_start_month(self) -> int:
        return self.raw["kvartaler"]["foerste_maaned"]

    @property
    def header_overrides(self) -> dict[str, list[str]]:
        return self.raw["kolonner"]

    def digest(self) -> str:
        """A stable hash of the effective settings (part of an import's fingerprint)."""
        text = json.dumps(self.raw, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()


def load_config(path: Path | None) -> Config:
    """Read ``path`` (if given and present) over the defaults and validate the result."""
    raw = copy.deepcopy(DEFAULTS)
    source = "indbyggede standardindstillinger"
    if path is not None and path.exists():
        source = path.name
        try:
            user = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise InputError([Problem(source, f"kan ikke læses som TOML: {exc}")]) from None
        _merge(raw, user, source)
    problems = _check(raw, source)
    if problems:
        raise InputError(problems)
    return Config(raw=raw, source=source)


def _merge(base: dict[str, Any], user: dict[str, Any], source: str) -> None:
    problems = []
    for section, value in user.items():
        if section not in DEFAULTS:
            problems.append(Problem(source, f"ukendt sektion [{section}]; kendte sektioner: "
                                            f"{', '.join(DEFAULTS)}"))
        elif section in ("aarsager", "kolonner"):
            base[section] = value  # a school's mapping replaces the default mapping whole
        elif section == "reaktion":
            base[section] = value
        elif not isinstance(value, dict):
            problems.append(Problem(source, f"[{section}] skal være en sektion"))
        else:
            for key, item in value.items():
                if key not in DEFAULTS[section]:
                    problems.append(Problem(source, f"ukendt nøgle '{key}' i [{section}]; kendte "
                                                    f"nøgler: {', '.join(DEFAULTS[section])}"))
                else:
                    base[section][key] = item
    if problems:
        raise InputError(problems)


def _check(raw: dict[str, Any], source: str) -> list[Problem]:
    problems: list[str] = []
    month = raw["skoleaar"]["start_maaned"]
    if not isinstance(month, int) or not 1 <= month <= 12:
        problems.append("[skoleaar] start_maaned skal være et helt tal fra 1 til 12")
    allowed = raw["uddannelser"]["tilladte"]
    if not (isinstance(allowed, list) and allowed and all(isinstance(a, str) for a in allowed)):
        problems.append("[uddannelser] tilladte skal være en liste af navne, fx [\"stx\", \"hf\"]")
    problems += _check_tiers(raw["reaktion"])
    names = [t.get("navn") for t in raw["reaktion"].get("niveau", []) if isinstance(t, dict)]
    groups = raw["grupper"]
    if groups["frafaldstruet_fra"] not in names:
        problems.append(f"[grupper] frafaldstruet_fra = \"{groups['frafaldstruet_fra']}\" er ikke "
                        f"et niveau; vælg et af: {', '.join(map(str, names))}")
    for key in ("samtale_dage",):
        if not isinstance(groups[key], int) or groups[key] < 0:
            problems.append(f"[grupper] {key} skal være et helt tal >= 0")
    sigma = raw["signaler"]["kontrolgraense_sigma"]
    if isinstance(sigma, bool) or not isinstance(sigma, int | float) or sigma <= 0:
        problems.append("[signaler] kontrolgraense_sigma skal være et tal > 0")
    for section, key in (("fortrolighed", "min_antal"), ("validering", "max_klasseaendring"),
                         ("signaler", "klassefald"), ("opfoelgning", "opstart_dage"),
                         ("opfoelgning", "reaktion_dage"), ("opfoelgning", "maal_pct"),
                         ("kvartaler", "foerste_maaned")):
        value = raw[section][key]
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            problems.append(f"[{section}] {key} skal være et helt tal >= 0")
    from fasthold.lectio.columns import KNOWN_FIELDS

    for key in raw["kolonner"]:
        if key not in KNOWN_FIELDS:
            problems.append(f"[kolonner] ukendt felt '{key}'; kendte felter: "
                            f"{', '.join(KNOWN_FIELDS)}")
    for section in ("aarsager", "kolonner"):
        for key, value in raw[section].items():
            if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                problems.append(f"[{section}] {key} skal være en liste af tekster")
    return [Problem(source, p) for p in problems]


def _check_tiers(reaktion: Any) -> list[str]:
    if not isinstance(reaktion, dict) or set(reaktion) != {"niveau"}:
        return ["[reaktion] må kun indeholde [[reaktion.niveau]]-tabeller"]
    tiers = reaktion["niveau"]
    if not isinstance(tiers, list) or not tiers:
        return ["[[reaktion.niveau]] skal angives mindst én gang"]
    problems = []
    for i, tier in enumerate(tiers, start=1):
        for key, value in tier.items():
            kind = TIER_KEYS.get(key)
            if kind is None:
                problems.append(f"niveau {i}: ukendt nøgle '{key}'; kendte nøgler: "
                                f"{', '.join(TIER_KEYS)}")
            elif kind is float and (isinstance(value, bool) or not isinstance(value, int | float)):
                problems.append(f"niveau {i}: {key} skal være et tal")
            elif kind is float:
                tier[key] = float(value)
            elif kind is str and not isinstance(value, str):
                problems.append(f"niveau {i}: {key} skal være en tekst")
        for key in ("navn", "handling"):
            if key not in tier:
                problems.append(f"niveau {i}: '{key}' mangler")
        if not any(key in tier for key in THRESHOLDS):
            problems.append(f"niveau {i}: mindst én tærskel ({', '.join(THRESHOLDS)}) skal angives")
    if problems:
        return problems
    names = [t["navn"] for t in tiers]
    if len(set(names)) != len(names):
        problems.append("[[reaktion.niveau]]: to niveauer har samme navn")
    for key in THRESHOLDS:
        values = [(t["navn"], t[key]) for t in tiers if key in t]
        for (low_name, low), (high_name, high) in zip(values, values[1:], strict=False):
            if high < low:
                problems.append(f"niveauerne står ikke i stigende orden: {key} for '{high_name}' "
                                f"({high}) er lavere end for '{low_name}' ({low})")
    return problems
