"""Reading a register file as text, and naming the line of anything that stops it being read.

CSV: UTF-8 (with or without BOM), UTF-16 (LE or BE, with or without BOM) or Windows-1258;
comma, semicolon or tab, or the delimiter of Excel's `sep=` first line. DuckDB parses it into a
staging table (memory bounded at any size); a file it cannot read whole, or whose lines are not
one per row, is walked by Python's csv module for its structure (ragged rows, quotes, blank
lines, the file's own line of every record, also after fields that span lines). XLSX: the sheet
named like the template's, else the only visible sheet; formula cells give their saved values;
merged cells are refused.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import shutil
import threading
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import duckdb
import pandas as pd

from .. import model
from ..i18n import Msg
from .models import KINDS, PROBLEM_LIMIT, Problem, RegisterRejected, detect_kind

TEMPLATE_SHEET = "data"  # the templates' data sheet; their notes sheet is NOTES_SHEET
NOTES_SHEET = "ghi_chu_notes"
DELIMITERS = {",": "reg_delimiter_comma", ";": "reg_delimiter_semicolon", "\t": "reg_delimiter_tab"}
SEP_LINE = re.compile(r'^"?sep=([,;\t|])"?[,;\t|]*\r?\n?$', re.IGNORECASE)
ENCODINGS = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 (BOM)", "utf-16": "UTF-16", "utf-16-le": "UTF-16 LE",
             "utf-16-be": "UTF-16 BE", "cp1258": "Windows-1258"}
CHUNK = 1 << 24
TEMPLATE_COLUMNS = {c for kind in KINDS.values() for c in kind.columns}
# Python's csv module says what stopped it in English; each message maps to a catalogue reason.
CSV_ERRORS = (("expected after", "reg_quote_stray"), ("end of data", "reg_quote_unclosed"),
              ("field larger than field limit", "reg_line_too_long"))
# The longest cell a register may hold: Python's csv default, checked by the scan itself, since
# that limit is one setting for the whole process and a library may raise it (frictionless does).
CELL_LIMIT = 131_072
# Rows read for the header: a report's title rows ("CỘNG HOÀ XÃ HỘI ...", its name, a date)
# may stand above it.
HEADER_SEARCH = 20


@dataclass
class RegisterFile:
    """A file to import: its name as the user knows it, and its bytes (an upload) or path."""

    name: str
    data: bytes | None = None
    path: Path | None = None

    def open(self) -> BinaryIO:
        return io.BytesIO(self.data) if self.data is not None else open(self.path, "rb")

    def on_disk(self, scratch: Path) -> Path:
        """A path DuckDB can read: the file itself, or the upload written to `scratch`."""
        if self.path is not None:
            return Path(self.path)
        target = scratch / "upload.bin"
        target.write_bytes(self.data)
        return target


@dataclass
class RawTable:
    """A register file read as text, before any value is checked.

    `shifts` maps a record's index (0-based, in file order, as staged) to its line in the
    file: from record `index` on, line = index + shift, until the next shift."""

    file: str
    columns: list[str]  # the header's names (NFC, trimmed, lower case), in file order
    header_line: int
    shifts: list[tuple[int, int]]
    blank: list[int] = field(default_factory=list)  # indices of records whose cells are all empty
    notes: list[Msg] = field(default_factory=list)
    csv_path: Path | None = None
    delimiter: str = ","
    records: int = 0  # records after the header, empty lines aside: the rows DuckDB should give
    frame: pd.DataFrame | None = None  # XLSX: the rows as text
    source: RegisterFile | None = None  # CSV: the file, its scratch folder, the text encoding
    scratch: Path | None = None
    encoding: str = "utf-8"
    skip: int = 0  # lines before the header DuckDB skips (Excel's sep= line)


def header_name(value) -> str:
    return unicodedata.normalize("NFC", str(value or "")).strip().lstrip("\ufeff").strip().lower()


def refuse(file: str, line: int, column: str, key: str, **values) -> RegisterRejected:
    return RegisterRejected([Problem(file, line, column, Msg(key, **values))])


def read(file: RegisterFile, scratch: Path) -> RawTable:
    """The file as text columns, or RegisterRejected naming what stops it being read."""
    with file.open() as stream:
        head = stream.read(8)
    if head.startswith(b"PK"):
        return read_xlsx(file)
    if head.startswith(b"\xd0\xcf\x11\xe0"):  # OLE: an old .xls, or an encrypted workbook
        raise refuse(file.name, 0, "", "reg_xls_old")
    return read_csv(file, scratch)


# ---- CSV ---------------------------------------------------------------------------------

def read_csv(file: RegisterFile, scratch: Path, verified: bool = False) -> RawTable:
    """The encoding, delimiter and header of a CSV file; `load` then stages its rows. The
    encoding is told from the first bytes and proved by DuckDB or `scan`; when a byte does not
    decode, the whole file is examined (`verified`), which names the line or settles on
    Windows-1258."""
    encoding = detect_encoding(file) if verified else guess_encoding(file)
    path = file.on_disk(scratch)
    if encoding not in ("utf-8", "utf-8-sig"):
        try:
            path = transcode(path, encoding, scratch / "utf8.csv")
        except UnicodeDecodeError:
            detect_encoding(file)  # names the line of the byte that does not decode
            raise
    text_encoding = "utf-8-sig" if encoding == "utf-8-sig" else "utf-8"
    notes = [Msg("reg_read_encoding", encoding=ENCODINGS[encoding])]
    with open(path, encoding=text_encoding, newline="", errors="replace") as text:
        first = text.readline()
        sep = SEP_LINE.match(first)
        head = [text.readline() for _ in range(HEADER_SEARCH)]
    if not sep:
        head = [first, *head[:-1]]
    if not first:
        raise refuse(file.name, 1, "", "reg_empty_file")
    if sep:
        delimiter = sep.group(1)
        notes.append(Msg("reg_read_sep_line", delimiter=Msg(DELIMITERS.get(delimiter, "reg_delimiter_other"),
                                                            char=delimiter)))
    else:
        delimiter = sniff_delimiter(head)
        notes.append(Msg("reg_read_delimiter", delimiter=Msg(DELIMITERS[delimiter])))
    skip = 1 if sep else 0
    header, header_line, titles = read_header(file.name, path, text_encoding, delimiter, skip)
    if titles:
        notes.append(Msg("reg_read_title_rows", line=header_line, n=titles))
    return RawTable(file.name, [header_name(n) for n in header], header_line, [], notes=notes, csv_path=path,
                    delimiter=delimiter, source=file, scratch=scratch, encoding=text_encoding, skip=skip)


def guess_encoding(file: RegisterFile) -> str:
    """The encoding the first bytes show: a BOM, NUL bytes in every other place (UTF-16 without
    BOM), else UTF-8 if they decode, else Windows-1258."""
    with file.open() as stream:
        head = stream.read(65536)
    encoding = encoding_by_bom(head)
    if encoding != "utf-8":
        return encoding
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3:  # not merely a character cut at the end of the sample
            return detect_encoding(file)
    return "utf-8"


def encoding_by_bom(head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if len(head) >= 4 and head[1::2].count(0) > len(head) // 4 and head[0::2].count(0) == 0:
        return "utf-16-le"
    if len(head) >= 4 and head[0::2].count(0) > len(head) // 4 and head[1::2].count(0) == 0:
        return "utf-16-be"
    return "utf-8"


def detect_encoding(file: RegisterFile) -> str:
    """UTF-8 (BOM or not), UTF-16 (BOM, or NUL bytes in every other place) or Windows-1258,
    proved over the whole file. A UTF-8 file with a bad byte (valid non-ASCII text before it)
    is named by that byte's line, as is a file that is none of them."""
    with file.open() as stream:
        encoding = encoding_by_bom(stream.read(4096))
    bad, non_ascii_before = first_undecodable(file, encoding)
    if bad is None:
        return encoding
    if encoding == "utf-8" and not non_ascii_before and first_undecodable(file, "cp1258")[0] is None:
        return "cp1258"
    line = line_of(file, bad, encoding)
    if encoding == "utf-8" and non_ascii_before:
        raise refuse(file.name, line, "", "reg_bad_byte", encoding="UTF-8")
    if encoding != "utf-8":
        raise refuse(file.name, line, "", "reg_bad_byte", encoding=ENCODINGS[encoding])
    raise refuse(file.name, line, "", "reg_unknown_encoding")


def first_undecodable(file: RegisterFile, encoding: str) -> tuple[int | None, bool]:
    """The offset of the first byte `encoding` cannot decode (None: all decode), and whether
    non-ASCII bytes came before it."""
    decoder = codecs.getincrementaldecoder(encoding)()
    consumed, non_ascii = 0, False
    with file.open() as stream:
        while True:
            chunk = stream.read(CHUNK)
            pending = len(decoder.getstate()[0])
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as exc:
                offset = consumed - pending + exc.start
                prefix = chunk[:max(0, exc.start - pending)]
                return offset, non_ascii or not prefix.isascii()
            non_ascii = non_ascii or not chunk.isascii()
            consumed += len(chunk)
            if not chunk:
                return None, non_ascii


def line_of(file: RegisterFile, offset: int, encoding: str) -> int:
    """The line (1-based) holding byte `offset`."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    lines, left = 1, offset
    with file.open() as stream:
        while left > 0:
            chunk = stream.read(min(CHUNK, left))
            if not chunk:
                break
            lines += decoder.decode(chunk).count("\n")
            left -= len(chunk)
    return lines


def transcode(source: Path, encoding: str, target: Path) -> Path:
    """Rewrite as UTF-8, in chunks (Excel's UTF-16 "Unicode Text", offices' Windows-1258)."""
    with open(source, encoding=encoding, newline="") as text, open(target, "w", encoding="utf-8",
                                                                     newline="") as out:
        shutil.copyfileobj(text, out, CHUNK)
    return target


def sniff_delimiter(head: list[str]) -> str:
    """The delimiter that splits a line of the file's first ones (the header, maybe below title
    rows) into the most template column names (then the most columns): a Vietnamese Excel
    saves with semicolons, Excel's Unicode Text with tabs."""
    def score(delimiter: str) -> tuple[int, int]:
        def line_score(line: str) -> tuple[int, int]:
            try:
                names = next(csv.reader([line], delimiter=delimiter), [])
            except csv.Error:  # a cell beyond the limit, a stray quote: not the header; `load` names it
                return 0, 0
            return sum(header_name(n) in TEMPLATE_COLUMNS for n in names), len(names)

        return max(line_score(line) for line in head)

    return max(DELIMITERS, key=score)


def read_header(file: str, path: Path, encoding: str, delimiter: str, skip: int) -> tuple[list[str], int, int]:
    """The header: among the first records that are not empty lines, the first that names a
    register (title rows may stand above it), else the first. Its line, and how many records
    above it were titles."""
    with open(path, encoding=encoding, newline="", errors="replace") as text:
        for _ in range(skip):
            text.readline()
        reader = csv.reader(text, delimiter=delimiter, strict=True)
        records: list[tuple[list[str], int]] = []
        try:
            for record in reader:
                if record and any(cell.strip() for cell in record):
                    records.append((record, skip + reader.line_num))
                    if detect_kind(header_name(n) for n in record) or len(records) == HEADER_SEARCH:
                        break
        except csv.Error as exc:
            if not records:
                raise refuse(file, skip + reader.line_num, "", csv_reason(exc)) from None
    if not records:
        raise refuse(file, skip + 1, "", "reg_empty_file")
    found = next((i for i, (record, _) in enumerate(records)
                  if detect_kind(header_name(n) for n in record)), 0)
    header, line = records[found]
    return header, line, found


def scan(raw: RawTable) -> None:
    """Walk the CSV with Python's csv module, after the header: every ragged row and what stops
    the parse, each with its line (RegisterRejected); the line of every record (blank lines and
    fields that span lines move the later ones) and the records of empty cells. Raises
    UnicodeDecodeError if a byte does not decode (read_csv with `verified` then names it)."""
    problems: list[Problem] = []
    width = len(raw.columns)
    with open(raw.csv_path, encoding=raw.encoding, newline="") as text:
        reader, _, end = after_header(text, raw)
        shifts, shift, index, blank = [], None, 0, []
        try:
            for row in reader:
                start, end = end + 1, raw.skip + reader.line_num
                if not row:  # an empty line: DuckDB skips it too
                    continue
                if any(len(cell) > CELL_LIMIT for cell in row):
                    problems.append(Problem(raw.file, start, "", Msg("reg_line_too_long")))
                    break
                if not row[0].strip() and not "".join(row).strip():
                    blank.append(index)  # cells all empty: left out
                if len(row) != width and not (len(row) == 1 and not row[0].strip()):  # spaces: blank
                    if len(problems) < PROBLEM_LIMIT:
                        problems.append(Problem(raw.file, start, "", Msg("reg_ragged_row", found=len(row),
                                                                         expected=width)))
                if start - index != shift:
                    shift = start - index
                    shifts.append((index, shift))
                index += 1
        except csv.Error as exc:
            reason = csv_reason(exc)
            line = end + 1 if reason == "reg_quote_unclosed" else raw.skip + reader.line_num
            problems.append(Problem(raw.file, line, "", Msg(reason)))
    if problems:
        raise RegisterRejected(problems)
    raw.shifts, raw.blank, raw.records = shifts or [(0, raw.header_line + 1)], blank, index


def normalised(raw: RawTable) -> Path:
    """The records as the scan read them, rewritten plainly (one line each, lines of spaces as
    empty cells): for the rare file DuckDB reads otherwise (mixed line endings, lines of spaces),
    so its rows stay the scan's records, one for one."""
    target = raw.scratch / "normalised.csv"
    width = len(raw.columns)
    with open(raw.csv_path, encoding=raw.encoding, newline="") as text, \
            open(target, "w", encoding="utf-8", newline="") as out:
        reader, header, _ = after_header(text, raw)
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        for row in reader:
            if row:
                writer.writerow(row if len(row) == width else [""] * width)
    return target


def after_header(text, raw: RawTable):
    """A csv reader over `text` past the header; the header, and the line it ends on."""
    for _ in range(raw.skip):
        text.readline()
    reader = csv.reader(text, delimiter=raw.delimiter, strict=True)
    header, end = [], raw.skip
    while end < raw.header_line:
        header, end = next(reader), raw.skip + reader.line_num
    return reader, header, end


def csv_reason(exc: csv.Error) -> str:
    text = str(exc)
    return next((key for fragment, key in CSV_ERRORS if fragment in text), "reg_csv_unreadable")


# ---- XLSX --------------------------------------------------------------------------------

def read_xlsx(file: RegisterFile) -> RawTable:
    """The register's sheet as text: named like the template's, else the only visible one."""
    import openpyxl

    stream = file.open()
    try:
        book = openpyxl.load_workbook(stream, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        stream.close()
        raise refuse(file.name, 0, "", "reg_xlsx_unreadable") from None
    try:
        sheet, notes = choose_sheet(file.name, book)
        rows, formulas, problems = sheet_rows(file.name, sheet)
        merged = merged_ranges(file, sheet)
    finally:
        book.close()
        stream.close()
    if formulas:
        problems += fill_formulas(file, sheet.title, rows, formulas)
    filled = [i for i, row in enumerate(rows) if any(row)][:HEADER_SEARCH]
    if not filled:
        raise refuse(file.name, 1, "", "reg_empty_file")
    # The header: the first row that names a register (title rows may stand above it), else the first.
    header_index = next((i for i in filled if detect_kind(header_name(h) for h in rows[i])), filled[0])
    if filled.index(header_index):
        notes.append(Msg("reg_read_title_rows", line=header_index + 1, n=filled.index(header_index)))
    header = list(rows[header_index])
    while header and not header[-1]:
        header.pop()
    names = [header_name(h) for h in header]
    width = len(names)
    if detect_kind(names) is None:  # no register's header: that is what to say (checks.py), not every cell
        return RawTable(file.name, names, header_index + 1, [(0, header_index + 2)], notes=notes)
    for ref, first_row, first_col in merged:
        if first_row < header_index:  # a title's merged cells
            continue
        column = names[first_col] if first_col < width else column_letter(first_col)
        problems.append(Problem(file.name, first_row + 1, column, Msg("reg_merged_cells", cells=ref)))
    body, lines = [], []
    for index in range(header_index + 1, len(rows)):
        row = rows[index]
        if not any(row):
            continue
        for col in range(width, len(row)):
            if row[col]:
                problems.append(Problem(file.name, index + 1, column_letter(col),
                                        Msg("reg_cell_outside_header", cell=f"{column_letter(col)}{index + 1}")))
        body.append((list(row) + [""] * width)[:width])
        lines.append(index + 1)
    if problems:
        raise RegisterRejected(problems)
    frame = pd.DataFrame(body, columns=staging_names(names), dtype=object)
    shifts, shift = [], None
    for index, line in enumerate(lines):
        if line - index != shift:
            shift = line - index
            shifts.append((index, shift))
    return RawTable(file.name, names, header_index + 1, shifts or [(0, header_index + 2)],
                    notes=notes, frame=frame)


def choose_sheet(file: str, book) -> tuple[object, list[Msg]]:
    """The template's sheet name wins (hidden or not, said either way); otherwise the only
    visible sheet that is not the notes sheet. Hidden sheets are never read silently."""
    sheets = {ws.title: ws for ws in book.worksheets}
    hidden = [title for title, ws in sheets.items() if ws.sheet_state != "visible"]
    named = next((ws for title, ws in sheets.items() if title.strip().lower() == TEMPLATE_SHEET), None)
    if named is not None:
        notes = [Msg("reg_read_sheet", sheet=named.title)]
        if named.title in hidden:
            notes.append(Msg("reg_read_hidden_sheet", sheet=named.title))
        return named, notes
    visible = [title for title, ws in sheets.items()
               if title not in hidden and title.strip().lower() != NOTES_SHEET]
    if len(visible) > 1:
        raise refuse(file, 0, "", "reg_several_sheets", sheets=", ".join(visible), template=TEMPLATE_SHEET)
    if not visible:
        raise refuse(file, 0, "", "reg_only_hidden_sheets", sheets=", ".join(hidden) or "-")
    notes = [Msg("reg_read_sheet", sheet=visible[0])]
    if hidden:
        notes.append(Msg("reg_skipped_hidden_sheets", sheets=", ".join(hidden)))
    return sheets[visible[0]], notes


def sheet_rows(file: str, sheet) -> tuple[list[list[str]], dict[tuple[int, int], str], list[Problem]]:
    """Every row as text; formula cells (to fill from their saved values) and error cells."""
    rows, formulas, problems = [], {}, []
    sheet.reset_dimensions()
    for r, row in enumerate(sheet.iter_rows(min_row=1, min_col=1)):
        values = []
        for c, cell in enumerate(row):
            kind = getattr(cell, "data_type", "n")
            if kind == "f":
                formulas[(r, c)] = str(cell.value)
                values.append("")
            elif kind == "e":
                problems.append(Problem(file, r + 1, column_letter(c),
                                        Msg("reg_xlsx_error_cell", cell=f"{column_letter(c)}{r + 1}",
                                            value=str(cell.value))))
                values.append("")
            else:
                values.append(cell_text(cell.value))
        rows.append(values)
    while rows and not any(rows[-1]):
        rows.pop()
    return rows, formulas, problems


def fill_formulas(file: RegisterFile, title: str, rows: list[list[str]],
                  formulas: dict[tuple[int, int], str]) -> list[Problem]:
    """Formula cells take the value Excel saved with them; one saved without (written by a
    program, never opened in Excel) is a problem naming the cell."""
    import openpyxl

    stream = file.open()
    book = openpyxl.load_workbook(stream, read_only=True, data_only=True)
    problems = []
    try:
        wanted = {r for r, _ in formulas}
        sheet = book[title]
        sheet.reset_dimensions()
        for r, row in enumerate(sheet.iter_rows(min_row=1, min_col=1)):
            if r not in wanted:
                continue
            for c, cell in enumerate(row):
                if (r, c) in formulas and r < len(rows):
                    if cell.value is None:
                        problems.append(Problem(file.name, r + 1, column_letter(c),
                                                Msg("reg_formula_no_value", cell=f"{column_letter(c)}{r + 1}",
                                                    formula=formulas[(r, c)])))
                    else:
                        rows[r][c] = cell_text(cell.value)
    finally:
        book.close()
        stream.close()
    return problems


MERGE_CELL = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')


def merged_ranges(file: RegisterFile, sheet) -> list[tuple[str, int, int]]:
    """Merged ranges of the sheet (ref, first row index, first column index), read from the
    sheet's XML: openpyxl's streaming reader does not report them."""
    path = getattr(sheet, "_worksheet_path", None)
    if not path:
        return []
    found, tail = [], b""
    with file.open() as stream, zipfile.ZipFile(stream) as archive, archive.open(path.lstrip("/")) as xml:
        while chunk := xml.read(CHUNK):
            block = tail + chunk
            for m in MERGE_CELL.finditer(block):
                ref = m.group(0).split(b'"')[1].decode()
                found.append((ref, int(m.group(2)) - 1, column_index(m.group(1).decode())))
            tail = block[-200:]
    return list(dict.fromkeys(found))


# OOXML writes a character XML cannot hold (a NUL, a control) as _xHHHH_, and a literal "_x"
# as _x005F_x; openpyxl leaves both as written.
OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def cell_text(value) -> str:
    """An XLSX cell as the text a CSV would hold: dates as YYYY-MM-DD, whole numbers without
    a decimal point, text NFC with the sheet's escapes read (a NUL is then a NUL, refused by
    the checks, never the text "_x0000_")."""
    if isinstance(value, str) and "_x" in value:
        value = unescape_ooxml(value)
    if value is None:
        return ""
    if hasattr(value, "date") and hasattr(value, "hour"):  # datetime: Excel has no date type
        return value.date().isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return unicodedata.normalize("NFC", str(value))


def unescape_ooxml(text: str) -> str:
    """The characters a cell's _xHHHH_ escapes stand for (pairs of them for characters beyond
    U+FFFF); text whose escapes make no valid characters stays as written."""
    unescaped = OOXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    try:
        return unescaped.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
    except UnicodeDecodeError:
        return text


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letters: str) -> int:
    index = 0
    for char in letters:
        index = index * 26 + ord(char) - 64
    return index - 1


# ---- Staging -----------------------------------------------------------------------------

def staging_names(names: list[str]) -> list[str]:
    """Column names for the staging table: a column without a name gets one from its place
    (its cells must be empty, see checks.py); repeated names are refused before staging."""
    return [name or unnamed(i) for i, name in enumerate(names)]


def unnamed(index: int) -> str:
    return f"_unnamed_{index + 1}"


def load(con: duckdb.DuckDBPyConnection, raw: RawTable, table: str) -> RawTable:
    """Stage the file as `table` and its lines as `<table>_lined`. DuckDB parses a CSV (strict)
    while its lines are counted; when it read the whole file and the file has one line per row
    (no blank line, no field spanning lines), a row's line is its index plus the header's, and
    that is all. Otherwise Python's csv module walks the file (`scan`): the problems of its
    structure with their lines (RegisterRejected), or the line of every record; and DuckDB reads
    a plain copy if it could not read the file itself."""
    if raw.frame is not None:
        stage_rows(con, raw, table)
        stage_lines(con, raw, table)
        return raw
    counted = {}
    counter = threading.Thread(target=lambda: counted.update(lines=count_lines(raw.csv_path)))
    counter.start()
    try:
        stage_rows(con, raw, table)
        rows = con.execute(f"select count(*) from {table}").fetchall()[0][0]
    except duckdb.Error:
        rows = None
    finally:
        counter.join()
    if rows is not None and counted["lines"] == raw.header_line + rows:
        raw.shifts, raw.records = [(0, raw.header_line + 1)], rows
        raw.blank = blank_rows(con, raw, table)
    else:
        try:
            scan(raw)
        except UnicodeDecodeError:  # not the encoding the first bytes showed
            raw = read_csv(raw.source, raw.scratch, verified=True)
            scan(raw)
            rows = None
        if rows != raw.records:
            con.execute(f"drop table if exists {table}")
            plain = RawTable(raw.file, raw.columns, 1, raw.shifts, csv_path=normalised(raw), delimiter=",")
            try:
                stage_rows(con, plain, table)
            except duckdb.Error as exc:
                raise refuse(raw.file, 0, "", "reg_csv_unreadable") from exc
    stage_lines(con, raw, table)
    return raw


def count_lines(path: Path) -> int:
    """Lines in the file, a last line without its newline included."""
    lines, last = 0, b"\n"
    with open(path, "rb") as stream:
        while chunk := stream.read(CHUNK):
            lines, last = lines + chunk.count(b"\n"), chunk[-1:]
    return lines + (last != b"\n")


def blank_rows(con: duckdb.DuckDBPyConnection, raw: RawTable, table: str) -> list[int]:
    """The rows whose cells are all empty (or spaces), by index."""
    cells = ", ".join(f'reg_text("{name}")' for name in staging_names(raw.columns))
    return [row for (row,) in con.execute(model.fill(model.sections("register_import")["blank_rows"],
                                                     table=table, cells=cells)).fetchall()]


def stage_rows(con: duckdb.DuckDBPyConnection, raw: RawTable, table: str) -> None:
    """The rows as `table`, text in file order: a row's rowid is its record's index."""
    sql = model.sections("register_import")
    names = staging_names(raw.columns)
    if raw.frame is not None:
        con.register("staged_frame", raw.frame)
        try:
            con.execute(model.fill(sql["stage_frame"], table=table))
        finally:
            con.unregister("staged_frame")
    else:
        con.execute(model.fill(sql["stage_csv"], table=table),
                    {"path": str(raw.csv_path), "columns": {name: "varchar" for name in names},
                     "delimiter": raw.delimiter, "skip": raw.header_line - 1})


def stage_lines(con: duckdb.DuckDBPyConnection, raw: RawTable, table: str) -> None:
    """`<table>_lined`: the staged rows that are not blank, as checked text (trimmed, NFC), with
    their lines in the file."""
    sql = model.sections("register_import")
    model.execute(con, model.fill(sql["stage_lines"], table=table), {
        "firsts": [f for f, _ in raw.shifts], "shifts": [s for _, s in raw.shifts], "blank": raw.blank})
    cleaned = ", ".join(f'reg_text(r."{name}") as "{name}"' for name in staging_names(raw.columns))
    model.execute(con, model.fill(sql["lined" if len(raw.shifts) == 1 else "lined_shifted"], table=table,
                                  cleaned=cleaned))
