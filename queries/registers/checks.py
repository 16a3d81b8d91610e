"""Checking the files of one import together, in DuckDB, before anything is written.

Every file is read (reading.py) and staged; its header must match a template; then the rows
of all files of one kind are cleaned, typed and checked as one table, so duplicates and
conflicts across the files count as much as those within a file or against the store. Every
problem of every file is collected (up to PROBLEM_LIMIT, the rest counted) and raised together
as RegisterRejected. The SQL is in queries/model/register_*.sql; the checks run in SQL so a
10-million-row register is checked in bounded memory.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import duckdb

from .. import model
from ..i18n import Msg
from .models import (COUNT_LIMIT, KINDS, PROBLEM_LIMIT, ROTATION_KINDS, VOCABULARY, Problem, Reference,
                     RegisterKind, RegisterRejected, allowed_values, detect_kind)
from .reading import RawTable, RegisterFile, load, read, unnamed

SQL = model.sections("register_import")


@dataclass
class StagedFile:
    """A file that passed the header checks and is staged as `raw_<index>`."""

    index: int
    raw: RawTable
    kind: RegisterKind
    rows: int = 0
    checksum: str = ""
    imported_as: str | None = None  # the import that already holds the same records
    same_as: str | None = None  # an earlier file of this import with the same records
    notes: list[Msg] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.raw.file

    @property
    def import_id(self) -> str:
        return self.imported_as or self.checksum[:16]


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def header_problems(raw: RawTable) -> tuple[RegisterKind | None, list[Problem]]:
    """The register kind the header names, or the problems with it: unknown register, missing,
    unknown and repeated column names."""
    file, line = raw.file, raw.header_line
    problems, first_place = [], {}
    for place, name in enumerate(raw.columns, start=1):
        if name in first_place:
            problems.append(Problem(file, line, name, Msg("reg_duplicate_column", place=place,
                                                          first=first_place[name])))
        elif name:
            first_place[name] = place
    kind = detect_kind(first_place)
    if kind is None:
        templates = "; ".join(f"{k.name}: {', '.join(k.columns)}" for k in KINDS.values())
        return None, problems + [Problem(file, line, "", Msg("reg_unknown_register", templates=templates))]
    for f in kind.fields:
        if f.required and f.name not in first_place:
            problems.append(Problem(file, line, f.name, Msg("reg_missing_column")))
    for name in first_place:
        if name not in kind.columns:
            problems.append(Problem(file, line, name, Msg("reg_unknown_column", register=Msg(
                f"register_kind_{kind.name}"))))
    return kind, problems


def check_files(con: duckdb.DuckDBPyConnection, files: list[RegisterFile], reference: Reference,
                scratch: Path, on_stage: Callable[[str], None] = lambda stage: None) -> list[StagedFile]:
    """Read, stage and check `files` together in `con` (the next snapshot attached as `store`).
    Returns the staged files; files whose records are already in the store (or repeat an
    earlier file's) are marked and left out of the typed tables. Raises RegisterRejected with
    every problem of every file."""
    model.execute(con, SQL["macros"])
    con.register("bundle_areas_frame", reference.areas)
    con.register("bundle_terms_frame", reference.terms)
    model.execute(con, SQL["reference"])
    problems: list[Problem] = []
    staged: list[StagedFile] = []
    for index, file in enumerate(files):
        folder = scratch / f"file_{index}"
        folder.mkdir(parents=True, exist_ok=True)
        try:
            raw = read(file, folder)
        except RegisterRejected as exc:
            problems += exc.problems
            continue
        kind, header = header_problems(raw)
        if header:
            problems += header
            continue
        try:
            raw = load(con, raw, f"raw_{index}")
        except RegisterRejected as exc:
            problems += exc.problems
            continue
        staged.append(StagedFile(index, raw, kind, notes=list(raw.notes)))
    on_stage("staged")
    con.execute("set preserve_insertion_order = false")  # rowids are staged; the rest need no order
    kinds = list(dict.fromkeys(s.kind.name for s in staged))
    for kind in kinds:
        problems += _type(con, KINDS[kind], [s for s in staged if s.kind.name == kind])
    _mark_repeats(con, staged)
    fresh = [s for s in staged if s.imported_as is None and s.same_as is None]
    con.execute(SQL["problems_table"])
    for kind in kinds:
        _value_problems(con, KINDS[kind], [s for s in fresh if s.kind.name == kind])
    on_stage("checked")
    for s in fresh:
        if s.rows == 0:
            problems.append(Problem(s.name, s.raw.header_line + 1, "", Msg("reg_no_rows")))
    found = con.execute(SQL["problems_found"], {"fresh": [s.index for s in fresh]}).fetchall()[0][0]
    if problems or found:
        by_index = {s.index: s for s in staged}
        years = {"first": reference.terms.starts_on.min().year, "last": reference.terms.ends_on.max().year}
        rows = con.execute(SQL["problems_listed"], {"fresh": [s.index for s in fresh],
                                                    "limit": PROBLEM_LIMIT}).fetchall()
        problems += [_problem(row, by_index, years) for row in rows]
        order = {file.name: i for i, file in enumerate(files)}
        problems.sort(key=lambda p: (order.get(p.file, 0), p.line, p.column))
        total = len(problems) - len(rows) + found
        raise RegisterRejected(problems[:PROBLEM_LIMIT], more=max(0, total - PROBLEM_LIMIT))
    return staged


def _type(con, kind: RegisterKind, files: list[StagedFile]) -> list[Problem]:
    """typed_<kind>: the rows of every file of this kind, typed, with their file and line; each
    file's row count and checksum. Returns the problems of columns without a name that hold
    values."""
    problems = []
    params = {f"{k}_{part}": list(vocabulary.keys() if part == "spellings" else vocabulary.values())
              for k, vocabulary in VOCABULARY.items() for part in ("spellings", "codes")}
    params.update(kind_pairs=[f"{a}>{b}" for a, b in ROTATION_KINDS], kind_names=list(ROTATION_KINDS.values()))
    for n, s in enumerate(files):
        lined = f"raw_{s.index}_lined"
        typed = ", ".join(
            model.fill(SQL[f"typed_{f.kind}"], column=quoted(f.name) if f.name in s.raw.columns else "null::varchar")
            + f" as {quoted(f.name)}" for f in kind.fields)
        select = model.fill(model.sections(f"register_{kind.name}")["typed"],
                            typed=f"select $file_index as file_index, line, {typed} from {lined}")
        into = f"create table typed_{kind.name} as " if n == 0 else f"insert into typed_{kind.name} by name "
        model.execute(con, into + select, {**params, "file_index": s.index})
        for place, name in enumerate(s.raw.columns):
            if not name:
                first = con.execute(model.fill(SQL["unnamed_values"], lined=lined,
                                               column=quoted(unnamed(place)))).fetchall()[0][0]
                if first is not None:
                    problems.append(Problem(s.name, first, "", Msg("reg_values_without_header", place=place + 1)))
    checksum_columns = ", ".join(quoted(c) for c in kind.columns)
    digests = {index: hashlib.sha256(f"{kind.name}|{n}|{xor}|{total}".encode()).hexdigest()
               for index, n, xor, total in con.execute(model.fill(SQL["checksums"], kind=kind.name,
                                                                  columns=checksum_columns)).fetchall()}
    counts = dict(con.execute(model.fill(SQL["file_rows"], kind=kind.name)).fetchall())
    for s in files:
        s.rows = counts.get(s.index, 0)
        s.checksum = digests.get(s.index) or hashlib.sha256(f"{kind.name}|0".encode()).hexdigest()
    return problems


def _mark_repeats(con, staged: list[StagedFile]) -> None:
    """Files whose records the store already holds, or an earlier file of this import holds:
    imported once, so their rows leave the typed tables before the checks across files."""
    stored = dict(con.execute(SQL["stored_checksums"]).fetchall())
    seen: dict[str, str] = {}
    for s in staged:
        if s.rows and s.checksum in stored:
            s.imported_as = stored[s.checksum]
            s.notes.append(Msg("reg_already_imported", import_id=s.imported_as))
        elif s.rows and s.checksum in seen:
            s.same_as = seen[s.checksum]
            s.notes.append(Msg("reg_same_as", file=s.same_as))
        else:
            seen.setdefault(s.checksum, s.name)
            continue
        model.execute(con, model.fill(SQL["drop_file"], kind=s.kind.name), {"file_index": s.index})


def _value_problems(con, kind: RegisterKind, files: list[StagedFile]) -> None:
    """Every problem with the values of `files` (all of one kind), into the table `problems`."""
    if not files:
        return

    def add(sql: str, params: dict | None = None) -> None:
        model.execute(con, "insert into problems " + sql, params)

    for s in files:
        lined = f"raw_{s.index}_lined"
        for f in kind.fields:
            if f.name not in s.raw.columns:
                continue
            column = quoted(f.name)
            add(model.fill(SQL["field_problems"], lined=lined, column=column), {
                "file_index": s.index, "column": f.name, "required": f.required, "max_length": f.max_length,
                "kind": f.kind, "count_limit": COUNT_LIMIT, "spellings": list(VOCABULARY.get(f.kind, {}))})
            if f.kind == "count":
                n, first_line, example = con.execute(model.fill(SQL["grouped_counts"], lined=lined,
                                                                column=column)).fetchall()[0]
                if n:
                    s.notes.append(Msg("reg_read_thousands", column=f.name, n=n, line=first_line, example=example))
    add(model.fill(SQL["district_problems"], kind=kind.name))
    add(model.fill(SQL["duplicate_problems"], kind=kind.name, key=", ".join(quoted(c) for c in kind.key),
                   key_present=" and ".join(f"{quoted(c)} is not null" for c in kind.key)),
        {"key_label": ",".join(kind.key)})
    add(model.fill(SQL["commune_problems"], named=model.sections(f"register_{kind.name}")["named_communes"]))
    add(model.sections(f"register_{kind.name}")["problems"])


def _problem(row: tuple, files: dict[int, StagedFile], years: dict[str, int]) -> Problem:
    """A problem row of the SQL checks as a Problem, its message values filled in."""
    file_index, line, column, reason, value, other_index, other_line, other_import = row
    own = files[file_index]
    values = {"value": value, "line": other_line, "import_id": other_import, "where": ""}
    if other_index is not None and other_index != file_index:
        values["where"] = Msg("reg_in_file", file=files[other_index].name)
    if reason == "reg_not_allowed":
        values["allowed"] = allowed_values(own.kind.field(column).kind)
    elif reason == "reg_text_too_long":
        values["limit"] = own.kind.field(column).max_length
    elif reason == "reg_year_outside_terms":
        values.update(years)
    return Problem(own.name, int(line), column, Msg(reason, **values))
