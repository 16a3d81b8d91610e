"""Named queries: what they compute, checked against what the sources published."""

from __future__ import annotations

import csv
import io
import json
import random
import re
import subprocess
import sys

import pandas as pd
import pytest

from queries import BadParameter, UnknownQuery, list_queries
from queries.bundle import AREA_LEVELS, DATA_DIR
from queries.db import ORIGINS
from queries.i18n import t

from .conftest import ROOT
from .registers_support import sample_database

FACT_COLUMNS = {"district", "area", "area_level", "metric", "period_vi", "period_en", "period_start", "period_end",
                "term", "value", "qualifier", "unit", "numerator", "denominator", "source_id", "quote", "note_vi",
                "note_en", "publisher_vi", "publisher_en", "source_title", "source_title_en", "confidence",
                "quality_note_ids", "quality_notes_vi", "quality_notes_en"}


def _one(frame, **where):
    for column, value in where.items():
        frame = frame[frame[column] == value]
    assert len(frame) == 1, (where, len(frame))
    return frame.iloc[0]


def test_every_sql_file_has_a_header_with_grain_and_params():
    for query in list_queries():
        assert query.title, query.name
        assert query.grain, query.name
        assert "-- params:" in query.sql, query.name


def test_facts_has_one_row_per_bundled_figure_with_its_citation(db):
    facts = db.run("facts")
    assert FACT_COLUMNS <= set(facts.columns)
    with (DATA_DIR / "figures.csv").open(encoding="utf-8") as handle:
        assert sorted(facts.figure_id) == sorted(r["figure_id"] for r in csv.DictReader(handle))
    assert facts.source_id.notna().all() and facts.publisher_vi.notna().all() and facts.publisher_en.notna().all()
    articles = facts[facts.source_kind == "article"]
    assert articles.quote.notna().all() and articles.source_file.notna().all()
    references = facts[facts.source_kind == "reference"]
    assert len(references) >= 23


def test_bounds_keep_their_qualifier(db):
    facts = db.run("facts")
    assert tuple(_one(facts, figure_id="blc25-03")[["value", "qualifier"]]) == (90, ">")
    assert tuple(_one(facts, area="Lùng Phình", metric="poverty_rate")[["value", "qualifier"]]) == (68, ">")
    assert tuple(_one(facts, area="Thanh Trì", metric="poverty_rate", period_vi="2017")[["value", "qualifier"]]) == (2, "<")
    assert tuple(_one(facts, area="Lào Cai", metric="poverty_rate", period_vi="2010")[["value", "qualifier"]]) == (43, "≈")
    assert tuple(_one(facts, area="Lào Cai", metric="field_visits")[["value", "qualifier"]]) == (95300, ">")


def test_percentages_are_numbers_and_ratios_keep_both_parts(db):
    facts = db.run("facts")
    row = _one(facts, area="Hoàng Thu Phố", metric="poverty_rate")
    assert row.value == 65.87 and row.unit == "percent"
    row = _one(facts, area="Phúc Thọ", metric="non_local_share", period_vi="11/2021")
    assert (row.value, row.numerator, row.denominator) == (14.3, 6, 42)


def test_thanh_tri_non_local_share_is_computed_from_its_counts(db):
    quota = db.run("quota_attainment", districts=["Thanh Trì"])
    combined = _one(quota, measure="combined")
    assert (combined.numerator, combined.denominator) == (17, 32)
    assert round(combined.attained_pct, 1) == combined.published_pct == 53.1
    assert round(combined.gap_points, 1) == 3.1
    chairs = _one(quota, measure="chairs")
    assert chairs.people_to_target == 3  # 5 of 16 chairs; 8 reach 50%
    assert _one(quota, measure="secretaries").people_to_target == 0


def test_phuc_tho_moves_from_6_to_21_of_42(db):
    quota = db.run("quota_attainment", districts=["Phúc Thọ"])
    combined = quota[quota.measure == "combined"].sort_values("period_end")
    assert list(zip(combined.numerator, combined.denominator)) == [(6, 42), (21, 42)]
    assert list(combined.published_pct) == [14.3, 50.0]
    assert list(combined.people_to_target) == [15, 0]


def test_rotation_kinds_add_up_to_published_totals(db):
    sums = db.run("rotation_kind_sums")
    assert _one(sums, district="Bắc Hà").sum_of_kinds == 54 == _one(sums, district="Bắc Hà").published_total
    assert _one(sums, district="Điện Biên").sum_of_kinds == 18


def test_published_checks_agree_except_where_a_source_contradicts_itself(db):
    checks = db.run("published_checks").set_index("check_id")
    assert checks.loc["thanh_tri_non_local_share", "agrees"]
    assert checks.loc["thanh_tri_points_over_target", "computed"] == pytest.approx(3.1)
    assert checks.loc["rotation_kinds_bac_ha", "agrees"]
    laocai = checks.loc["lao_cai_avg_yearly_fall"]
    assert not laocai.agrees and laocai.published == 5.17 and laocai.computed == pytest.approx(6.575)
    assert laocai.note_id == "dq-laocai-avg-fall"
    notes = db.run("data_quality_notes")
    assert "dq-laocai-avg-fall" in set(notes.note_id)
    assert (checks.agrees | checks.note_id.notna()).all(), "a disagreement without a data-quality note"


def test_terms_are_a_dimension(db):
    rotations = db.run("rotations_by_term_kind", terms=["2010-2015"])
    assert set(rotations.district) == {"Điện Biên"}
    assert set(rotations.kind) == {"total", "district_to_commune", "cross_sector"}
    cases = db.run("rotation_cases")
    assert _one(cases, case_id="dbp17-c2").term == "2015-2020"  # 9/2015, after the 2015 congress
    assert _one(cases, case_id="dbp17-c1").kind == "district_to_commune"
    assert _one(cases, case_id="dbp17-c2").kind == "commune_to_commune"
    assert pd.isna(_one(cases, case_id="dbp17-c4").term)  # moved some time between 7/2014 and 5/2017


def test_district_filter_keeps_communes_and_province_context(db):
    poverty = db.run("poverty_series", districts=["Bắc Hà"])
    assert set(poverty.area_level) == {"district", "commune", "province"}
    assert set(poverty[poverty.area_level == "province"].area) == {"Lào Cai"}
    assert db.run("facts", districts=[]).empty


def test_poverty_figures_carry_their_poverty_standard(db):
    poverty = db.run("poverty_series", districts=["Điện Biên"])
    standards = dict(zip(poverty.period_vi, poverty.poverty_standard))
    assert standards["2011"] == "2011-2015" and standards["2018"] == "2016-2021" and standards["2023"] == "2022-2025"


PROVINCE_OF = {"Bắc Hà": "Lào Cai", "Điện Biên": "Điện Biên", "Phúc Thọ": "Hà Nội", "Thanh Trì": "Hà Nội"}


@pytest.mark.parametrize("district", list(PROVINCE_OF))
def test_poverty_series_holds_the_provinces_years_with_their_standards(db, district):
    """A district's poverty series holds every poverty-rate year of its province that the bundle
    has (the reference list's, the articles'), each row with its poverty standard."""
    province = PROVINCE_OF[district]
    facts = db.run("facts", origins=["published"])
    wanted = facts[(facts.area == province) & (facts.area_level == "province") & (facts.metric == "poverty_rate")]
    series = db.run("poverty_series", districts=[district])
    rows = series[(series.area == province) & (series.area_level == "province") & (series.metric == "poverty_rate")]
    assert sorted(rows.figure_id) == sorted(wanted.figure_id)
    assert len(set(rows.year)) >= 8
    assert rows.poverty_standard.notna().all()
    assert set(rows.poverty_standard) <= set(db.run("poverty_standards").standard)


def test_two_rates_of_one_year_carry_different_standards(db):
    """Lào Cai and Điện Biên 2015: one rate under the old income standard, one the baseline of the
    2016-2020 multidimensional one; Điện Biên 2010's 50% and 50,1% are one point, one standard."""
    series = db.run("poverty_series", districts=["Bắc Hà", "Điện Biên"], origins=["published"])
    rates = series[(series.area_level == "province") & (series.metric == "poverty_rate")]
    for province in ("Lào Cai", "Điện Biên"):
        in_2015 = rates[(rates.area == province) & (rates.year == 2015)]
        assert len(in_2015) == 2 and set(in_2015.poverty_standard) == {"2011-2015", "2016-2021"}
    in_2010 = rates[(rates.area == "Điện Biên") & (rates.year == 2010)]
    assert sorted(in_2010.value) == [50, 50.1] and set(in_2010.poverty_standard) == {"2011-2015"}


def test_hanoi_rates_carry_the_citys_own_standard_or_say_none_is_named(db):
    series = db.run("poverty_series", districts=["Thanh Trì", "Phúc Thọ"], origins=["published"])
    rates = series[series.metric == "poverty_rate"]
    standard = {(r.area, r.year): r.poverty_standard for r in rates.itertuples()}
    assert standard[("Hà Nội", 2010)] == "hn-2011-2015" and standard[("Thanh Trì", 2015)] == "hn-2011-2015"
    assert standard[("Hà Nội", 2017)] == standard[("Thanh Trì", 2017)] == "hn-2016-2020"
    assert standard[("Hà Nội", 2021)] == "2022-2025"  # the end-2021 review, under the new standard (stated)
    assert standard[("Phúc Thọ", 2010)] == "not-named"
    everywhere = db.run("facts")
    assert _one(everywhere, area="Điện Biên", metric="poverty_rate", period_vi="2021").poverty_standard == "not-named"


def test_overview_has_the_four_districts_and_what_they_became(db):
    overview = db.run("district_overview")
    assert list(dict.fromkeys(overview.district)) == ["Bắc Hà", "Điện Biên", "Phúc Thọ", "Thanh Trì"]
    assert overview.became_on_2025_07_01_vi.notna().all() and overview.became_on_2025_07_01_en.notna().all()
    assert _one(overview, district="Bắc Hà", metric="rotations_total").value == 54


@pytest.mark.parametrize("filters, words", [
    ({"districts": ["Hà Giang"]}, "Unknown district 'Hà Giang'"),
    ({"districts": ["Bắc Hà'); drop view facts; --"]}, "Unknown district"),
    ({"terms": ["2020"]}, "malformed"),
    ({"terms": ["2025-2030"]}, "Unknown term"),
    ({"area_levels": ["village"]}, "Unknown area level"),
    ({"origins": ["rumour"]}, "Unknown data origin"),
])
def test_bad_parameters_get_a_clear_message(db, filters, words):
    with pytest.raises(BadParameter) as caught:
        db.run("facts", **filters)
    assert words in caught.value.message("en") and caught.value.message("vi")
    assert len(db.run("facts")) > 0


def test_unknown_query(db):
    with pytest.raises(UnknownQuery, match="facts"):
        db.run("fact")


def _cli(*args, env_lang="C.UTF-8"):
    return subprocess.run([sys.executable, "-m", "queries", *args], cwd=ROOT, capture_output=True, text=True,
                          env={"LANG": env_lang, "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"})


def test_cli_prints_every_figure_with_its_citation_as_csv(db):
    done = _cli("run", "facts", "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert len(rows) == len(db.run("facts"))
    assert all(r["publisher_vi"] and r["publisher_en"] for r in rows)
    assert all(r["quote"] for r in rows if r["source_kind"] == "article")


def test_cli_filters_and_json():
    done = _cli("run", "rotations_by_term_kind", "--district", "Bắc Hà", "Điện Biên", "--term", "2020-2025", "--format", "json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert {r["district"] for r in rows} == {"Bắc Hà"} and sum(r["kind"] != "total" for r in rows) == 4


def test_cli_list_names_every_query():
    done = _cli("list")
    assert done.returncode == 0
    assert {q.name for q in list_queries()} <= {line.split()[0] for line in done.stdout.splitlines()}


@pytest.mark.parametrize("args, words", [
    (("run", "facts", "--district", "Hà Giang"), "Không có huyện 'Hà Giang'"),
    (("run", "facts", "--term", "2020"), "sai dạng"),
    (("run", "nope"), "Không có truy vấn 'nope'"),
])
def test_cli_bad_parameter_exits_non_zero_with_a_message(args, words):
    done = _cli(*args)
    assert done.returncode == 2
    assert words in done.stderr and "Traceback" not in done.stderr
    english = _cli(*args, env_lang="en_GB.UTF-8")
    assert english.returncode == 2 and "Traceback" not in english.stderr and english.stderr != done.stderr


@pytest.mark.parametrize("command", [("queries", "run"), ("queries", "run", "facts", "--format", "xml"),
                                     ("queries.store_cli",), ("queries.store_cli", "remove"),
                                     ("ui.briefing", "--format", "pdf"), ("queries.sample",)])
def test_every_command_line_speaks_argparses_words_in_the_users_language(command):
    """argparse says "usage:" and "error:" in English unless told otherwise (queries/cli.py)."""
    def ran(lang):
        return subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True,
                              env={"LANG": lang, "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"})
    vietnamese, english = ran("C.UTF-8"), ran("en_GB.UTF-8")
    assert vietnamese.returncode == english.returncode == 2
    assert vietnamese.stderr.startswith("cách dùng: python -m ") and ": lỗi: " in vietnamese.stderr
    assert not {"usage", "error", "required", "invalid", "choose", "argument", "arguments"} & set(
        re.findall(r"[a-z]+", vietnamese.stderr.split("\n", 1)[1].split(": lỗi: ", 1)[1]))
    assert english.stderr.startswith("usage: python -m ") and ": error: " in english.stderr


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_command_lines_help_has_its_headings_in_the_users_language(lang):
    done = subprocess.run([sys.executable, "-m", "queries", "run", "--help"], cwd=ROOT, capture_output=True,
                          text=True, env={"LANG": "en_GB.UTF-8" if lang == "en" else "vi_VN.UTF-8",
                                          "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"})
    headings = [t("argparse:usage: ", lang).strip(), t("argparse:options", lang) + ":",
                t("argparse:show this help message and exit", lang), t("cli_district_help", lang)]
    assert all(heading in done.stdout for heading in headings), done.stdout


@pytest.mark.parametrize("key,values,english", [
    ("register_rejected", {"files": "a.csv", "count": 1}, "a.csv: 1 problem. Nothing was written to the store."),
    ("register_rejected", {"files": "a.csv", "count": 2}, "a.csv: 2 problems. Nothing was written to the store."),
    ("cli_summary", {"written": 1, "rows": 1, "seconds": "0.1"}, "Wrote 1 file, 1 row, in 0.1 s."),
    ("cli_summary", {"written": 3, "rows": 1000, "seconds": "0.1"}, "Wrote 3 files, 1000 rows, in 0.1 s."),
    ("cli_districts_declared", {"n": 1}, "Declared 1 district."),
    ("console_rows", {"n": "1"}, "1 row"),
])
def test_an_english_count_agrees_with_its_number(key, values, english):
    assert t(key, "en", **values) == english
    assert "|" not in t(key, "vi", **values)


def test_published_checks_follow_the_district_filter(db):
    checks = db.run("published_checks", districts=["Bắc Hà"])
    assert set(checks.check_id) == {"rotation_kinds_bac_ha", "lao_cai_avg_yearly_fall"}  # and its province


def test_what_each_district_became_is_in_both_languages(db):
    profiles = db.run("district_overview").drop_duplicates("district").set_index("district")
    assert profiles.loc["Phúc Thọ", "became_on_2025_07_01_vi"] == "3 xã của Hà Nội: Phúc Thọ, Phúc Lộc, Hát Môn"
    assert profiles.loc["Phúc Thọ", "became_on_2025_07_01_en"].startswith("3 communes of Hà Nội")


def test_overview_is_long_one_row_per_district_and_metric(db):
    overview = db.run("district_overview")
    assert len(overview) == 4 * 4 and not overview.duplicated(["district", "metric"]).any()
    assert not [c for c in overview.columns if c.startswith(("rotations_", "poverty_", "ntm_", "non_local_"))]
    bac_ha = _one(overview, district="Bắc Hà", metric="rotations_total")
    assert (bac_ha.value, bac_ha.period_vi, bac_ha.period_en) == (54, "2020 – xuân 2025", "2020 – spring 2025")
    dien_bien = _one(overview, district="Điện Biên", metric="rotations_total")
    assert (dien_bien.value, dien_bien.period_en) == (18, "2010-2015")
    ntm = _one(overview, district="Bắc Hà", metric="ntm_communes")
    # The latest: 7 communes at the end of 2020 (of how many, the page does not say), after 4/19 in 2019.
    assert (ntm.numerator, pd.isna(ntm.denominator), ntm.period_en) == (7, True, "2020")
    assert pd.isna(_one(overview, district="Thanh Trì", metric="rotations_total").value)  # kept, said missing


def test_overview_says_when_a_latest_figure_is_older_than_the_selected_terms(db):
    overview = db.run("district_overview")
    older = set(zip(overview[overview.older_than_terms].district, overview[overview.older_than_terms].metric))
    assert ("Điện Biên", "rotations_total") in older and ("Phúc Thọ", "poverty_rate") in older
    assert ("Bắc Hà", "rotations_total") not in older and set(overview.latest_term) == {"2020-2025"}
    first_term = db.run("district_overview", terms=["2010-2015"])
    assert not first_term.older_than_terms.any() and set(first_term.latest_term) == {"2010-2015"}


def test_published_checks_give_their_note_as_text(db):
    laocai = db.run("published_checks").set_index("check_id").loc["lao_cai_avg_yearly_fall"]
    assert laocai.note_vi.startswith("Bài báo ghi bình quân giảm 5,17") and "5.17" in laocai.note_en


def test_facts_give_quality_notes_as_text(db):
    row = _one(db.run("facts"), figure_id="lci21-07")
    assert row.quality_note_ids == "dq-laocai-avg-fall"
    assert row.quality_notes_en.startswith("The article gives an average fall") and row.quality_notes_vi


def test_every_query_returns_texts_in_pairs(db):
    for name in db.queries:
        frame = db.run(name)
        for column in frame.columns:
            if column.endswith("_vi"):
                assert column[:-3] + "_en" in frame.columns, (name, column)


# ---- Queries computed once for every filter

def filter_sets(db, count: int, seed: int = 7) -> list[dict]:
    """`count` different filter sets: each filter all (None), none ([]) or some of its values."""
    rng = random.Random(seed)

    def some(values):
        return rng.choice([None, [], rng.sample(list(values), rng.randint(1, len(values)))])

    return [{"districts": some(db.districts), "terms": some(db.terms), "area_levels": some(AREA_LEVELS),
             "origins": some(ORIGINS)} for _ in range(count)]


@pytest.fixture(scope="module")
def registered_db(tmp_path_factory):
    """A database whose store holds the generated sample register beside the published figures."""
    return sample_database(tmp_path_factory.mktemp("whole"), events=2000)


def test_a_whole_query_kept_by_the_filters_is_the_query_run_with_them(db, registered_db):
    """The rows `run` keeps from a "whole:" query's result for every filter (or a "whole per:"
    query's result for every district) are exactly, in the same order and with the same types,
    what the query itself gives for those filters."""
    wholes = [q for q in db.queries.values() if q.whole or q.whole_per]
    assert {q.name for q in wholes} >= {"quota_attainment", "field_work", "poverty_series", "published_checks",
                                        "rotations_by_term_kind", "rotation_kind_sums", "rotation_cases",
                                        "district_overview"}
    for database in (db, registered_db):
        for filters in filter_sets(database, 60):
            for query in wholes:
                direct = database.sql(*database.bound(query.name, **filters))  # the filters it does not take ignored
                pd.testing.assert_frame_equal(database.run(query.name, **filters), direct, obj=f"{query.name} {filters}")


def test_a_published_share_joins_the_counts_of_its_own_district_only(db):
    """Two areas of the same name and level in different districts (a published share copied
    into another district): the combined share of one never takes the other's published share,
    so keeping one district's rows of the whole result is the same as computing it for that
    district."""
    cur = db.cursor()
    try:
        cur.begin()  # rolled back below: no other test sees the twin
        twin = cur.execute("select * from facts where metric = 'non_local_share' and origin = 'published' and area in "
                           "(select area from facts where metric = 'non_local_secretaries') limit 1").df()
        assert len(twin) == 1
        other = next(d for d in db.districts if d != twin["district"][0])
        cur.register("twin", twin.assign(district=other, figure_id="twin-share", value=1.0))
        cur.execute("insert into facts select * from twin")
        query = db.queries["quota_attainment"]
        whole = cur.execute(query.sql, dict.fromkeys(query.params)).df()
        for district in (twin["district"][0], other):
            alone = cur.execute(query.sql, {**dict.fromkeys(query.params), "districts": [district]}).df()
            kept = whole[whole["district"] == district].reset_index(drop=True)
            as_objects = lambda f: f.astype(object).where(f.notna(), None)  # noqa: E731 (an empty column is objects)
            pd.testing.assert_frame_equal(as_objects(kept), as_objects(alone))
    finally:
        cur.rollback()
        cur.close()


def test_kept_rows_are_the_rows_filtered_rows_keeps(db, registered_db):
    """`Database.kept_rows`, the vectorised masks a view for new filters keeps a "whole:"
    result's rows with, is `filtered_rows` itself: over every figure (`facts`, with province
    and country rows that have no district), the same rows in the same order, typed alike."""
    from queries.db import Whole

    for database in (db, registered_db):
        cur = database.cursor()
        try:
            facts = Whole.of(cur.execute("select * from facts").df(), cur.execute("select * from facts limit 0").df())
        finally:
            cur.close()
        for filters in filter_sets(database, 60, seed=11):
            macro = database.sql("select * from filtered_facts($districts::varchar[], $terms::varchar[], "
                                 "$area_levels::varchar[], $origins::varchar[])", filters)
            pd.testing.assert_frame_equal(database.kept_rows(facts, **filters), macro, obj=str(filters))
