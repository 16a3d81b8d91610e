"""What the app and the command line write for spreadsheets. A cell of text that starts with
`=`, `+`, `-`, `@`, a tab or a carriage return is a formula to Excel and LibreOffice, which
would run what a register's author typed; OWASP's advice is a leading apostrophe. Every CSV and
XLSX the product writes goes through `neutralise_formulas` (`csv_bytes` for the pages' downloads
and the data package, queries.templates, the command lines)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd

from .errors import BadOutPath

FORMULA_START = re.compile(r"^[=+\-@\t\r]")
PLAIN_NUMBER = re.compile(r"^[+-]?\d[\d.,]*%?$")  # "-5", "+1.234,5", "-12%": a number, not a formula


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` whose text cells cannot start a formula; numbers stay numbers (numeric
    columns untouched, and text that is a plain signed number kept as it is)."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if not (pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values)):
            out[column] = values.map(neutral_text)
    out.columns = [neutral_text(c) for c in out.columns]
    return out


def neutral_text(value):
    """One value as neutralise_formulas writes it."""
    if isinstance(value, str) and FORMULA_START.match(value) and not PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def _plain_number(value: float) -> str:
    """A number in a CSV as a spreadsheet should read it: a count as 6, not 6.0; 31.25 as it is."""
    return str(int(value)) if value.is_integer() else repr(float(value))


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV with a byte-order mark, so Excel opens Vietnamese text correctly. Numbers stay
    machine-readable (a decimal point, no thousands separator), whole numbers without '.0';
    a missing value is an empty cell. Text that a spreadsheet would run as a formula is
    neutralised."""
    return neutralise_formulas(frame).to_csv(index=False, float_format=_plain_number).encode("utf-8-sig")


def checked_out_path(path: Path) -> Path:
    """`path` if a command line can write its file there, checked before any work is done: its
    folder exists and is writable, and it is not itself a folder. Raises BadOutPath otherwise."""
    folder = path.parent
    if path.is_dir():
        raise BadOutPath("out_is_folder", path=str(path))
    if not folder.is_dir():
        raise BadOutPath("out_no_folder", path=str(path), folder=str(folder))
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise BadOutPath("out_not_writable", path=str(path))
    return path
