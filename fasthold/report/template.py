"""``fasthold template samtaler FILE.xlsx``: the conversation-log template counsellors fill in.

Drop-down lists (Excel data validation) for the fixed columns, a frozen header, sensible column
widths and a second sheet explaining every column in Danish. A filled-in copy saved as
``samtaler.xlsx`` in a pull folder imports without edits.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from fasthold.lectio.conversations import VALUES
from fasthold.store import atomic_write

COLUMNS = [  # header, field, width, explanation
    ("Dato", "date", 12, "Samtalens dato (dd-mm-åååå)."),
    ("Elev-id", "student_id", 14, "Elevens id fra Lectio (Elev-id), skrevet som tekst."),
    ("Samtaletype", "kind", 18, "Vælg fra listen: " + ", ".join(VALUES["kind"]) + "."),
    ("Afholdt af", "held_by", 15, "Vælg fra listen: " + ", ".join(VALUES["held_by"]) + "."),
    ("Årsager", "causes", 24, "Ingen, én eller flere af Faglige, Personlige, Sociale, "
                              "Strukturelle, adskilt af ; eller komma."),
    ("Skriftlig aftale", "written_agreement", 14, "Ja eller Nej."),
    ("Forældre inddraget", "parents_involved", 18, "Ja, Nej eller Ikke relevant (elev over "
                                                   "18)."),
    ("Frafaldstruet", "at_risk", 13, "Ja, Nej eller tom: din egen vurdering. Ja gør eleven til "
                                     "gruppe B i 60 dage."),
    ("Udfald", "outcome", 18, "Vælg fra listen: " + ", ".join(VALUES["outcome"]) + ", eller tom."),
    ("Notat", "note", 50, "Fri tekst. Fortroligt: vises aldrig i ledelsens rapporter og "
                          "skrives aldrig i logfiler."),
]
ROWS = 2000


def write_template(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Samtaler"
    sheet.append([c[0] for c in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE7F0")
    sheet.freeze_panes = "A2"
    for index, (_, fld, width, _) in enumerate(COLUMNS, start=1):
        letter = openpyxl.utils.get_column_letter(index)
        sheet.column_dimensions[letter].width = width
        cells = f"{letter}2:{letter}{ROWS + 1}"
        if fld in VALUES and fld != "causes":
            rule = DataValidation(type="list", formula1='"' + ",".join(VALUES[fld]) + '"',
                                  allow_blank=True, showErrorMessage=True,
                                  errorTitle="Ugyldig værdi",
                                  error="Vælg en værdi fra listen.")
            rule.add(cells)
            sheet.add_data_validation(rule)
        if fld == "date":
            for row in range(2, ROWS + 2):
                sheet[f"{letter}{row}"].number_format = "DD-MM-YYYY"
        if fld == "student_id":
            for row in range(2, ROWS + 2):
                sheet[f"{letter}{row}"].number_format = "@"
    guide = book.create_sheet("Vejledning")
    guide.append(["Kolonne", "Forklaring"])
    guide["A1"].font = guide["B1"].font = Font(bold=True)
    for header, _, _, text in COLUMNS:
        guide.append([header, text])
    guide.append([])
    guide.append(["Sådan", "Før én samlet log. Gem en kopi som samtaler.xlsx i månedens mappe "
                           "data/raw/ÅÅÅÅ-MM/ sammen med Lectio-udtrækkene."])
    guide.column_dimensions["A"].width = 20
    guide.column_dimensions["B"].width = 100
    atomic_write(path, lambda tmp: book.save(tmp))
    return path
