"""Users' registers: the record-level models (models.py), reading CSV and XLSX files
(reading.py), and checking the files of one import together (checks.py). The import itself,
one function for the Registers page and the command line, is `Database.import_registers`
(queries/db.py), which writes through the store (queries/store.py)."""

from .checks import check_files
from .models import (COUNT_LIMIT, KINDS, PROBLEM_LIMIT, ROTATION_KINDS, TEXT_LIMIT, VOCABULARY, Field,
                     FileReport, ImportReport, Problem, Reference, RegisterKind, RegisterRejected, detect_kind)
from .reading import NOTES_SHEET, TEMPLATE_SHEET, RegisterFile

__all__ = [
    "COUNT_LIMIT", "KINDS", "NOTES_SHEET", "PROBLEM_LIMIT", "ROTATION_KINDS", "TEMPLATE_SHEET", "TEXT_LIMIT",
    "VOCABULARY", "Field", "FileReport", "ImportReport", "Problem", "Reference", "RegisterFile",
    "RegisterKind", "RegisterRejected", "check_files", "detect_kind",
]
