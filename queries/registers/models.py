"""The three record-level registers (rotation events, office holders, commune poverty): their
columns, the words a column may hold, the limits a value must keep, and what a problem in a
file is. Templates (queries/templates.py) and the checks (checks.py) are built from these, so
they cannot drift apart. Every sentence is a catalogue key (queries/i18n.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..errors import DashboardError
from ..i18n import Msg

TEXT_LIMIT = 200  # characters in a name, unit, position or code; stated in the templates' notes
COUNT_LIMIT = 1_000_000_000  # households in one commune: above this a count is a typing error
PROBLEM_LIMIT = 1000  # problems listed per import; the rest are counted


@dataclass(frozen=True)
class Field:
    """One column of a register: its type, whether it is required, an example, and the
    catalogue key of its note in the templates."""

    name: str
    kind: str  # text | date | count | year | bool | level | position
    required: bool
    example: str
    note: str
    max_length: int = TEXT_LIMIT


@dataclass(frozen=True)
class RegisterKind:
    """One record-level model. `key` identifies a record: two rows with the same key are
    duplicates, in one file, across the files of one import, or against the store."""

    name: str  # its label is register_kind_<name> in the catalogue
    fields: tuple[Field, ...]
    key: tuple[str, ...]

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


DISTRICT = Field("district", "text", True, "Bắc Hà", "reg_note_district")
COMMUNE = Field("commune", "text", True, "Lùng Phình", "reg_note_commune")
PERSON_CODE = Field("person_code", "text", True, "CB-0001", "reg_note_person_code", max_length=50)

KINDS: dict[str, RegisterKind] = {k.name: k for k in (
    RegisterKind(
        "rotation_events",
        (
            PERSON_CODE,
            DISTRICT,
            Field("from_unit", "text", True, "Ban Tuyên giáo Huyện ủy", "reg_note_from_unit"),
            Field("from_level", "level", True, "district", "reg_note_from_level"),
            Field("to_unit", "text", True, "Lùng Phình", "reg_note_to_unit"),
            Field("to_level", "level", True, "commune", "reg_note_to_level"),
            Field("position", "text", True, "Bí thư Đảng ủy xã", "reg_note_position_taken"),
            Field("start_date", "date", True, "2021-03-15", "reg_note_start_date"),
            Field("end_date", "date", False, "2023-06-30", "reg_note_end_date"),
        ),
        ("person_code", "start_date"),
    ),
    RegisterKind(
        "office_holders",
        (
            DISTRICT,
            COMMUNE,
            Field("position", "position", True, "party_secretary", "reg_note_position_held"),
            PERSON_CODE,
            Field("is_local", "bool", True, "false", "reg_note_is_local"),
            Field("as_of", "date", True, "2023-07-01", "reg_note_as_of"),
        ),
        ("district", "commune", "position", "as_of"),
    ),
    RegisterKind(
        "commune_poverty",
        (
            DISTRICT,
            COMMUNE,
            Field("year", "year", True, "2023", "reg_note_year"),
            Field("households", "count", True, "1250", "reg_note_households"),
            Field("poor_households", "count", True, "420", "reg_note_poor_households"),
            Field("near_poor_households", "count", True, "230", "reg_note_near_poor_households"),
        ),
        ("district", "commune", "year"),
    ),
)}

# The words a coded column accepts (lower case), and what each one means.
VOCABULARY: dict[str, dict[str, str]] = {
    "level": {"district": "district", "huyện": "district", "huyen": "district",
              "commune": "commune", "xã": "commune", "xa": "commune", "thị trấn": "commune"},
    "position": {"party_secretary": "party_secretary", "bí thư": "party_secretary",
                 "commune_chair": "commune_chair", "chủ tịch": "commune_chair"},
    "bool": {"true": "true", "1": "true", "yes": "true", "có": "true", "x": "true",
             "false": "false", "0": "false", "no": "false", "không": "false"},
}
ROTATION_KINDS = {("district", "district"): "cross_sector", ("district", "commune"): "district_to_commune",
                  ("commune", "district"): "commune_to_district", ("commune", "commune"): "commune_to_commune"}


def detect_kind(columns) -> RegisterKind | None:
    """The register whose template has the most of these columns (at least half of its own)."""
    names = set(columns)
    best = max(KINDS.values(), key=lambda k: len(names & set(k.columns)))
    return best if len(names & set(best.columns)) >= len(best.columns) // 2 + 1 else None


def allowed_values(kind: str) -> str:
    """The coded values a column of this kind takes, for a problem's message."""
    return ", ".join(dict.fromkeys(VOCABULARY[kind].values()))


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a register file: where (file, line of the file, column) and why."""

    file: str
    line: int  # the file's own line (the sheet's row for XLSX); 0 when it concerns the whole file
    column: str
    reason: Msg

    def message(self, lang: str = "vi") -> str:
        return self.reason.text(lang)


class RegisterRejected(DashboardError):
    """Register files broke rules; `problems` lists every one, in every file. Nothing was written."""

    def __init__(self, problems: list[Problem], more: int = 0):
        files = list(dict.fromkeys(p.file for p in problems))
        super().__init__("register_rejected", files=", ".join(files), count=len(problems) + more)
        self.problems, self.more, self.files = problems, more, files

    def table(self, lang: str = "vi") -> pd.DataFrame:
        """The problems as a table with headers in the user's language."""
        from ..i18n import t

        headers = [t(key, lang) for key in ("reg_col_file", "reg_col_line", "reg_col_column", "reg_col_reason")]
        rows = [(p.file, p.line, p.column, p.message(lang)) for p in self.problems]
        if self.more:
            rows.append(("", None, "", t("reg_more_problems", lang, count=self.more, shown=len(self.problems))))
        return pd.DataFrame(rows, columns=headers)


@dataclass
class Reference:
    """What registers are checked against, from the bundled data: areas (districts with their
    province, communes with their district) and the party terms. Districts and commune lists
    declared in the store are added inside the import's transaction."""

    areas: pd.DataFrame  # area, area_level, district, province
    terms: pd.DataFrame  # term, starts_on, ends_on


@dataclass
class FileReport:
    """What one file of an import did: its register kind, rows, import id, whether it was new
    (False: the same records were imported before, nothing changed), and notes on how it was
    read (encoding, delimiter, sheet, numbers read as thousands, communes new to the dashboard)."""

    file: str
    kind: str
    rows: int
    import_id: str
    created: bool
    notes: list[Msg] = field(default_factory=list)


@dataclass
class ImportReport:
    """One import: every file's report, and the store snapshot it produced (None: unchanged)."""

    files: list[FileReport]
    snapshot: int | None

    @property
    def written(self) -> list[FileReport]:
        return [f for f in self.files if f.created]
