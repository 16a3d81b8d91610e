"""Register files: every accepted format imports the same records, and every kind of problem
is reported (file, line, column, reason in Vietnamese and English) without writing."""

from __future__ import annotations

import pandas as pd
import pytest

from queries.registers import KINDS, RegisterFile, RegisterRejected
from queries.templates import notes_csv, template_csv, template_xlsx

from .registers_support import import_bytes, import_path, sample_files, store_database, to_cp1258, xlsx_bytes

ROTATIONS = pd.DataFrame([
    ("CB-1", "Bắc Hà", "Ban Tổ chức Huyện ủy", "district", "Lùng Phình", "commune", "Bí thư Đảng ủy xã",
     "2021-03-15", "2023-06-30"),
    ("CB-1", "Bắc Hà", "Lùng Phình", "commune", "Văn phòng Huyện ủy", "district", "Chánh Văn phòng",
     "2023-07-01", ""),
    ("CB-2", "Điện Biên", "Phòng Nội vụ", "district", "Phòng Tài chính - Kế hoạch", "district", "Trưởng phòng",
     "12/05/2012", ""),
    ("CB-3", "Điện Biên", "Thanh Hưng", "commune", "Nà Tấu", "commune", "Bí thư Đảng ủy xã", "2014-07-01", ""),
], columns=KINDS["rotation_events"].columns)
OFFICE_HOLDERS = pd.DataFrame([
    ("Thanh Trì", "Văn Điển", "party_secretary", "OH-1", "false", "2023-07-27"),
    ("Thanh Trì", "Văn Điển", "commune_chair", "OH-2", "có", "2023-07-27"),
], columns=KINDS["office_holders"].columns)
POVERTY = pd.DataFrame([
    ("Bắc Hà", "Lùng Phình", 2023, 1000, 400, 150),
    ("Bắc Hà", "Bản Phố", 2023, 800, 200, 100),
], columns=KINDS["commune_poverty"].columns)


def csv_bytes(frame: pd.DataFrame, encoding: str = "utf-8") -> bytes:
    text = frame.to_csv(index=False)
    return to_cp1258(text) if encoding == "cp1258" else text.encode(encoding)


@pytest.fixture
def db(tmp_path):
    return store_database(tmp_path / "store")


def rejected(db, *files: tuple[str, bytes]) -> RegisterRejected:
    before = db.store.contents()
    with pytest.raises(RegisterRejected) as info:
        db.import_registers([RegisterFile(name, data=data) for name, data in files])
    after = db.store.contents()
    assert before.keys() == after.keys()
    for table in before:
        pd.testing.assert_frame_equal(before[table], after[table])
    return info.value


def only_problem(exc: RegisterRejected):
    assert len(exc.problems) == 1, [(p.line, p.column, p.message("en")) for p in exc.problems]
    return exc.problems[0]


def found(exc: RegisterRejected) -> set[tuple]:
    return {(p.file, p.line, p.column, p.message("en")) for p in exc.problems}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1258", "utf-16", "xlsx"])
def test_every_format_imports_the_same_records(db, encoding):
    data = xlsx_bytes(ROTATIONS) if encoding == "xlsx" else csv_bytes(ROTATIONS, encoding)
    name = f"rotations.{'xlsx' if encoding == 'xlsx' else 'csv'}"
    report = import_bytes(db, name, data)
    assert report.kind == "rotation_events" and report.created and report.rows == 4
    stored = db.store.contents()["rotation_events"].sort_values("row_number")
    assert list(stored.kind) == ["district_to_commune", "commune_to_district", "cross_sector",
                                 "commune_to_commune"]
    assert list(stored.term) == ["2020-2025", "2020-2025", "2010-2015", "2010-2015"]
    assert set(stored.district) == {"Bắc Hà", "Điện Biên"}  # NFC, equal to the bundle's names
    assert import_bytes(db, "again.csv", csv_bytes(ROTATIONS)).import_id == report.import_id


def test_the_same_content_in_another_format_imports_once(db):
    first = import_bytes(db, "a.csv", csv_bytes(ROTATIONS, "utf-8-sig"))
    counts = db.store.counts()
    again = import_bytes(db, "a.xlsx", xlsx_bytes(ROTATIONS))
    assert first.created and not again.created and again.import_id == first.import_id
    assert "same content" in " ".join(n.text("en") for n in again.notes)
    assert db.store.counts() == counts


@pytest.mark.parametrize("kind", list(KINDS))
def test_templates_import_and_carry_notes(tmp_path, kind):
    for name, data in ((f"{kind}.csv", template_csv(kind)), (f"{kind}.xlsx", template_xlsx(kind))):
        fresh = store_database(tmp_path / name)
        assert import_bytes(fresh, name, data).kind == kind
    notes = notes_csv(kind).decode("utf-8-sig")
    assert "Person code" in notes or "District name" in notes
    assert "ví dụ" in notes and "example" in notes and "200" in notes


def test_problem_messages_name_file_line_column_and_reason_in_both_languages(db):
    bad = ROTATIONS.copy()
    bad.loc[0, "district"] = "Hà Giang"
    problem = only_problem(rejected(db, ("bad.csv", csv_bytes(bad))))
    assert (problem.file, problem.line, problem.column) == ("bad.csv", 2, "district")
    assert problem.message("vi") == "Huyện 'Hà Giang' không có trong danh sách huyện"
    assert problem.message("en") == "Unknown district 'Hà Giang'"
    exc = RegisterRejected([problem])
    assert list(exc.table("en").columns) == ["File", "Line", "Column", "Reason"]
    assert list(exc.table("vi").columns) == ["Tệp", "Dòng", "Cột", "Lý do"]
    assert exc.message("vi") == "bad.csv: 1 lỗi. Chưa ghi gì vào kho."


def test_row_numbers_are_the_file_lines_even_after_blank_lines(db):
    bad = ROTATIONS.copy()
    bad.loc[len(bad) - 1, "district"] = "Hà Giang"
    lines = csv_bytes(bad).split(b"\n")
    with_blanks = b"\n".join(lines[:2] + [b"", b"  "] + lines[2:])
    problem = only_problem(rejected(db, ("gaps.csv", with_blanks)))
    assert problem.line == len(bad) + 1 + 2  # header, the rows, and the two blank lines
    assert problem.column == "district"


def test_unknown_commune_is_an_error_where_the_commune_list_is_complete(db):
    db.store.add_districts(pd.DataFrame({"district": ["Huyện mẫu 001"] * 2, "province": ["Tỉnh mẫu"] * 2,
                                         "commune": ["Xã A", "Xã B"]}))
    holders = OFFICE_HOLDERS.assign(district="Huyện mẫu 001", commune=["Xã A", "Xã Z"])
    problem = only_problem(rejected(db, ("oh.csv", csv_bytes(holders))))
    assert (problem.line, problem.column) == (3, "commune")
    assert problem.message("en") == "Commune 'Xã Z' is not in this district"
    assert problem.message("vi") == "Xã 'Xã Z' không thuộc huyện này"


def test_a_new_commune_of_a_known_district_becomes_a_register_area(db):
    report = import_bytes(db, "poverty.csv", csv_bytes(POVERTY))
    assert "Communes new to the dashboard (1): Bản Phố" in [n.text("en") for n in report.notes]
    facts = db.run("facts", origins=["register"], area_levels=["commune"])
    ban_pho = facts[facts.area == "Bản Phố"]
    assert set(ban_pho.district) == {"Bắc Hà"} and set(ban_pho.province) == {"Lào Cai"}


@pytest.mark.parametrize("column, value, line, field, en", [
    ("start_date", "2009-05-01", 2, "start_date", "Date 2009-05-01 is outside every term"),
    ("end_date", "2020-01-01", 2, "end_date", "End date is before the start date"),
    ("from_level", "tỉnh", 2, "from_level", "'tỉnh' is not allowed; use: district, commune"),
    ("start_date", "31/02/2021", 2, "start_date", "'31/02/2021' is not a date (YYYY-MM-DD or DD/MM/YYYY)"),
    ("person_code", "", 2, "person_code", "Missing value"),
])
def test_rotation_value_problems(db, column, value, line, field, en):
    bad = ROTATIONS.copy()
    bad.loc[0, column] = value
    problems = rejected(db, ("r.csv", csv_bytes(bad))).problems
    assert any((p.line, p.column, p.message("en")) == (line, field, en) for p in problems), problems


def test_a_person_in_two_posts_at_once(db):
    bad = ROTATIONS.copy()
    bad.loc[1, "start_date"] = "2022-01-01"  # CB-1 still holds the first post until 2023-06-30
    problem = only_problem(rejected(db, ("r.csv", csv_bytes(bad))))
    assert (problem.line, problem.column) == (3, "start_date")
    assert problem.message("en") == "This person holds another post on this date (overlaps line 2)"
    assert problem.message("vi").startswith("Cán bộ này đang giữ chức khác")


def test_a_person_in_a_post_already_in_the_store(db):
    first = import_bytes(db, "first.csv", csv_bytes(ROTATIONS))
    later = ROTATIONS.iloc[[3]].assign(start_date="2015-01-01", to_unit="Pom Lót")
    problem = only_problem(rejected(db, ("second.csv", csv_bytes(later))))
    assert problem.line == 2
    assert problem.message("en") == f"Already in the store (import {first.import_id}, line 5)"


def test_duplicate_rows(db):
    bad = pd.concat([POVERTY, POVERTY.iloc[[0]]])
    problem = only_problem(rejected(db, ("p.csv", csv_bytes(bad))))
    assert (problem.line, problem.column, problem.message("en")) == (4, "district,commune,year", "Duplicate of line 2")
    assert problem.message("vi") == "Trùng với dòng 2"


def test_negative_counts_and_too_many_poor(db):
    bad = POVERTY.copy()
    bad.loc[0, "households"] = -5
    bad.loc[1, "poor_households"] = 900
    problems = found(rejected(db, ("p.csv", csv_bytes(bad))))
    assert ("p.csv", 2, "households", "Negative count (-5) is not allowed") in problems
    assert ("p.csv", 3, "poor_households", "More poor households than households") in problems


def test_two_posts_on_the_same_date_for_one_office_holder(db):
    bad = OFFICE_HOLDERS.assign(person_code="OH-1")
    problem = only_problem(rejected(db, ("oh.csv", csv_bytes(bad))))
    assert (problem.line, problem.column) == (3, "person_code")
    assert problem.message("en") == "This person holds two posts on the same date (line 2)"


def test_every_problem_is_reported_not_just_the_first(db):
    bad = ROTATIONS.copy()
    bad.loc[0, "district"] = "Hà Giang"
    bad.loc[2, "end_date"] = "2011-01-01"
    bad.loc[3, "start_date"] = "2030-01-01"
    problems = rejected(db, ("r.csv", csv_bytes(bad, "cp1258"))).problems
    assert {(p.line, p.column) for p in problems} == {(2, "district"), (4, "end_date"), (5, "start_date")}


def test_header_problems(db):
    problems = found(rejected(db, ("x.csv", csv_bytes(POVERTY.drop(columns="year").assign(extra=1)))))
    assert problems == {("x.csv", 1, "year", "Missing column"),
                        ("x.csv", 1, "extra", "Column not in the «Commune poverty» template")}
    unknown = only_problem(rejected(db, ("y.csv", b"a,b\n1,2\n")))
    assert unknown.message("en").startswith("Cannot tell which register this is")


def test_office_holders_make_the_non_local_share(db):
    import_bytes(db, "oh.csv", csv_bytes(OFFICE_HOLDERS))
    quota = db.run("quota_attainment", origins=["register"])
    secretaries = quota[quota.measure == "secretaries"].iloc[0]
    assert (secretaries.numerator, secretaries.denominator, secretaries.target_pct) == (1, 1, 50)


def test_sample_register_reproduces_the_published_figures(db, tmp_path):
    for path in sample_files(tmp_path / "sample").values():
        import_path(db, path)
    comparison = db.run("register_vs_published")
    exact = comparison[comparison.metric.str.startswith("rotations_")
                       | comparison.metric.str.startswith("non_local_")]
    assert len(exact[exact.metric.str.startswith("rotations_")]) == 5 + 3
    assert set(exact[exact.metric == "non_local_share"].district) == {"Phúc Thọ", "Thanh Trì"}
    counts = exact[exact.metric != "non_local_share"]
    assert (counts.difference == 0).all(), counts[["district", "metric", "difference"]]
    shares = exact[(exact.metric == "non_local_share") & exact.published_numerator.notna()]
    assert set(shares.district) == {"Phúc Thọ"}
    assert (shares.register_numerator == shares.published_numerator).all()
    assert (shares.register_denominator == shares.published_denominator).all()
    rotations = db.run("rotations_by_term_kind", origins=["register"])
    assert rotations.source_title.str.startswith("generated_").all() and rotations.generated.all()
    assert rotations.source_id.str.startswith("register:").all()


def test_poverty_year_outside_the_terms(db):
    problem = only_problem(rejected(db, ("p.csv", csv_bytes(POVERTY.assign(year=[2023, 2009])))))
    assert (problem.line, problem.column, problem.message("en")) == (
        3, "year", "Year 2009 is outside the terms (2010-2025)")


def test_xlsx_with_real_date_cells_reads_them_as_dates(db):
    dated = ROTATIONS.iloc[[0, 2]].assign(start_date=pd.to_datetime(["2021-03-15", "2012-05-12"]),
                                          end_date=[pd.Timestamp("2023-06-30"), None])
    import_bytes(db, "dated.xlsx", xlsx_bytes(dated))
    stored = db.store.contents()["rotation_events"].sort_values("row_number")
    assert list(stored.term) == ["2020-2025", "2010-2015"]
    assert stored.end_date.isna().tolist() == [False, True]
