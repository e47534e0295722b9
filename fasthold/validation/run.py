"""Run the suites of :mod:`fasthold.validation.checks` with Great Expectations 1.x."""

from __future__ import annotations

import os
from functools import cache

import pandas as pd

from fasthold.config import Config
from fasthold.lectio import PullData
from fasthold.validation.result import CheckResult, ValidationResult

EXAMPLES = 5
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")


@cache
def _context():
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False,
                                                         metric_calculations=False)
    return context, context.data_sources.add_pandas("fasthold")


def run_suite(dataset: str, frame: pd.DataFrame, checks: list, file: str,
              headers: dict[str, str]) -> list[CheckResult]:
    """Validate ``frame`` against ``checks``; ``headers`` maps fields to the file's headers."""
    import great_expectations as gx

    context, source = _context()
    try:
        asset = source.get_asset(dataset)
    except LookupError:
        asset = source.add_dataframe_asset(dataset)
    try:
        definition = asset.get_batch_definition("hele")
    except (KeyError, LookupError):
        definition = asset.add_batch_definition_whole_dataframe("hele")
    frame = frame.reset_index(drop=True)
    key = "_row" if "_row" in frame else "subject"
    suite = gx.ExpectationSuite(name=dataset)
    for check in checks:
        check.expectation.meta = {"check": check.id}
        suite.add_expectation(check.expectation)
    batch = definition.get_batch(batch_parameters={"dataframe": frame})
    validation = batch.validate(suite, result_format={
        "result_format": "SUMMARY", "unexpected_index_column_names": [key],
        "partial_unexpected_count": EXAMPLES})
    outcomes = {o.expectation_config.meta["check"]: o for o in validation.results}
    results = []
    for check in checks:  # GX does not keep the suite's order
        outcome = outcomes[check.id]
        info = outcome.result or {}
        if outcome.exception_info and outcome.exception_info.get("raised_exception"):
            raise RuntimeError(f"GX-tjek {check.id} fejlede: "
                               f"{outcome.exception_info.get('exception_message')}")
        examples = [_example(item, key, frame) for item in
                    (info.get("partial_unexpected_index_list") or [])[:EXAMPLES]]
        results.append(CheckResult(
            id=check.id, dataset=dataset, file=file, severity=check.severity, text=check.text,
            column=headers.get(check.field, check.field) if check.field else None,
            success=bool(outcome.success),
            element_count=int(info.get("element_count") or 0) - int(info.get("missing_count")
                                                                   or 0),
            unexpected_count=int(info.get("unexpected_count") or 0), examples=examples))
    return results


def _example(item: dict, key: str, frame: pd.DataFrame) -> dict:
    value = item.get(key)
    example: dict = {"row": int(value)} if key == "_row" else {"subject": str(value)}
    if key == "_row" and "student_id" in frame:
        ids = frame.loc[frame["_row"] == value, "student_id"]
        if len(ids) and pd.notna(ids.iloc[0]):
            example["student_id"] = str(ids.iloc[0])
    return example


def validate_pull(data: PullData, panel_now: pd.DataFrame, previous: pd.DataFrame | None,
                  config: Config, stored_ids: set[str] | None = None) -> ValidationResult:
    """Every suite for one pull: register, absence and the comparison with the previous pull."""
    from fasthold.validation.checks import (
        absence_checks,
        comparison_checks,
        conversation_checks,
        register_checks,
    )
    from fasthold.validation.frames import (
        absence_frame,
        comparison_frame,
        conversation_frame,
        register_frame,
    )

    snap = data.pull.snapshot_date
    register, absence = data.tables["elever"], data.tables["fravaer"]
    results = run_suite("elever", register_frame(data.register, data.absence, snap),
                        register_checks(config), register.file, _headers(register))
    results += run_suite("fravaer", absence_frame(data.absence), absence_checks(),
                         absence.file, _headers(absence))
    if data.conversations is not None:
        log = data.tables["samtaler"]
        known = set(data.register["student_id"].dropna()) | (stored_ids or set())
        results += run_suite("samtaler", conversation_frame(
                                 data.conversations, known, snap,
                                 config.school_year_start_month),
                             conversation_checks(), log.file, _headers(log))
    comparison = comparison_frame(panel_now, previous, snap, config.school_year_start_month)
    results += run_suite("sammenligning", comparison, comparison_checks(config),
                         "sammenligning med sidste træk", {})
    return ValidationResult(data.pull.period, snap.isoformat(), results)


def _headers(table) -> dict[str, str]:
    return {fld: table.header(fld) for fld in table.fields}
