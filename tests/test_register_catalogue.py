"""A catalogue of malformed and hostile register files, each with its expected outcome: the
problems (file, line, column, reason) of a refused import, or the rows and notes of an
accepted one. After every refusal the store is compared, table by table, to before.

Encodings, delimiters, structure (ragged rows, quotes, blank lines, fields spanning lines,
headers), values (thousands, overflow, inf, NaN, units, control characters, lengths), hostile
text (formulas, script, SQL), spreadsheets (hidden sheets, formulas, merged and error cells)
and several files in one import (all or nothing, duplicates and conflicts across files).
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from dataclasses import dataclass, field

import openpyxl
import pandas as pd
import pytest

from queries.registers import RegisterFile, RegisterRejected

from .registers_support import store_database, to_cp1258

P = "district,commune,year,households,poor_households,near_poor_households"
R = "person_code,district,from_unit,from_level,to_unit,to_level,position,start_date,end_date"
O = "district,commune,position,person_code,is_local,as_of"
GOOD = ("Bắc Hà", "Lùng Phình", 2021, 1000, 400, 150)
GOOD2 = ("Bắc Hà", "Bản Phố", 2021, 800, 200, 100)
MOVE = ("CB-9", "Bắc Hà", "Phòng Nội vụ", "district", "Bản Phố", "commune", "Bí thư Đảng ủy xã", "2021-03-15",
        "2023-06-30")
STORED = ("Bắc Hà", "Lùng Phình", 2020, 990, 420, 160)  # in the store before every refused import


def lines(header: str, *rows, sep: str = ",", end: str = "\n") -> str:
    return end.join([header.replace(",", sep)] + [sep.join(map(str, row)) for row in rows]) + end


def utf8(header: str, *rows, **kwargs) -> bytes:
    return lines(header, *rows, **kwargs).encode("utf-8")


def with_row(row: tuple, **changes) -> tuple:
    columns = P.split(",") if len(row) == 6 else R.split(",")
    return tuple(changes.get(c, v) for c, v in zip(columns, row))


def xlsx(*sheets: tuple[str, list[list], str], merge: str | None = None, patch=None) -> bytes:
    """A workbook of (title, rows, state) sheets; optional merged range on the first sheet and a
    patch of its XML (for a formula's saved value, which openpyxl cannot write)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows, state in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
        sheet.sheet_state = state
    if merge:
        book.worksheets[0].merge_cells(merge)
    buffer = io.BytesIO()
    book.save(buffer)
    if patch is None:
        return buffer.getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = patch(data)
            target.writestr(item, data)
    return out.getvalue()


def rows_of(header: str, *rows) -> list[list]:
    return [header.split(","), *[list(r) for r in rows]]


@dataclass
class Refused:
    problems: set[tuple[str, int, str, str]]  # (file, line, column, catalogue key)


@dataclass
class Accepted:
    rows: dict[str, int]  # file -> rows written (0: not written, same content)
    notes: dict[str, set[str]] = field(default_factory=dict)  # file -> catalogue keys among its notes
    stored: dict[str, object] = field(default_factory=dict)  # "table.column" -> a value found there


CASES: dict[str, tuple[list[tuple[str, bytes]], object]] = {
    # ---- encodings
    "utf8": ([("a.csv", utf8(P, GOOD))], Accepted({"a.csv": 1}, {"a.csv": {"reg_read_encoding"}})),
    "utf8 bom": ([("a.csv", codecs.BOM_UTF8 + utf8(P, GOOD))], Accepted({"a.csv": 1})),
    "utf16 le bom tabs (Excel Unicode Text)": (
        [("a.txt", codecs.BOM_UTF16_LE + lines(P, GOOD, sep="\t", end="\r\n").encode("utf-16-le"))],
        Accepted({"a.txt": 1}, {"a.txt": {"reg_read_encoding", "reg_read_delimiter"}},
                 {"commune_poverty.commune": "Lùng Phình"})),
    "utf16 be bom": ([("a.csv", codecs.BOM_UTF16_BE + lines(P, GOOD).encode("utf-16-be"))], Accepted({"a.csv": 1})),
    "utf16 le without bom": ([("a.csv", lines(P, GOOD).encode("utf-16-le"))], Accepted({"a.csv": 1})),
    "utf16 be without bom": ([("a.csv", lines(P, GOOD).encode("utf-16-be"))], Accepted({"a.csv": 1})),
    "windows-1258": ([("a.csv", to_cp1258(lines(P, GOOD, GOOD2)))],
                     Accepted({"a.csv": 2}, stored={"commune_poverty.commune": "Bản Phố"})),
    "utf8 with one invalid byte names its line": (
        [("a.csv", utf8(P, GOOD, GOOD2) + b"B\xe1\xba\xafc H\xc3\xa0,X\xff,2021,10,1,1\n")],
        Refused({("a.csv", 4, "", "reg_bad_byte")})),
    "neither utf8 nor windows-1258": (
        [("a.csv", (P + "\n").encode() + b"Bac Ha,X\x81Y,2021,10,1,1\n")], Refused({("a.csv", 2, "", "reg_unknown_encoding")})),
    "utf16 with a broken surrogate": (
        [("a.csv", codecs.BOM_UTF16_LE + lines(P, GOOD).encode("utf-16-le") + "X".encode("utf-16-le")
          + b"\x00\xd8" + ",2\n".encode("utf-16-le"))], Refused({("a.csv", 3, "", "reg_bad_byte")})),
    "binary junk": ([("a.csv", bytes(range(256)) * 4)], Refused({("a.csv", 2, "", "reg_unknown_encoding")})),
    # ---- delimiters
    "semicolons": ([("a.csv", utf8(P, GOOD, sep=";"))], Accepted({"a.csv": 1}, {"a.csv": {"reg_read_delimiter"}})),
    "tabs": ([("a.tsv", utf8(P, GOOD, sep="\t"))], Accepted({"a.tsv": 1})),
    "excel sep= line": ([("a.csv", b"sep=;\n" + utf8(P, GOOD, sep=";"))],
                        Accepted({"a.csv": 1}, {"a.csv": {"reg_read_sep_line"}})),
    "sep= line counts as a line": ([("a.csv", b"sep=;\r\n" + utf8(P, GOOD, with_row(GOOD, district="Xyz"), sep=";",
                                                                  end="\r\n"))],
                                   Refused({("a.csv", 4, "district", "reg_unknown_district")})),
    "decimal comma in a semicolon file": ([("a.csv", utf8(P, with_row(GOOD, households="1,5"), sep=";"))],
                                          Refused({("a.csv", 2, "households", "reg_not_a_count")})),
    # ---- structure
    "ragged row, too few": ([("a.csv", utf8(P, GOOD, GOOD2[:4]))], Refused({("a.csv", 3, "", "reg_ragged_row")})),
    "ragged row, too many": ([("a.csv", utf8(P, GOOD, GOOD2, (*GOOD2, "x")))],
                             Refused({("a.csv", 4, "", "reg_ragged_row")})),
    "unclosed quote": ([("a.csv", utf8(P, GOOD) + b'B\xe1\xba\xafc H\xc3\xa0,"Lung,2021,1,1,1\n' + utf8(P, GOOD2)[len(P) + 1:])],
                       Refused({("a.csv", 3, "", "reg_quote_unclosed")})),
    "text after a closing quote": ([("a.csv", utf8(P, GOOD) + '"Bắc Hà"x,A,2021,1,1,1\n'.encode())],
                                   Refused({("a.csv", 3, "", "reg_quote_stray")})),
    "a field spanning lines: later lines keep their numbers": (
        [("a.csv", (lines(P, GOOD) + '"Bắc Hà","Xã\nA",2021,10,1,1\n' + lines(P, GOOD2, with_row(GOOD, district="Xyz"))
                    .split("\n", 1)[1]).encode())],
        Refused({("a.csv", 3, "commune", "reg_control_character"), ("a.csv", 6, "district", "reg_unknown_district")})),
    "blank and space-only lines": ([("a.csv", (lines(P, GOOD) + "\n   \n\r\n" + lines(P, with_row(GOOD2, district="Xyz"))
                                              .split("\n", 1)[1]).encode())],
                                   Refused({("a.csv", 6, "district", "reg_unknown_district")})),
    "rows of empty cells are skipped": ([("a.csv", utf8(P, GOOD, ("",) * 6, GOOD2))], Accepted({"a.csv": 2})),
    "duplicate column names": ([("a.csv", utf8(P + ",district", (*GOOD, "Bắc Hà")))],
                               Refused({("a.csv", 1, "district", "reg_duplicate_column")})),
    "a column without a name holding values": ([("a.csv", utf8(P + ",", (*GOOD, "x")))],
                                               Refused({("a.csv", 2, "", "reg_values_without_header")})),
    "an empty trailing column (Excel)": ([("a.csv", utf8(P + ",", (*GOOD, ""), (*GOOD2, "")))], Accepted({"a.csv": 2})),
    "title rows above the header": (
        [("a.csv", "BÁO CÁO HỘ NGHÈO,,,,,\nHuyện Bắc Hà,,,,,\n,,,,,\n".encode() + utf8(P, GOOD, GOOD2))],
        Accepted({"a.csv": 2}, {"a.csv": {"reg_read_title_rows"}}, {"commune_poverty.commune": "Bản Phố"})),
    "title rows above the header keep the file's lines, semicolons": (
        [("a.csv", "BÁO CÁO HỘ NGHÈO\n\nNăm 2021;;\n".encode() + utf8(P, GOOD, with_row(GOOD2, district="Xyz"), sep=";"))],
        Refused({("a.csv", 6, "district", "reg_unknown_district")})),
    "title rows above a header that names no register": (
        [("a.csv", ("BÁO CÁO,,,\n,,,\nHuyện,Xã,Năm,Số hộ\n" + "\n".join(f"Bắc Hà,X{i},2021,{i}" for i in range(30))
                    + "\n").encode())], Refused({("a.csv", 1, "", "reg_unknown_register")})),
    "header only": ([("a.csv", utf8(P))], Refused({("a.csv", 2, "", "reg_no_rows")})),
    "empty file": ([("a.csv", b"")], Refused({("a.csv", 1, "", "reg_empty_file")})),
    "only blank lines": ([("a.csv", b"\n\n\r\n")], Refused({("a.csv", 1, "", "reg_empty_file")})),
    "unknown header": ([("a.csv", b"name,age\nAn,3\n")], Refused({("a.csv", 1, "", "reg_unknown_register")})),
    "missing column": ([("a.csv", utf8(P.replace(",year", ""), GOOD[:2] + GOOD[3:]))],
                       Refused({("a.csv", 1, "year", "reg_missing_column")})),
    "column not in the template": ([("a.csv", utf8(P + ",note", (*GOOD, "x")))],
                                   Refused({("a.csv", 1, "note", "reg_unknown_column")})),
    "header in capitals with spaces": ([("a.csv", utf8(" District , COMMUNE,Year,households,poor_households,"
                                                       "near_poor_households", GOOD))], Accepted({"a.csv": 1})),
    "crlf line endings": ([("a.csv", utf8(P, GOOD, with_row(GOOD2, year=2009), end="\r\n"))],
                          Refused({("a.csv", 3, "year", "reg_year_outside_terms")})),
    "old mac line endings": ([("a.csv", utf8(P, GOOD, with_row(GOOD2, district="Xyz"), end="\r"))],
                             Refused({("a.csv", 3, "district", "reg_unknown_district")})),
    "nul byte": ([("a.csv", utf8(P, GOOD) + "Bắc Hà,X\x00Y,2021,10,1,1\n".encode())],
                 Refused({("a.csv", 3, "commune", "reg_control_character")})),
    "a NUL inside a Vietnamese name (DuckDB's NFC would cut it there)": (
        [("a.csv", utf8(P, GOOD, with_row(GOOD2, commune="Bản\x00Phố")))],
        Refused({("a.csv", 3, "commune", "reg_control_character")})),
    "a NUL inside a quoted name, crlf": ([("a.csv", utf8(P, with_row(GOOD2, commune='"Bản\x00Phố"'), end="\r\n"))],
                                        Refused({("a.csv", 2, "commune", "reg_control_character")})),
    "a NUL at the end of a name": ([("a.csv", utf8(P, with_row(GOOD2, commune="Bản Phố\x00")))],
                                   Refused({("a.csv", 2, "commune", "reg_control_character")})),
    "a 1 MB commune name": ([("a.csv", utf8(P, GOOD, with_row(GOOD2, commune="X" * 1_048_576)))],
                            Refused({("a.csv", 3, "commune", "reg_text_too_long")})),
    "a line DuckDB will not read (9 MB), beyond Python's cell limit too": (
        [("a.csv", utf8(P, GOOD, with_row(GOOD2, commune="X" * 9_000_000)))], Refused({("a.csv", 3, "", "reg_line_too_long")})),
    # ---- values
    "2.000 households read as thousands": (
        [("a.csv", utf8(P, with_row(GOOD, households="2.000")))],
        Accepted({"a.csv": 1}, {"a.csv": {"reg_read_thousands"}}, {"commune_poverty.households": 2000})),
    "quoted 2,000 read as thousands": ([("a.csv", utf8(P, with_row(GOOD, households='"2,000"')))],
                                       Accepted({"a.csv": 1}, stored={"commune_poverty.households": 2000})),
    "2,000 in a semicolon file": ([("a.csv", utf8(P, with_row(GOOD, households="2,000"), sep=";"))],
                                  Accepted({"a.csv": 1}, stored={"commune_poverty.households": 2000})),
    "1.234.567 read as thousands": ([("a.csv", utf8(P, with_row(GOOD, households="1.234.567")))],
                                    Accepted({"a.csv": 1}, stored={"commune_poverty.households": 1_234_567})),
    "1.5 households": ([("a.csv", utf8(P, with_row(GOOD, households="1.5")))],
                       Refused({("a.csv", 2, "households", "reg_not_a_count")})),
    "2.00 households": ([("a.csv", utf8(P, with_row(GOOD, households="2.00")))],
                        Refused({("a.csv", 2, "households", "reg_not_a_count")})),
    "a count beyond any integer": ([("a.csv", utf8(P, with_row(GOOD, households="99999999999999999999999")))],
                                   Refused({("a.csv", 2, "households", "reg_count_too_large")})),
    "a count over a billion": ([("a.csv", utf8(P, with_row(GOOD, households="1000000001")))],
                               Refused({("a.csv", 2, "households", "reg_count_too_large")})),
    "inf": ([("a.csv", utf8(P, with_row(GOOD, poor_households="inf")))],
            Refused({("a.csv", 2, "poor_households", "reg_not_a_count")})),
    "NaN": ([("a.csv", utf8(P, with_row(GOOD, near_poor_households="NaN")))],
            Refused({("a.csv", 2, "near_poor_households", "reg_not_a_count")})),
    "12 hộ": ([("a.csv", utf8(P, with_row(GOOD, households="12 hộ")))],
              Refused({("a.csv", 2, "households", "reg_not_a_count")})),
    "1e3": ([("a.csv", utf8(P, with_row(GOOD, households="1e3")))], Refused({("a.csv", 2, "households", "reg_not_a_count")})),
    "negative count": ([("a.csv", utf8(P, with_row(GOOD, poor_households="-5")))],
                       Refused({("a.csv", 2, "poor_households", "reg_negative_count")})),
    "year as 20.23": ([("a.csv", utf8(P, with_row(GOOD, year="20.23")))], Refused({("a.csv", 2, "year", "reg_not_a_year")})),
    "tab inside a name": ([("a.csv", utf8(P, with_row(GOOD, commune="Lùng\tPhình")))],
                          Refused({("a.csv", 2, "commune", "reg_control_character")})),
    "escape character in a code": ([("a.csv", utf8(R, with_row(MOVE, person_code="CB\x1b[31m9")))],
                                   Refused({("a.csv", 2, "person_code", "reg_control_character")})),
    "a name over 200 characters": ([("a.csv", utf8(P, with_row(GOOD, commune="X" * 201)))],
                                   Refused({("a.csv", 2, "commune", "reg_text_too_long")})),
    "a person code over 50 characters": ([("a.csv", utf8(R, with_row(MOVE, person_code="C" * 51)))],
                                         Refused({("a.csv", 2, "person_code", "reg_text_too_long")})),
    "no-break spaces around names": ([("a.csv", utf8(P, with_row(GOOD, district="\u00a0Bắc Hà ")))],
                                     Accepted({"a.csv": 1}, stored={"commune_poverty.district": "Bắc Hà"})),
    "decomposed (NFD) names": ([("a.csv", utf8(P, tuple(__import__("unicodedata").normalize("NFD", str(v)) for v in GOOD)))],
                               Accepted({"a.csv": 1}, stored={"commune_poverty.commune": "Lùng Phình"})),
    "coded values in capitals and Vietnamese": ([("a.csv", utf8(O, ("Thanh Trì", "Văn Điển", "Bí thư", "OH-1", "Có",
                                                                     "27/07/2023")))],
                                                Accepted({"a.csv": 1}, stored={"office_holders.is_local": True})),
    "a date with slashes the other way": ([("a.csv", utf8(R, with_row(MOVE, start_date="2021/03/15")))],
                                          Refused({("a.csv", 2, "start_date", "reg_not_a_date")})),
    # ---- hostile text
    "a formula in a name is kept as text": ([("a.csv", utf8(P, with_row(GOOD, commune='"=HYPERLINK(""http://x"",""y"")"')))],
                                            Accepted({"a.csv": 1}, stored={"commune_poverty.commune": '=HYPERLINK("http://x","y")'})),
    "script in a name is kept as text": ([("a.csv", utf8(P, with_row(GOOD, commune="<script>alert(1)</script>")))],
                                         Accepted({"a.csv": 1}, stored={"commune_poverty.commune": "<script>alert(1)</script>"})),
    "SQL in a name is a value, nothing more": ([("a.csv", utf8(P, with_row(GOOD, district="x'); drop table imports; --")))],
                                               Refused({("a.csv", 2, "district", "reg_unknown_district")})),
    "a path as the file name is only a label": ([("../../etc/passwd.csv", utf8(P, GOOD))], Accepted({"../../etc/passwd.csv": 1})),
    # ---- spreadsheets
    "hidden first sheet with old rows": (
        [("a.xlsx", xlsx(("old", rows_of(P, STORED), "hidden"), ("new", rows_of(P, GOOD, GOOD2), "visible")))],
        Accepted({"a.xlsx": 2}, {"a.xlsx": {"reg_read_sheet", "reg_skipped_hidden_sheets"}})),
    "two visible sheets": ([("a.xlsx", xlsx(("one", rows_of(P, GOOD), "visible"), ("two", rows_of(P, GOOD2), "visible")))],
                           Refused({("a.xlsx", 0, "", "reg_several_sheets")})),
    "only hidden sheets": ([("a.xlsx", xlsx(("one", rows_of(P, GOOD), "hidden"), ("ghi_chu_notes", [["x"]], "visible")))],
                           Refused({("a.xlsx", 0, "", "reg_only_hidden_sheets")})),
    "the template's sheet, hidden, is read and said": (
        [("a.xlsx", xlsx(("other", [["x"]], "visible"), ("data", rows_of(P, GOOD), "hidden")))],
        Accepted({"a.xlsx": 1}, {"a.xlsx": {"reg_read_hidden_sheet"}})),
    "a formula with its saved value": (
        [("a.xlsx", xlsx(("data", rows_of(P, (*GOOD[:3], "=1000+250", 400, 150)), "visible"),
                         patch=lambda xml: re.sub(rb"<f>1000\+250</f><v(?: ?/>|></v>)", b"<f>1000+250</f><v>1250</v>",
                                                  xml)))],
        Accepted({"a.xlsx": 1}, stored={"commune_poverty.households": 1250})),
    "a formula never calculated": ([("a.xlsx", xlsx(("data", rows_of(P, (*GOOD[:3], "=1000+250", 400, 150)), "visible")))],
                                   Refused({("a.xlsx", 2, "D", "reg_formula_no_value")})),
    "merged cells": ([("a.xlsx", xlsx(("data", rows_of(P, GOOD, GOOD2), "visible"), merge="A2:A3"))],
                     Refused({("a.xlsx", 2, "district", "reg_merged_cells")})),
    "an Excel error cell": ([("a.xlsx", xlsx(("data", rows_of(P, (*GOOD[:3], "#DIV/0!", 400, 150)), "visible")))],
                            Refused({("a.xlsx", 2, "D", "reg_xlsx_error_cell")})),
    "whole numbers stored as floats": ([("a.xlsx", xlsx(("data", rows_of(P, (*GOOD[:3], 1000.0, 400.0, 150.0)), "visible")))],
                                       Accepted({"a.xlsx": 1}, stored={"commune_poverty.households": 1000})),
    "a fraction in a count cell": ([("a.xlsx", xlsx(("data", rows_of(P, (*GOOD[:3], 1000.5, 400, 150)), "visible")))],
                                   Refused({("a.xlsx", 2, "households", "reg_not_a_count")})),
    "a value beyond the header": ([("a.xlsx", xlsx(("data", rows_of(P, (*GOOD, "x")), "visible")))],
                                  Refused({("a.xlsx", 2, "G", "reg_cell_outside_header")})),
    "empty rows keep the sheet's row numbers": (
        [("a.xlsx", xlsx(("data", [P.split(","), list(GOOD), [], [], list(with_row(GOOD2, district="Xyz"))], "visible")))],
        Refused({("a.xlsx", 5, "district", "reg_unknown_district")})),
    "a NUL in a cell, escaped as the sheet's XML must (_x0000_)": (
        [("a.xlsx", xlsx(("data", rows_of(P, GOOD, with_row(GOOD2, commune="Bản_x0000_Phố")), "visible")))],
        Refused({("a.xlsx", 3, "commune", "reg_control_character")})),
    "a tab in a cell, escaped (_x0009_)": ([("a.xlsx", xlsx(("data", rows_of(P, with_row(GOOD, commune="Lùng_x0009_Phình")),
                                                                  "visible")))],
                                          Refused({("a.xlsx", 2, "commune", "reg_control_character")})),
    "an escaped underscore is the text _x0041_, as Excel shows it": (
        [("a.xlsx", xlsx(("data", rows_of(P, with_row(GOOD2, commune="Bản_x005F_x0041_")), "visible")))],
        Accepted({"a.xlsx": 1}, stored={"commune_poverty.commune": "Bản_x0041_"})),
    "a sheet with title rows above the header": (
        [("a.xlsx", xlsx(("data", [["BÁO CÁO HỘ NGHÈO"], ["Huyện Bắc Hà, năm 2021"], [], *rows_of(P, GOOD, GOOD2)],
                          "visible"), merge="A1:F1"))],
        Accepted({"a.xlsx": 2}, {"a.xlsx": {"reg_read_title_rows"}}, {"commune_poverty.commune": "Bản Phố"})),
    "title rows above the header keep the sheet's row numbers": (
        [("a.xlsx", xlsx(("data", [["BÁO CÁO HỘ NGHÈO"], [], *rows_of(P, GOOD, with_row(GOOD2, district="Xyz"))],
                          "visible")))],
        Refused({("a.xlsx", 5, "district", "reg_unknown_district")})),
    "title rows above a header that names no register, as the CSV says": (
        [("a.xlsx", xlsx(("data", [["BÁO CÁO"], [], ["Huyện", "Xã", "Năm", "Số hộ"],
                                   *[["Bắc Hà", f"X{i}", 2021, i] for i in range(30)]], "visible")))],
        Refused({("a.xlsx", 1, "", "reg_unknown_register")})),
    "a damaged workbook": ([("a.xlsx", b"PK\x03\x04" + b"not really a zip" * 10)], Refused({("a.xlsx", 0, "", "reg_xlsx_unreadable")})),
    "an old .xls": ([("a.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)], Refused({("a.xls", 0, "", "reg_xls_old")})),
    # ---- several files in one import
    "a good file and a bad one: nothing written": (
        [("good.csv", utf8(P, GOOD)), ("bad.csv", utf8(P, with_row(GOOD2, district="Xyz")))],
        Refused({("bad.csv", 2, "district", "reg_unknown_district")})),
    "two bad files: both listed": (
        [("one.csv", utf8(P, with_row(GOOD, households="x"))), ("two.xlsx", xlsx(("data", rows_of(P, (*GOOD2[:3], 800, -1, 1)), "visible")))],
        Refused({("one.csv", 2, "households", "reg_not_a_count"), ("two.xlsx", 2, "poor_households", "reg_negative_count")})),
    "a duplicate across files": ([("one.csv", utf8(P, GOOD)), ("two.csv", utf8(P, GOOD2, with_row(GOOD, households=5000)))],
                                 Refused({("two.csv", 3, "district,commune,year", "reg_duplicate")})),
    "an overlap across files": ([("one.csv", utf8(R, MOVE)), ("two.csv", utf8(R, with_row(MOVE, start_date="2022-01-01", end_date="")))],
                                Refused({("two.csv", 2, "start_date", "reg_overlap")})),
    "a row already in the store": ([("a.csv", utf8(P, GOOD2, STORED))],
                                   Refused({("a.csv", 3, "district,commune,year", "reg_in_store")})),
    "the same file twice: imported once": ([("one.csv", utf8(P, GOOD)), ("copy.csv", utf8(P, GOOD))],
                                           Accepted({"one.csv": 1, "copy.csv": 0}, {"copy.csv": {"reg_same_as"}})),
    "three kinds in one import": ([("p.csv", utf8(P, GOOD)), ("r.csv", utf8(R, MOVE)),
                                   ("o.xlsx", xlsx(("data", rows_of(O, ("Thanh Trì", "Văn Điển", "commune_chair", "OH-2",
                                                                        "false", "2023-07-27")), "visible")))],
                                  Accepted({"p.csv": 1, "r.csv": 1, "o.xlsx": 1})),
}


def test_the_catalogue_covers_enough_files():
    assert len(CASES) >= 60
    assert sum(isinstance(expected, Refused) for _, expected in CASES.values()) >= 35


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory):
    """The store every refused import is tried against: it already holds one import."""
    db = store_database(tmp_path_factory.mktemp("catalogue") / "store")
    db.import_registers([RegisterFile("stored.csv", data=utf8(P, STORED))])
    return db


REFUSED = {name: case for name, case in CASES.items() if isinstance(case[1], Refused)}
ACCEPTED = {name: case for name, case in CASES.items() if isinstance(case[1], Accepted)}


@pytest.mark.parametrize("name", list(REFUSED))
def test_refused(shared_store, name):
    files, expected = REFUSED[name]
    db = shared_store
    before = db.store.contents()
    snapshot = db.snapshot
    with pytest.raises(RegisterRejected) as info:
        db.import_registers([RegisterFile(file, data=data) for file, data in files])
    problems = {(p.file, p.line, p.column, p.reason.key) for p in info.value.problems}
    assert problems == expected.problems, [(p.file, p.line, p.column, p.message("en")) for p in info.value.problems]
    for p in info.value.problems:  # every reason reads in both languages, without placeholders left
        assert p.message("vi") and p.message("en") and "{" not in p.message("vi") + p.message("en")
    after = db.store.contents()
    assert before.keys() == after.keys() == {"imports", "rotation_events", "office_holders", "commune_poverty",
                                             "rotation_counts", "office_holder_counts", "poverty_counts",
                                             "register_areas"}
    for table in before:
        pd.testing.assert_frame_equal(before[table], after[table], obj=table)
    assert db.snapshot == snapshot
    assert not [p for p in db.store.path.iterdir() if p.name.startswith("import-")]  # no scratch left


def test_a_long_line_is_refused_whatever_csv_limit_a_library_set(shared_store):
    """Python's csv cell limit is one setting for the process, and frictionless raises it when
    imported: the import's own limit still names the line."""
    import csv
    import sys

    previous = csv.field_size_limit(sys.maxsize)
    try:
        files, expected = REFUSED["a line DuckDB will not read (9 MB), beyond Python's cell limit too"]
        with pytest.raises(RegisterRejected) as info:
            shared_store.import_registers([RegisterFile(file, data=data) for file, data in files])
    finally:
        csv.field_size_limit(previous)
    assert {(p.file, p.line, p.column, p.reason.key) for p in info.value.problems} == expected.problems


@pytest.mark.parametrize("name", list(ACCEPTED))
def test_accepted(tmp_path, name):
    files, expected = ACCEPTED[name]
    db = store_database(tmp_path / "store")
    report = db.import_registers([RegisterFile(file, data=data) for file, data in files])
    written = {f.file: (f.rows if f.created else 0) for f in report.files}
    assert written == expected.rows
    for file, keys in expected.notes.items():
        notes = {n.key for n in next(f for f in report.files if f.file == file).notes}
        assert keys <= notes, notes
    contents = db.store.contents()
    for where, value in expected.stored.items():
        table, column = where.split(".")
        assert value in list(contents[table][column]), list(contents[table][column])
    assert len(contents["imports"]) == sum(1 for n in expected.rows.values() if n)
