"""``validering.html``: every check of an import, passed or not, for the analyst (Danish)."""

from __future__ import annotations

from html import escape

from fasthold.report.format import number
from fasthold.report.page import page
from fasthold.validation.result import CRITICAL, ValidationResult

STATUS = {"ok": ("Godkendt", "ok"), "advarsler": ("Godkendt med advarsler", "warn"),
          "afvist": ("Afvist – intet er gemt", "bad")}
DATASETS = {"elever": "Elevregister", "fravaer": "Fravær", "sammenligning": "Sammenligning",
            "samtaler": "Samtalelog"}
LABELS = {"row": "række", "student_id": "elev-id", "subject": ""}


def render(result: ValidationResult) -> str:
    label, css = STATUS[result.status]
    failed = [c for c in result.checks if not c.success]
    rows = "".join(_row(c) for c in sorted(result.checks, key=lambda c: (c.success,
                                                                         c.severity != CRITICAL)))
    body = f"""
<h1>Validering af trækket {escape(result.period)}</h1>
<p class="status {css}"><strong>{label}</strong> · opgjort pr. {escape(result.snapshot_date)}
 · {number(len(result.checks))} tjek, {number(len(failed))} ikke opfyldt</p>
<p>Kritiske tjek afviser trækket; advarsler gemmes og bør undersøges. Eksemplerne viser de første
rækker i filen (rækkenummer som i Excel) – aldrig CPR-numre.</p>
<table><thead><tr><th>Datasæt og fil</th><th>Type</th><th>Tjek</th><th>Resultat</th>
<th>Eksempler</th></tr></thead><tbody>{rows}</tbody></table>"""
    return page(f"Validering {result.period}", body)


def _row(check) -> str:
    kind = "Kritisk" if check.severity == CRITICAL else "Advarsel"
    if check.success:
        outcome = f'<span class="ok">✓ opfyldt</span> ({number(check.element_count)} rækker)'
    else:
        outcome = (f'<span class="{"bad" if check.severity == CRITICAL else "warn"}">✗ '
                   f'{number(check.unexpected_count)} af {number(check.element_count)}</span>')
    examples = ", ".join(
        escape(" ".join(f"{LABELS.get(k, k)} {v}".strip() for k, v in e.items()))
        for e in check.examples)
    column = f" · kolonne «{escape(check.column)}»" if check.column else ""
    return (f"<tr><td>{escape(DATASETS.get(check.dataset, check.dataset))}<br><small>"
            f"{escape(check.file)}{column}</small></td><td>{kind}</td><td>{escape(check.text)}</td>"
            f"<td>{outcome}</td><td><small>{examples}</small></td></tr>")
