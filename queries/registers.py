"""Users' registers: the three record-level models, reading CSV/XLSX, and checking them.

A register is a file of records (rotation events, office holders, commune poverty) that the
store aggregates into the same figures the pages show. Everything here is vectorised pandas,
so checking a million rows takes seconds, and every problem in a file is reported at once
(file, row, column, reason, in Vietnamese and English) before anything is written.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from .errors import DashboardError


@dataclass(frozen=True)
class Field:
    """One column of a register: its type, whether it is required, an example and notes."""

    name: str
    kind: str  # text | date | count | year | bool | level | position
    required: bool
    example: str
    note_vi: str
    note_en: str


@dataclass(frozen=True)
class RegisterKind:
    """One record-level model. `key` identifies a record: two rows with the same key are
    duplicates, in the file or against the store."""

    name: str  # its label is register_kind_<name> in the catalogue
    fields: tuple[Field, ...]
    key: tuple[str, ...]
    derived: tuple[str, ...] = ()  # columns the checks add (never typed by hand)

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]


DISTRICT = Field("district", "text", True, "Bắc Hà",
                 "Tên huyện, viết như trong danh sách huyện của bảng điều khiển",
                 "District name, spelled as in the dashboard's list of districts")
COMMUNE = Field("commune", "text", True, "Lùng Phình",
                "Tên xã, thị trấn thuộc huyện đó", "Commune or town of that district")

KINDS: dict[str, RegisterKind] = {k.name: k for k in (
    RegisterKind(
        "rotation_events",
        (
            Field("person_code", "text", True, "CB-0001",
                  "Mã cán bộ (không ghi họ tên)", "Person code (never a name)"),
            DISTRICT,
            Field("from_unit", "text", True, "Ban Tuyên giáo Huyện ủy",
                  "Đơn vị đi: cơ quan cấp huyện, hoặc tên xã nếu cấp xã",
                  "Unit moved from: a district body, or the commune name at commune level"),
            Field("from_level", "level", True, "district",
                  "Cấp đơn vị đi: district (huyện) hoặc commune (xã)",
                  "Level moved from: district or commune"),
            Field("to_unit", "text", True, "Lùng Phình",
                  "Đơn vị đến: cơ quan cấp huyện, hoặc tên xã nếu cấp xã",
                  "Unit moved to: a district body, or the commune name at commune level"),
            Field("to_level", "level", True, "commune",
                  "Cấp đơn vị đến: district (huyện) hoặc commune (xã)",
                  "Level moved to: district or commune"),
            Field("position", "text", True, "Bí thư Đảng ủy xã",
                  "Chức vụ ở đơn vị đến", "Position taken at the new unit"),
            Field("start_date", "date", True, "2021-03-15",
                  "Ngày bắt đầu (YYYY-MM-DD hoặc DD/MM/YYYY); xác định nhiệm kỳ",
                  "Start date (YYYY-MM-DD or DD/MM/YYYY); sets the term"),
            Field("end_date", "date", False, "2023-06-30",
                  "Ngày kết thúc (để trống nếu đang giữ chức)",
                  "End date (blank while still in the post)"),
        ),
        ("person_code", "start_date"),
        ("kind", "term"),
    ),
    RegisterKind(
        "office_holders",
        (
            DISTRICT,
            COMMUNE,
            Field("position", "position", True, "party_secretary",
                  "party_secretary (Bí thư Đảng ủy) hoặc commune_chair (Chủ tịch UBND)",
                  "party_secretary or commune_chair"),
            Field("person_code", "text", True, "CB-0001",
                  "Mã cán bộ (không ghi họ tên)", "Person code (never a name)"),
            Field("is_local", "bool", True, "false",
                  "Là người địa phương? true/false (hoặc có/không)",
                  "Local to the commune? true/false (or có/không)"),
            Field("as_of", "date", True, "2023-07-01",
                  "Ngày số liệu (YYYY-MM-DD hoặc DD/MM/YYYY)", "Date of the record (YYYY-MM-DD or DD/MM/YYYY)"),
        ),
        ("district", "commune", "position", "as_of"),
        ("term",),
    ),
    RegisterKind(
        "commune_poverty",
        (
            DISTRICT,
            COMMUNE,
            Field("year", "year", True, "2023", "Năm rà soát", "Year of the review"),
            Field("households", "count", True, "1250", "Tổng số hộ", "Households"),
            Field("poor_households", "count", True, "420", "Số hộ nghèo", "Poor households"),
            Field("near_poor_households", "count", True, "230", "Số hộ cận nghèo", "Near-poor households"),
        ),
        ("district", "commune", "year"),
    ),
)}

LEVELS = {"district": "district", "huyện": "district", "huyen": "district",
          "commune": "commune", "xã": "commune", "xa": "commune", "thị trấn": "commune"}
POSITIONS = {"party_secretary": "party_secretary", "bí thư": "party_secretary",
             "commune_chair": "commune_chair", "chủ tịch": "commune_chair"}
BOOLS = {"true": True, "1": True, "yes": True, "có": True, "x": True,
         "false": False, "0": False, "no": False, "không": False}
ROTATION_KINDS = {("district", "district"): "cross_sector", ("district", "commune"): "district_to_commune",
                  ("commune", "district"): "commune_to_district", ("commune", "commune"): "commune_to_commune"}

@dataclass(frozen=True)
class Problem:
    """One thing wrong in a register file, where it is and why, in both languages."""

    file: str
    row: int
    column: str
    vi: str
    en: str

    def message(self, lang: str = "vi") -> str:
        return self.en if lang == "en" else self.vi


class RegisterRejected(DashboardError):
    """A register file broke rules; `problems` lists every one. Nothing was written."""

    def __init__(self, file: str, problems: list[Problem]):
        super().__init__("register_rejected", file=file, count=len(problems))
        self.file = file
        self.problems = problems

    def table(self, lang: str = "vi") -> pd.DataFrame:
        """The problems as a table with headers in the user's language."""
        headers = (("Tệp", "Dòng", "Cột", "Lý do") if lang != "en" else ("File", "Row", "Column", "Reason"))
        return pd.DataFrame([(p.file, p.row, p.column, p.message(lang)) for p in self.problems],
                            columns=list(headers))


@dataclass
class Reference:
    """What a register is checked against: known districts (with their province), communes
    per district, the districts whose commune list is complete, and the party terms."""

    provinces: dict[str, str]
    communes: dict[str, set[str]]
    complete: set[str]
    terms: pd.DataFrame  # term, starts_on, ends_on


@dataclass
class CheckedRegister:
    """A register that passed the file checks: typed records ready for the store."""

    file: str
    kind: RegisterKind
    records: pd.DataFrame  # typed columns + derived ones + `row` (line in the file)
    checksum: str
    new_areas: pd.DataFrame = field(default_factory=pd.DataFrame)  # communes new to the dashboard


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _arrow_csv(data: bytes) -> pa.Table:
    """Every column as text, empty cells as '' (Arrow's reader: multithreaded, no Python strings)."""
    header = next(csv.reader([data.split(b"\n", 1)[0].decode("utf-8").rstrip("\r")]), [])
    return pacsv.read_csv(io.BytesIO(data), convert_options=pacsv.ConvertOptions(
        column_types={name: pa.string() for name in header}, null_values=[], strings_can_be_null=False,
        quoted_strings_can_be_null=False))


def read_csv_text(file: str, data: bytes) -> pd.DataFrame:
    """UTF-8 (with or without BOM), else Windows-1258; text normalised to NFC, since cp1258
    spells Vietnamese with combining tone marks that would never equal the composed names."""
    data = _keep_blank_lines(data.removeprefix(b"\xef\xbb\xbf"))
    try:
        try:
            table = _arrow_csv(data)
        except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
            if "UTF8" not in str(exc) and not isinstance(exc, UnicodeDecodeError):
                raise
            table = _arrow_csv(data.decode("cp1258").encode("utf-8"))
    except (pa.ArrowInvalid, UnicodeDecodeError, StopIteration) as exc:
        raise RegisterRejected(file, [Problem(file, 0, "", f"Không đọc được tệp CSV: {exc}",
                                              f"Cannot read the CSV file: {exc}")]) from exc
    return pa.table([_clean(column) for column in table.columns], names=table.column_names).to_pandas()


def _keep_blank_lines(data: bytes) -> bytes:
    """Arrow skips blank lines, which would shift every later row number; a row of empty cells
    in their place keeps the numbers equal to the file's lines (and is dropped as blank later)."""
    if b"\n\n" not in data and b"\n\r\n" not in data:
        return data
    width = data.split(b"\n", 1)[0].count(b",")
    return re.sub(rb"(?m)^[ \t]*(\r?)$", b"," * width + rb"\1", data.rstrip(b"\r\n")) + b"\n"


def _clean(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """Trimmed and NFC. Normalising is slow per string, so it runs once per distinct value
    (names repeat: a million events name a few hundred units), and not at all for ASCII."""
    column = pc.utf8_trim_whitespace(column)
    if pc.all(pc.string_is_ascii(column)).as_py() is not False:
        return column
    encoded = pc.dictionary_encode(column).combine_chunks()
    return pc.take(pc.utf8_normalize(encoded.dictionary, "NFC"), encoded.indices)


def _xlsx_cell(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "date") and hasattr(value, "hour"):  # datetime: Excel has no date type
        return value.date().isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _nfc(str(value))


def read_table(file: str, data: bytes) -> pd.DataFrame:
    """A CSV or XLSX file as text columns (stripped, NFC) plus `row`, its line in the file.
    XLSX: the first sheet (templates keep their notes on the second)."""
    if data[:2] == b"PK":
        try:
            import openpyxl

            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
            raise RegisterRejected(file, [Problem(file, 0, "", f"Không đọc được tệp Excel: {exc}",
                                                  f"Cannot read the Excel file: {exc}")]) from exc
        rows = [[_xlsx_cell(v) for v in row] for row in book.worksheets[0].iter_rows(values_only=True)]
        book.close()
        if not rows:
            raise RegisterRejected(file, [Problem(file, 1, "", "Tệp trống", "The file is empty")])
        header, body = rows[0], rows[1:]
        width = len(header)
        frame = pd.DataFrame([(r + [""] * width)[:width] for r in body], columns=header, dtype=str)
        frame = frame.apply(lambda col: col.str.strip())
    else:
        frame = read_csv_text(file, data)
    frame.columns = [_nfc(str(c or "")).strip().lower() for c in frame.columns]
    frame["row"] = np.arange(2, len(frame) + 2)
    blank = (frame.drop(columns="row") == "").all(axis=1)
    return frame[~blank].reset_index(drop=True)


def detect_kind(columns) -> RegisterKind | None:
    """The register whose template has exactly these columns (order and extras aside)."""
    names = set(columns) - {"row"}
    scored = sorted(KINDS.values(), key=lambda k: len(names & set(k.columns)), reverse=True)
    best = scored[0]
    return best if len(names & set(best.columns)) >= len(best.columns) // 2 + 1 else None


class _Problems:
    """Collects problems; `flag` turns a boolean mask into one problem per flagged row."""

    def __init__(self, file: str, rows: pd.Series):
        self.file, self.rows, self.items = file, rows, []

    def flag(self, mask: pd.Series, column: str, vi: str, en: str) -> None:
        for row in self.rows[mask.fillna(False).to_numpy(bool)]:
            self.items.append(Problem(self.file, int(row), column, vi, en))

    def flag_each(self, mask: pd.Series, column: str, values: pd.Series, vi: str, en: str) -> None:
        """Like flag, with a per-row value put into the message with {}."""
        mask = mask.fillna(False).to_numpy(bool)
        for row, value in zip(self.rows[mask], values[mask]):
            self.items.append(Problem(self.file, int(row), column, vi.format(value), en.format(value)))


def _parse_dates(text: pd.Series) -> pd.Series:
    dates = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    other = dates.isna() & (text != "")
    if other.any():
        dates[other] = pd.to_datetime(text[other], format="%d/%m/%Y", errors="coerce")
    return dates


def _term_of(dates: pd.Series, terms: pd.DataFrame) -> pd.Series:
    """The party term each date falls in (None outside every term)."""
    out = pd.Series(None, index=dates.index, dtype=object)
    for t in terms.itertuples():
        out[(dates >= pd.Timestamp(t.starts_on)) & (dates <= pd.Timestamp(t.ends_on))] = t.term
    return out


def _typed(frame: pd.DataFrame, kind: RegisterKind, problems: _Problems) -> pd.DataFrame:
    """Each column parsed to its type; a bad value is a problem and becomes missing."""
    out = pd.DataFrame({"row": frame["row"]})
    for f in kind.fields:
        text = frame[f.name] if f.name in frame else pd.Series("", index=frame.index)
        empty = text == ""
        if f.required:
            problems.flag(empty, f.name, "Thiếu giá trị", "Missing value")
        if f.kind == "text":
            out[f.name] = text.mask(empty)
            continue
        if f.kind == "date":
            value = _parse_dates(text)
            problems.flag_each(~empty & value.isna(), f.name, text,
                               "'{}' không phải ngày (YYYY-MM-DD hoặc DD/MM/YYYY)",
                               "'{}' is not a date (YYYY-MM-DD or DD/MM/YYYY)")
        elif f.kind in ("count", "year"):
            number = pd.to_numeric(text, errors="coerce")
            whole = number.notna() & (number == number.round())
            problems.flag_each(~empty & ~whole, f.name, text, "'{}' không phải số nguyên",
                               "'{}' is not a whole number")
            value = number.where(whole).astype("Int64")
            if f.kind == "count":
                problems.flag_each(value < 0, f.name, value, "Số âm ({}) không hợp lệ",
                                   "Negative count ({}) is not allowed")
        else:
            table = {"bool": BOOLS, "level": LEVELS, "position": POSITIONS}[f.kind]
            value = text.str.lower().map(table)
            allowed = ", ".join(dict.fromkeys(str(v).lower() for v in table.values()))
            problems.flag_each(~empty & value.isna(), f.name, text,
                               f"'{{}}' không hợp lệ; dùng: {allowed}", f"'{{}}' is not allowed; use: {allowed}")
        out[f.name] = value
    return out


def _check_areas(records: pd.DataFrame, communes: pd.Series, column: str, ref: Reference,
                 problems: _Problems) -> pd.DataFrame:
    """Communes must belong to their district when its list is complete; otherwise a new
    commune of a known district becomes a register area. Returns the new communes."""
    named = communes.notna() & records["district"].isin(list(ref.provinces))
    known_pairs = [f"{d}\x1f{c}" for d, names in ref.communes.items() for c in names]
    known = (records["district"].fillna("") + "\x1f" + communes.fillna("")).isin(known_pairs)
    in_complete = records["district"].isin(list(ref.complete))
    problems.flag_each(named & ~known & in_complete, column, communes,
                       "Xã '{}' không thuộc huyện này", "Commune '{}' is not in this district")
    new = pd.DataFrame({"area": communes, "district": records["district"]})[named & ~known & ~in_complete]
    return new.assign(area_level="commune", province=new["district"].map(ref.provinces))


def _flag_duplicates(records: pd.DataFrame, kind: RegisterKind, problems: _Problems) -> pd.Series:
    """Rows repeating an earlier row's key; returns the mask."""
    key = list(kind.key)
    dup = records.duplicated(key, keep="first") & records[key].notna().all(axis=1)
    first = records.drop_duplicates(key).set_index(key)["row"]
    firsts = records.loc[dup, key].merge(first.reset_index(), on=key, how="left")["row"]
    mask_rows = pd.Series(pd.NA, index=records.index, dtype="Int64")
    mask_rows[dup] = firsts.to_numpy()
    problems.flag_each(dup, ",".join(key), mask_rows, "Trùng với dòng {}", "Duplicate of row {}")
    return dup


def _check_rotations(records: pd.DataFrame, raw: pd.DataFrame, ref: Reference, problems: _Problems):
    """Derive kind and term; check dates and both ends' communes. Returns the new communes."""
    records["kind"] = (records.from_level + ">" + records.to_level).map(
        {f"{a}>{b}": kind for (a, b), kind in ROTATION_KINDS.items()})
    records["term"] = _term_of(records.start_date, ref.terms)
    problems.flag_each(records.start_date.notna() & records.term.isna(), "start_date", raw["start_date"],
                       "Ngày {} nằm ngoài mọi nhiệm kỳ", "Date {} is outside every term")
    problems.flag(records.end_date < records.start_date, "end_date",
                  "Ngày kết thúc trước ngày bắt đầu", "End date is before the start date")
    return pd.concat([
        _check_areas(records, records[f"{end}_unit"].where(records[f"{end}_level"] == "commune"),
                     f"{end}_unit", ref, problems)
        for end in ("from", "to")
    ])


def _flag_overlaps(records: pd.DataFrame, skip: pd.Series, problems: _Problems) -> None:
    """A person in two posts at once: a start before the end of one of their earlier posts."""
    spans = records.loc[~skip & records.start_date.notna(), ["person_code", "start_date", "end_date", "row"]]
    spans = spans.sort_values(["person_code", "start_date", "row"])
    open_end = spans.end_date.fillna(spans.start_date.max() + pd.Timedelta(days=1))  # still in post
    reach = open_end.groupby(spans.person_code).cummax()
    earlier_reach = reach.groupby(spans.person_code).shift()
    earlier_row = spans["row"].groupby(spans.person_code).shift()
    overlap = spans.start_date <= earlier_reach
    mask = pd.Series(False, index=records.index)
    mask[spans.index[overlap.to_numpy(bool)]] = True
    rows = pd.Series(pd.NA, index=records.index, dtype="Int64")
    rows[spans.index] = earlier_row.astype("Int64").to_numpy()
    problems.flag_each(mask, "start_date", rows,
                       "Cán bộ này đang giữ chức khác vào ngày này (trùng thời gian với dòng {})",
                       "This person holds another post on this date (overlaps row {})")


def _check_office_holders(records: pd.DataFrame, raw: pd.DataFrame, dup: pd.Series, ref: Reference,
                          problems: _Problems) -> None:
    """Derive the term; one post per person per date."""
    records["term"] = _term_of(records.as_of, ref.terms)
    problems.flag_each(records.as_of.notna() & records.term.isna(), "as_of", raw["as_of"],
                       "Ngày {} nằm ngoài mọi nhiệm kỳ", "Date {} is outside every term")
    two_posts = records.duplicated(["person_code", "as_of"], keep="first") & ~dup
    problems.flag(two_posts, "person_code", "Cán bộ này giữ hai chức vụ cùng ngày",
                  "This person holds two posts on the same date")


def _check_poverty(records: pd.DataFrame, ref: Reference, problems: _Problems) -> None:
    """Years within the terms; poor and near-poor households within households."""
    years = ref.terms.starts_on.min().year, ref.terms.ends_on.max().year
    problems.flag_each((records.year < years[0]) | (records.year > years[1]), "year", records.year,
                       f"Năm {{}} nằm ngoài các nhiệm kỳ ({years[0]}-{years[1]})",
                       f"Year {{}} is outside the terms ({years[0]}-{years[1]})")
    problems.flag(records.poor_households > records.households, "poor_households",
                  "Số hộ nghèo lớn hơn tổng số hộ", "More poor households than households")
    problems.flag(records.poor_households + records.near_poor_households > records.households,
                  "near_poor_households", "Hộ nghèo cộng hộ cận nghèo lớn hơn tổng số hộ",
                  "Poor plus near-poor households exceed households")


def check(file: str, data: bytes, ref: Reference) -> CheckedRegister:
    """Read and check a register file (its kind told by its header); raises RegisterRejected
    listing every problem."""
    raw = read_table(file, data)
    kind = detect_kind(raw.columns)
    if kind is None:
        templates = "; ".join(f"{k.name}: {', '.join(k.columns)}" for k in KINDS.values())
        raise RegisterRejected(file, [Problem(
            file, 1, "", f"Không nhận ra loại sổ từ tiêu đề cột. Các mẫu: {templates}",
            f"Cannot tell which register this is from its header. Templates: {templates}")])
    problems = _Problems(file, raw["row"])
    for name in kind.columns:
        if name not in raw.columns and next(f for f in kind.fields if f.name == name).required:
            problems.items.append(Problem(file, 1, name, "Thiếu cột", "Missing column"))
    for name in raw.columns.difference([*kind.columns, "row"]):
        problems.items.append(Problem(file, 1, name, "Cột không có trong mẫu", "Column not in the template"))
    if problems.items:
        raise RegisterRejected(file, problems.items)
    if raw.empty:
        raise RegisterRejected(file, [Problem(file, 2, "", "Tệp không có dòng dữ liệu", "The file has no data rows")])

    records = _typed(raw, kind, problems)
    problems.flag_each(records["district"].notna() & ~records["district"].isin(list(ref.provinces)),
                       "district", raw["district"], "Huyện '{}' không có trong danh sách huyện",
                       "Unknown district '{}'")
    dup = _flag_duplicates(records, kind, problems)
    if kind.name == "rotation_events":
        new_areas = _check_rotations(records, raw, ref, problems)
        _flag_overlaps(records, dup, problems)
    else:
        new_areas = _check_areas(records, records["commune"], "commune", ref, problems)
        if kind.name == "office_holders":
            _check_office_holders(records, raw, dup, ref, problems)
        else:
            _check_poverty(records, ref, problems)
    if problems.items:
        problems.items.sort(key=lambda p: (p.row, p.column))
        raise RegisterRejected(file, problems.items)
    new_areas = new_areas.drop_duplicates(["area", "district"]).reset_index(drop=True)
    return CheckedRegister(file, kind, records, checksum(kind, records), new_areas)


def checksum(kind: RegisterKind, records: pd.DataFrame) -> str:
    """SHA-256 of the normalised records (not the file bytes): the same register saved as
    CSV, CSV with BOM, Windows-1258 or XLSX has one checksum, so importing it twice is a no-op."""
    digest = hashlib.sha256(kind.name.encode())
    digest.update(pd.util.hash_pandas_object(records[kind.columns], index=False).to_numpy().tobytes())
    return digest.hexdigest()
