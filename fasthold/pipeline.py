"""One run: import → validate → store → execute the notebook → render HTML.

Nothing is published half-written: the notebook is executed and rendered into a temporary
folder, and only a complete, successful run is moved into ``reports/``.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from fasthold.config import Config
from fasthold.errors import InputError
from fasthold.lectio import read_pull
from fasthold.paths import Paths
from fasthold.schedule import pull_inputs, quarter_inputs, record_built
from fasthold.store import Store, atomic_text, pull_rows
from fasthold.validation.result import ValidationResult

TEMPLATES = Path(__file__).parent / "report" / "templates"



class NotebookFailed(Exception):
    """The report notebook raised; the failed notebook is kept for the analyst."""


@dataclass
class ImportOutcome:
    period: str
    imported: bool  # False: the raw files had not changed since the last import
    validation: ValidationResult
    validation_page: Path


def import_pull(paths: Paths, period: str, config: Config, force: bool = False) -> ImportOutcome:
    """Read, validate and store one pull; a critical failure raises and stores nothing."""
    from fasthold.validation.html import render
    from fasthold.validation.run import validate_pull

    store = Store(paths.processed)
    digest = pull_inputs(paths, period, config)[1]
    page = paths.report_dir(period) / "validering.html"
    stored = paths.processed / "validering" / f"{period}.json"
    if not force and store.is_current(period, digest) and stored.exists():
        result = ValidationResult.from_json(json.loads(stored.read_text(encoding="utf-8")))
        return ImportOutcome(period, False, result, page)
    data = read_pull(paths.raw, period, config)
    rows = pull_rows(data)
    result = validate_pull(data, rows, store.previous(period), config,
                           set(store.identities()["student_id"]))
    atomic_text(page, render(result))
    if result.status == "afvist":
        raise InputError(result.problems())
    store.save_pull(data, rows, digest, result.to_json())
    return ImportOutcome(period, True, result, page)


def _kernel_manager():
    """A kernel manager that talks to the kernel over local unix sockets instead of TCP ports
    (nothing listens on the network, and ipykernel has no unencrypted-TCP warning to print)."""
    from jupyter_client.manager import KernelManager

    class LocalKernelManager(KernelManager):
        def __init__(self, **kwargs):
            kwargs.setdefault("transport", "ipc")
            super().__init__(**kwargs)

    return LocalKernelManager


def execute_notebook(name: str, parameters: dict, workdir: Path, title: str) -> Path:
    """Execute ``notebooks/<name>.ipynb`` with papermill into ``workdir``; return the output."""
    import nbformat
    import papermill

    output = workdir / f"{name}.ipynb"
    try:
        papermill.execute_notebook(str(Paths.notebook(name)), str(output), parameters=parameters,
                                   progress_bar=False, kernel_name="python3", cwd=str(workdir),
                                   kernel_manager_class=_kernel_manager())
    except papermill.PapermillExecutionError as exc:
        raise NotebookFailed(f"celle {exc.exec_count}: {exc.ename}: {exc.evalue}") from None
    notebook = nbformat.read(output, as_version=4)
    notebook.metadata["title"] = title
    nbformat.write(notebook, output)
    return output


def render_html(notebook: Path, target: Path) -> None:
    """Render with nbconvert: no code, everything embedded, no external scripts."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="fasthold", extra_template_basedirs=[str(TEMPLATES)],
                            exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    exporter.language_code = "da"
    html, _ = exporter.from_filename(str(notebook))
    target.write_text(html, encoding="utf-8")


def _publish(paths: Paths, config: Config, target: Path, notebook: str, parameters: dict,
             title: str, report: str, extras) -> Path:
    """Execute ``notebook``, render ``report``, let ``extras(work)`` write the other files, then
    move everything into ``target`` — the report last. A failing notebook is kept in ``fejl/``
    and nothing is published."""
    from fasthold.report.index import write_index

    target.mkdir(parents=True, exist_ok=True)
    for stale in target.glob(".run-*"):  # left by a run that was killed
        shutil.rmtree(stale, ignore_errors=True)
    with tempfile.TemporaryDirectory(dir=target, prefix=".run-") as tmp:
        work = Path(tmp)
        try:
            executed = execute_notebook(notebook, parameters, work, title)
        except NotebookFailed:
            failed = target / "fejl"
            failed.mkdir(exist_ok=True)
            for path in work.glob("*.ipynb"):
                shutil.copy(path, failed / f"{report}-{path.name}")
            raise
        render_html(executed, work / f"{report}.html")
        executed.rename(work / f"{report}.ipynb")
        (work / "fortroligt").mkdir()
        extras(work)
        (target / "fortroligt").mkdir(exist_ok=True)
        names = [str(p.relative_to(work)) for p in work.rglob("*") if p.is_file()]
        for name in sorted(names, key=lambda n: n == f"{report}.html"):
            (work / name).replace(target / name)  # same file system: atomic renames
    write_index(paths, config)
    return target / f"{report}.html"


def _parameters(paths: Paths, config_path: Path | None, **values: str) -> dict:
    return {**values, "root": str(paths.root.resolve()),
            "config": str(config_path.resolve()) if config_path else None}


def monthly(paths: Paths, period: str, config: Config, config_path: Path | None) -> Path:
    """Build ``reports/<period>/``: the report, its summary, the action list; all or nothing."""
    from fasthold.indicators.month import compute_month
    from fasthold.lectio import pull_periods
    from fasthold.report import actions
    from fasthold.report.format import month
    from fasthold.report.summary import monthly_summary

    for earlier in pull_periods(paths.raw):  # the comparisons need the history (cheap if stored)
        if earlier < period:
            import_pull(paths, earlier, config)
    outcome = import_pull(paths, period, config)

    def extras(work: Path) -> None:
        store = Store(paths.processed)
        panel = store.panel()
        indicators = compute_month(panel, store.conversations(), period, config)
        summary = monthly_summary(panel, indicators, config, outcome.validation.to_json())
        _write_json(work / "summary.json", summary)
        identities = store.identities()
        rows = actions.action_list(indicators, identities)
        (work / "fortroligt" / "handlingsliste.csv").write_text(actions.to_csv(rows),
                                                                encoding="utf-8-sig")
        (work / "fortroligt" / "handlingsliste.html").write_text(
            actions.to_html(rows, indicators, identities), encoding="utf-8")

    report = _publish(paths, config, paths.report_dir(period), "monthly",
                      _parameters(paths, config_path, period=period),
                      f"Månedsrapport {month(period)}", "maanedsrapport", extras)
    record_built(paths, period, pull_inputs(paths, period, config)[1])
    return report


def quarterly(paths: Paths, quarter: str, config: Config, config_path: Path | None) -> Path:
    """Build ``reports/<YYYY-Qn>/``: the quarterly report, its summary and the confidential
    conversation history; the quarter's pulls are imported first if needed."""
    from fasthold.indicators.quarter import quarter_periods
    from fasthold.lectio import pull_periods
    from fasthold.report import actions
    from fasthold.report import quarterly as sections

    wanted = quarter_periods(quarter, config.quarter_start_month)
    for period in sorted(set(pull_periods(paths.raw)) & set(wanted)):
        import_pull(paths, period, config)

    def extras(work: Path) -> None:
        q = sections.load(quarter, str(paths.root), str(config_path) if config_path else None)
        _write_json(work / "summary.json", sections.summary(q))
        (work / "fortroligt" / "samtaler.html").write_text(actions.conversation_history_html(
            q.end, q.periods, Store(paths.processed).identities(),
            f"Samtaler {quarter}"), encoding="utf-8")

    report = _publish(paths, config, paths.reports / quarter, "quarterly",
                      _parameters(paths, config_path, quarter=quarter),
                      f"Kvartalsrapport {quarter}", "kvartalsrapport", extras)
    record_built(paths, quarter, quarter_inputs(paths, quarter, config))
    return report


def _write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=float),
                    encoding="utf-8")
