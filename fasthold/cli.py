"""The ``fasthold`` command. Messages for school staff are Danish.

Exit status: 0 done; 2 the input was rejected (one message per problem, no traceback);
1 any other failure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from fasthold.config import load_config
from fasthold.errors import InputError
from fasthold.paths import Paths


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fasthold", description="Fastholdelse: import, "
                                     "validering og rapporter fra Lectio-træk.")
    parser.add_argument("--root", type=Path, default=Path("."),
                        help="mappe med data/ og reports/ (standard: den aktuelle mappe)")
    parser.add_argument("--config", type=Path, default=None,
                        help="indstillinger (standard: ROOT/fasthold.toml)")
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="skriv en syntetisk skoles træk i data/raw/")
    demo.add_argument("--seed", type=int, default=7)
    demo.add_argument("--students", type=int, default=1200)
    demo.add_argument("--until", default=None, help="sidste træk, ÅÅÅÅ-MM")
    imp = sub.add_parser("import", help="læs, validér og gem et træk")
    imp.add_argument("period", nargs="?", help="ÅÅÅÅ-MM")
    imp.add_argument("--all", action="store_true", help="alle træk i data/raw/")
    imp.add_argument("--force", action="store_true", help="importér selv om filerne er uændrede")
    monthly = sub.add_parser("monthly", help="månedsrapport for et træk")
    monthly.add_argument("period", nargs="?", help="ÅÅÅÅ-MM (standard: nyeste træk)")
    due = sub.add_parser("run-due", help="byg alle rapporter, der er forfaldne (til cron/systemd)")
    due.add_argument("--today", type=dt.date.fromisoformat, default=None,
                     help="dagens dato, ÅÅÅÅ-MM-DD (standard: i dag)")
    quarterly = sub.add_parser("quarterly", help="kvartalsrapport")
    quarterly.add_argument("quarter", help="ÅÅÅÅ-Qn, fx 2026-Q4")
    template = sub.add_parser("template", help="skriv en skabelon")
    template.add_argument("kind", choices=["samtaler"])
    template.add_argument("file", type=Path, help="fx samtaler.xlsx")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except InputError as exc:
        print(f"Afvist: {len(exc.problems)} problem(er) i input:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Afbrudt.", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - the last line of defence prints one message
        from fasthold.pipeline import NotebookFailed

        kind = "Rapporten fejlede" if isinstance(exc, NotebookFailed) else "Fejl"
        print(f"{kind}: {exc}", file=sys.stderr)
        return 1


WRITERS = {"import", "monthly", "quarterly", "run-due"}


def _run(args: argparse.Namespace) -> int:
    paths = Paths(args.root)
    config_path = args.config or (paths.default_config if paths.default_config.exists()
                                  else None)
    config = load_config(config_path)
    if args.command not in WRITERS:
        return _dispatch(args, paths, config, config_path, None)
    from fasthold.runlog import Busy, Manifest, locked, setup_logging

    setup_logging(paths)
    manifest = Manifest(paths, ["fasthold", *sys.argv[1:]], config.digest())
    try:
        with locked(paths):
            status = _dispatch(args, paths, config, config_path, manifest)
    except Busy as exc:
        print(f"Venter ikke: {exc}", file=sys.stderr)
        return 1
    except InputError:
        manifest.finish("afvist")
        raise
    except BaseException:
        manifest.finish("fejl")
        raise
    manifest.finish("ok")
    return status


def _dispatch(args: argparse.Namespace, paths: Paths, config, config_path: Path | None,
              manifest) -> int:
    from fasthold.lectio import parse_period, pull_periods

    if args.command == "demo":
        from fasthold.demo import write_demo

        if args.until:
            parse_period(args.until)
        periods = write_demo(paths.raw, args.seed, args.students, args.until)
        print(f"Demoskolen er skrevet: {len(periods)} træk ({periods[0]} – {periods[-1]}) i "
              f"{paths.raw}")
        return 0
    if args.command == "template":
        from fasthold.report.template import write_template

        print(write_template(args.file))
        return 0
    periods = pull_periods(paths.raw)
    if not periods:
        raise InputError([_no_pulls(paths)])
    if args.command == "import":
        return _import(paths, config, args, periods)
    if args.command == "run-due":
        return _run_due(paths, config, config_path, args.today or dt.date.today(), manifest)
    if args.command == "quarterly":
        return _build(paths, config, config_path, manifest, "quarterly", args.quarter)
    period = parse_period(args.period) if args.period else periods[-1]
    return _build(paths, config, config_path, manifest, "monthly", period)


def _build(paths: Paths, config, config_path: Path | None, manifest, kind: str,
           key: str) -> int:
    from fasthold import pipeline
    from fasthold.indicators.quarter import quarter_periods
    from fasthold.lectio import find_pull, pull_periods

    periods = [key] if kind == "monthly" else sorted(
        set(pull_periods(paths.raw)) & set(quarter_periods(key, config.quarter_start_month)))
    for period in periods:
        pull = find_pull(paths.raw, period)
        manifest.add_inputs(pull.inputs)
    manifest.data["reports"].append(key)
    label = "månedsrapport" if kind == "monthly" else "kvartalsrapport"
    with manifest.step(f"{label} {key}"):
        report = getattr(pipeline, kind)(paths, key, config, config_path)
    print(report)
    return 0


def _run_due(paths: Paths, config, config_path: Path | None, today: dt.date, manifest) -> int:
    from fasthold.schedule import due_jobs

    jobs = due_jobs(paths, config, today)
    if not jobs:
        print(f"Intet at bygge {today:%d-%m-%Y}: alle rapporter er opdaterede.")
        return 0
    for job in jobs:
        print(f"bygger {job.kind} {job.key} (forfalden {job.date:%d-%m-%Y})")
        _build(paths, config, config_path, manifest, job.kind, job.key)
    return 0


def _import(paths: Paths, config, args: argparse.Namespace, periods: list[str]) -> int:
    from fasthold.lectio import parse_period
    from fasthold.pipeline import import_pull

    if args.all == bool(args.period):
        raise InputError([_usage("angiv enten en periode (ÅÅÅÅ-MM) eller --all")])
    chosen = periods if args.all else [parse_period(args.period)]
    for period in chosen:
        outcome = import_pull(paths, period, config, force=args.force)
        verb = "importeret" if outcome.imported else "uændret siden sidste import"
        warnings = outcome.validation.warnings
        print(f"{period}: {verb}; {len(outcome.validation.checks)} tjek, "
              f"{len(warnings)} advarsel(er) – se {outcome.validation_page}")
        for check in warnings:
            print(f"    advarsel: {check.text} ({check.unexpected_count} af "
                  f"{check.element_count})")
    return 0


def _no_pulls(paths: Paths):
    from fasthold.errors import Problem

    return Problem(str(paths.raw), "ingen træk fundet; gem Lectio-filerne i en mappe "
                   "data/raw/ÅÅÅÅ-MM/ (eller kør 'fasthold demo')")


def _usage(message: str):
    from fasthold.errors import Problem

    return Problem("kommandolinjen", message)


if __name__ == "__main__":
    sys.exit(main())
