"""Formula injection: every CSV and XLSX the app or the command lines write neutralises text that
Excel would run (a leading =, +, -, @, tab or carriage return gets an apostrophe, as OWASP
advises); numbers stay numbers."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import openpyxl
import pandas as pd
import pytest
import streamlit as st

import queries
from queries.exports import neutralise_formulas
from queries.registers import KINDS, RegisterFile
from queries.templates import template_xlsx
from queries.exports import csv_bytes

from .conftest import ROOT
from .registers_support import store_database
from .test_app_dashboard import downloaded_csv, open_page, recorded_downloads  # noqa: F401

PAYLOADS = ["=HYPERLINK(\"http://x\",\"y\")", "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(A1:A9)",
            "\t=1+1", "\r=1+1"]


def test_text_that_starts_a_formula_gets_an_apostrophe_and_numbers_stay():
    frame = pd.DataFrame({"text": [*PAYLOADS, "Bắc Hà", "-5", "+1.234,5", "12%", None],
                          "number": [-1.5, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]})
    out = neutralise_formulas(frame)
    assert list(out.text[:6]) == ["'" + p for p in PAYLOADS]
    assert list(out.text[6:10]) == ["Bắc Hà", "-5", "+1.234,5", "12%"] and out.text.isna().iloc[10]
    assert out.number.tolist() == frame.number.tolist() and out.number.dtype == frame.number.dtype
    assert list(neutralise_formulas(pd.DataFrame(columns=["=x", "y"])).columns) == ["'=x", "y"]


def test_the_pages_csv_downloads_are_neutralised():
    payloads = PAYLOADS[:-1]  # a bare carriage return never reaches a table: the import refuses it
    data = csv_bytes(pd.DataFrame({"area": payloads, "value": range(len(payloads))}))
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert all(cell.startswith("'") for cell in back.area)
    assert back.value.tolist() == list(range(len(payloads)))


def test_a_register_with_a_formula_for_a_commune_downloads_safely(tmp_path, monkeypatch):
    db = store_database(tmp_path / "store")
    db.import_registers([RegisterFile("p.csv", data=(
        "district,commune,year,households,poor_households,near_poor_households\n"
        "Bắc Hà,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",2021,1000,400,150\n").encode())])
    monkeypatch.setattr(queries, "_default", db)
    st.cache_resource.clear()
    st.cache_data.clear()
    try:
        at = open_page("pages/poverty.py", lang="en", origin="register", district="Bắc Hà",
                       level=["commune", "district"])
        data, table = downloaded_csv(at)
        assert "'=HYPERLINK(\"http://x\",\"y\")" in set(table["Area"])
        assert "\n=HYPERLINK" not in data.decode("utf-8-sig") and ",=HYPERLINK" not in data.decode("utf-8-sig")
    finally:
        st.cache_resource.clear()
        st.cache_data.clear()


@pytest.mark.parametrize("kind", list(KINDS))
def test_xlsx_templates_hold_text_not_formulas(kind):
    book = openpyxl.load_workbook(io.BytesIO(template_xlsx(kind)))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            assert all(cell.data_type != "f" for cell in row)


def test_the_store_command_lines_report_is_neutralised(tmp_path):
    """The refused import's table of problems is for a person, who may open it in a spreadsheet."""
    bad = tmp_path / "=bad.csv"
    bad.write_text("district,commune,year,households,poor_households,near_poor_households\n"
                   "Xyz,A,2020,10,1,1\n", encoding="utf-8")
    env = {**os.environ, "LANG": "en_US.UTF-8", "DASHBOARD_STORE": str(tmp_path / "store")}
    refused = subprocess.run([sys.executable, "-m", "queries.store_cli", "import", str(bad)], cwd=ROOT, env=env,
                             capture_output=True, text=True)
    assert "\n'=bad.csv,2,district," in refused.stderr


@pytest.mark.parametrize("lang", ["en_US.UTF-8", "C.UTF-8"])
def test_run_as_csv_writes_the_values_as_they_are_and_says_so(db, lang):
    """`queries run --format csv` is for programs: the qualifier `=` stays `=` (the downloads and
    the data package's CSV are the files for spreadsheets, and stay formula-safe)."""
    env = {**os.environ, "LANG": lang}
    run = subprocess.run([sys.executable, "-m", "queries", "run", "facts", "--format", "csv"], cwd=ROOT, env=env,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    table = pd.read_csv(io.StringIO(run.stdout), dtype=str, keep_default_na=False)
    assert table["qualifier"].tolist() == db.run("facts")["qualifier"].fillna("").tolist()
    assert "=" in set(table["qualifier"]) and not table["qualifier"].str.startswith("'").any()
    helped = subprocess.run([sys.executable, "-m", "queries", "run", "--help"], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    said = " ".join(helped.stdout.split())
    assert ("Excel does not run it as a formula" if lang.startswith("en") else "Excel không chạy nó như công thức") in said
