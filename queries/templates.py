"""Register templates built from the models in queries/registers/models.py, so a template can
never drift from what the import checks.

CSV: the template is the header and one example row (it imports as is); the column notes
are a separate CSV, because a notes row inside the data would fail the checks. XLSX: the sheet
named TEMPLATE_SHEET holds header and example (the import reads the sheet of that name), the
notes sheet the notes. The notes are in Vietnamese and English side by side, from the catalogue.
"""

from __future__ import annotations

import io

import pandas as pd

from .exports import neutralise_formulas
from .i18n import t
from .registers import KINDS, NOTES_SHEET, TEMPLATE_SHEET

NOTE_COLUMNS = ("tpl_column", "tpl_required", "tpl_example", "tpl_note_vi", "tpl_note_en")


def both(key: str) -> str:
    return f"{t(key, 'vi')} / {t(key, 'en')}"


def example(kind: str) -> pd.DataFrame:
    """The header and one example row."""
    fields = KINDS[kind].fields
    return pd.DataFrame([[f.example for f in fields]], columns=[f.name for f in fields])


def notes(kind: str) -> pd.DataFrame:
    """One row per column: required or not, example and notes in both languages; then how a
    template is used and the limits a value must keep."""
    rows = [(f.name, both("tpl_yes" if f.required else "tpl_no"), f.example, t(f.note, "vi"), t(f.note, "en"))
            for f in KINDS[kind].fields]
    rows += [("", "", "", t(key, "vi"), t(key, "en")) for key in ("tpl_example_row", "tpl_limits")]
    return pd.DataFrame(rows, columns=[both(key) for key in NOTE_COLUMNS])


def template_csv(kind: str) -> bytes:
    """UTF-8 with BOM, so Excel opens the Vietnamese correctly; the import accepts it."""
    return neutralise_formulas(example(kind)).to_csv(index=False).encode("utf-8-sig")


def notes_csv(kind: str) -> bytes:
    return neutralise_formulas(notes(kind)).to_csv(index=False).encode("utf-8-sig")


def template_xlsx(kind: str) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        neutralise_formulas(example(kind)).to_excel(writer, sheet_name=TEMPLATE_SHEET, index=False)
        neutralise_formulas(notes(kind)).to_excel(writer, sheet_name=NOTES_SHEET, index=False)
        for sheet in writer.sheets.values():
            for column in sheet.columns:
                sheet.column_dimensions[column[0].column_letter].width = 28
    return buffer.getvalue()
