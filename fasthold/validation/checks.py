"""The expectations every import must meet, one suite per dataset, each critical or a warning.

A critical failure rejects the pull (exit 2, nothing stored); a warning is reported on
``validering.html`` and in the command's summary. The frames handed to Great Expectations are the
canonical frames plus a few derived columns (``pct_gap``, ``missing`` …) built in
:mod:`fasthold.validation.frames`, so each rule stays a plain GX expectation.
"""

from __future__ import annotations

from dataclasses import dataclass

import great_expectations as gx
from great_expectations.expectations.row_conditions import Column

from fasthold.config import Config

CRITICAL = "kritisk"
WARNING = "advarsel"
E = gx.expectations


@dataclass(frozen=True)
class Check:
    """One rule: what it expects in Danish, which field a message names, and its expectation."""

    id: str
    severity: str
    text: str
    field: str | None
    expectation: gx.expectations.Expectation


def register_checks(config: Config) -> list[Check]:
    required = [("student_id", "Elev-id"), ("name", "navn"), ("class", "stamklasse"),
                ("programme", "uddannelse"), ("start_date", "startdato")]
    checks = [Check(f"elever.{f}.udfyldt", CRITICAL, f"{label} skal være udfyldt", f,
                    E.ExpectColumnValuesToNotBeNull(column=f)) for f, label in required]
    checks += [
        Check("elever.student_id.unik", CRITICAL, "Elev-id må kun forekomme én gang",
              "student_id", E.ExpectColumnValuesToBeUnique(column="student_id")),
        Check("elever.slutdato_efter_start", CRITICAL, "slutdatoen må ikke ligge før startdatoen",
              "end_date", E.ExpectColumnPairValuesAToBeGreaterThanB(
                  column_A="end_date", column_B="start_date", or_equal=True,
                  ignore_row_if="either_value_is_missing")),
        Check("elever.uddannelse_tilladt", CRITICAL,
              f"uddannelsen skal være en af: {', '.join(config.programmes)}", "programme",
              E.ExpectColumnValuesToBeInSet(column="programme", value_set=config.programmes)),
        Check("elever.udmeldt_med_aarsag", WARNING, "en udmeldt elev bør have en "
              "udmeldelsesårsag", "exit_reason", E.ExpectColumnValuesToNotBeNull(
                  column="exit_reason", row_condition=Column("exited") == True)),  # noqa: E712
        Check("elever.indskrevet_med_fravaer", WARNING, "en indskrevet elev bør have en række i "
              "fraværsfilen", "student_id", E.ExpectColumnValuesToBeInSet(
                  column="has_absence", value_set=[True],
                  row_condition=Column("enrolled") == True)),  # noqa: E712
    ]
    return checks


def absence_checks() -> list[Check]:
    checks = [
        Check("fravaer.matcher_en_elev", CRITICAL, "rækken skal matche præcis én elev i "
              "elevregistret", "student_id", E.ExpectColumnValuesToBeBetween(
                  column="match_count", min_value=1, max_value=1)),
    ]
    for pct, _fraction, label in (("absence_pct", "absence_modules", "fraværsprocenten"),
                                 ("written_pct", "written_hours", "den skriftlige "
                                                                  "fraværsprocent")):
        checks.append(Check(f"fravaer.{pct}.0_100", CRITICAL, f"{label} skal ligge mellem 0 og "
                            "100", pct, E.ExpectColumnValuesToBeBetween(
                                column=pct, min_value=0, max_value=100)))
        checks.append(Check(f"fravaer.{pct}.stemmer_med_broek", CRITICAL,
                            f"{label} skal stemme med brøken inden for 0,1 procentpoint", pct,
                            E.ExpectColumnValuesToBeBetween(column=f"{pct}_gap", max_value=0.1)))
    for absent, total, fld, label in (
            ("absent_modules", "held_modules", "absence_modules", "fraværsmoduler"),
            ("written_absent_hours", "written_total_hours", "written_hours", "skriftligt fravær "
                                                                            "(elevtid)")):
        checks.append(Check(f"fravaer.{fld}.fravaer_hoejst_i_alt", CRITICAL,
                            f"{label}: fraværet må ikke være større end det samlede antal", fld,
                            E.ExpectColumnPairValuesAToBeGreaterThanB(
                                column_A=total, column_B=absent, or_equal=True,
                                ignore_row_if="either_value_is_missing")))
    return checks


def comparison_checks(config: Config) -> list[Check]:
    """Warnings against the previous stored pull."""
    limit = config.max_class_change
    return [
        Check("sammenligning.forsvundne_elever", WARNING, "en elev, der var indskrevet ved "
              "sidste træk, skal stå i elevregistret (ellers er eleven 'forsvundet i systemet')",
              "student_id", E.ExpectColumnValuesToBeInSet(column="missing", value_set=[False])),
        Check("sammenligning.klassestoerrelse", WARNING, f"en klasses elevtal bør ikke ændre sig "
              f"med mere end {limit} siden sidste træk", "class",
              E.ExpectColumnValuesToBeBetween(column="change", min_value=-limit,
                                              max_value=limit)),
        Check("sammenligning.fravaer_faldet", WARNING, "det opgjorte antal fraværsmoduler kan "
              "ikke falde inden for samme skoleår", "absence_modules",
              E.ExpectColumnValuesToBeBetween(column="absent_change", min_value=0)),
    ]


def conversation_checks() -> list[Check]:
    """The conversation log: readable, about known students, values from the template's lists."""
    from fasthold.lectio.conversations import VALUES

    checks = [
        Check("samtaler.dato.udfyldt", CRITICAL, "datoen skal være udfyldt", "date",
              E.ExpectColumnValuesToNotBeNull(column="date")),
        Check("samtaler.dato.ikke_efter_traek", CRITICAL, "datoen må ikke ligge efter trækkets "
              "dato", "date", E.ExpectColumnValuesToBeBetween(column="days_after", max_value=0)),
        Check("samtaler.elev_kendt", CRITICAL, "Elev-id skal findes i elevregistret",
              "student_id", E.ExpectColumnValuesToBeInSet(column="known", value_set=[True])),
        Check("samtaler.aarsager_gyldige", CRITICAL, "årsager skal være Faglige, Personlige, "
              "Sociale eller Strukturelle", "causes",
              E.ExpectColumnValuesToBeInSet(column="causes_ok", value_set=[True])),
    ]
    for fld, allowed in VALUES.items():
        if fld != "causes":
            checks.append(Check(f"samtaler.{fld}.gyldig", CRITICAL,
                                f"værdien skal være en af: {', '.join(allowed)}", fld,
                                E.ExpectColumnValuesToBeInSet(column=fld, value_set=allowed)))
    return checks
