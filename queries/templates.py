"""Register templates built from the models in registers.py, so a template can never drift
from what the import checks.

CSV: the template is the header and one example row (it imports as is); the column notes
are a separate CSV, because a notes row inside the data would fail the checks. XLSX: the
first sheet holds header and example (the import reads only that sheet), the second the notes.
"""

from __future__ import annotations

import io

import pandas as pd

from .registers import KINDS

NOTE_COLUMNS = {"column": ("cột", "column"), "required": ("bắt buộc", "required"),
                "example": ("ví dụ", "example"), "note_vi": ("ghi chú", "note (Vietnamese)"),
                "note_en": ("ghi chú tiếng Anh", "note")}
EXAMPLE_NOTE = ("Dòng 2 là ví dụ: thay hoặc xoá trước khi nhập sổ thật.",
                "Row 2 is an example: replace or delete it before importing a real register.")


def example(kind: str) -> pd.DataFrame:
    """The header and one example row."""
    fields = KINDS[kind].fields
    return pd.DataFrame([[f.example for f in fields]], columns=[f.name for f in fields])


def notes(kind: str) -> pd.DataFrame:
    """One row per column: required or not, example and notes in both languages."""
    rows = [(f.name, "có / yes" if f.required else "không / no", f.example, f.note_vi, f.note_en)
            for f in KINDS[kind].fields]
    rows.append(("", "", "", *EXAMPLE_NOTE))
    return pd.DataFrame(rows, columns=[f"{vi} / {en}" for vi, en in NOTE_COLUMNS.values()])


def template_csv(kind: str) -> bytes:
    """UTF-8 with BOM, so Excel opens the Vietnamese correctly; the import accepts it."""
    return example(kind).to_csv(index=False).encode("utf-8-sig")


def notes_csv(kind: str) -> bytes:
    return notes(kind).to_csv(index=False).encode("utf-8-sig")


def template_xlsx(kind: str) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        example(kind).to_excel(writer, sheet_name="data", index=False)
        notes(kind).to_excel(writer, sheet_name="ghi_chu_notes", index=False)
        for sheet in writer.sheets.values():
            for column in sheet.columns:
                sheet.column_dimensions[column[0].column_letter].width = 28
    return buffer.getvalue()
