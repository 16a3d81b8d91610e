"""The briefing, as a reader gets it: PDF and PowerPoint files for several views in both
languages, read back with Debian's `pdftotext` and with python-pptx.

Each file is checked against the views the pages show (ui/views.py): the filters, every
figure's value as shown (bounds kept), every quoted sentence and source, the data-quality notes
and the checks, with Vietnamese diacritics intact; the PowerPoint holds a slide per chart with
its picture, a native table and the sources in its notes. One briefing is made by the command
line with no network at all. Making one starts Chromium once (seconds), so a few are made, each
checked for much.
"""

from __future__ import annotations

import dataclasses
import io
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from streamlit.testing.v1 import AppTest

from queries import database
from queries.i18n import t
from tests.registers_support import import_path, sample_files, store_database
from tests.test_app_dashboard import DASHBOARD
from ui.briefing import briefing_name, collect, make_briefing, plain
from ui.selection import LEVELS, Filters
from ui.views import CHART_PAGES, local_runner

ROOT = Path(__file__).resolve().parent.parent
PROBE = Path(__file__).resolve().parent / "offline_probe"
CHROMIUM = Path("/usr/bin/chromium")

pytestmark = pytest.mark.skipif(  # in CI (REQUIRE_BROWSER=1) a missing tool fails instead
    not os.environ.get("REQUIRE_BROWSER") and (not CHROMIUM.exists() or shutil.which("pdftotext") is None),
    reason="needs Debian's chromium and poppler-utils (installed by .ci/run)")


def view_filters(db, lang: str, **changes) -> Filters:
    start = Filters(lang=lang, present=False, districts=tuple(db.focus_districts), terms=tuple(db.terms),
                    area_levels=LEVELS, origin="published", all_terms=tuple(db.terms),
                    link="http://192.0.2.10:8501/?lang=" + lang)
    return dataclasses.replace(start, **changes)


def pdf_text(path: Path) -> str:
    """The PDF's text in the order it was written, words joined across line ends."""
    raw = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], check=True,
                         capture_output=True, text=True).stdout
    return " ".join(raw.split())


def squeezed(text: str) -> str:
    return " ".join(text.split())


def _cli(tmp: Path, *args: str, offline: bool) -> subprocess.CompletedProcess:
    """`python -m ui.briefing …` as the README gives it; `offline`: in a network namespace
    of its own (no network at all) where the system allows one, with the probe recording any
    attempt of Python's to reach another host."""
    log = tmp / "outside.log"
    log.touch()
    command = [sys.executable, "-m", "ui.briefing", *args]
    if offline and shutil.which("unshare") and subprocess.run(["unshare", "-rn", "true"]).returncode == 0:
        command = ["unshare", "-rn", *command]
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(PROBE), "OFFLINE_PROBE_LOG": str(log), "HOME": str(tmp)}
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    result.outside = log.read_text()
    return result


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """The briefings the tests read: (filters, pages, path) by name."""
    db = database()
    tmp = tmp_path_factory.mktemp("briefings")
    files = {}
    # The whole dashboard in Vietnamese, by the command line, with no network.
    out = tmp / "briefing.pdf"
    result = _cli(tmp, "--lang", "vi", "--format", "pdf", "--out", str(out), "--link", "http://192.0.2.10:8501/",
                  offline=True)
    assert result.returncode == 0, result.stderr
    files["vi_pdf_cli"] = (view_filters(db, "vi", link="http://192.0.2.10:8501/"), CHART_PAGES, out, result)
    # One district and one term in English: parts with nothing to show say so.
    filters = view_filters(db, "en", districts=("Thanh Trì", "Phúc Thọ"), terms=("2020-2025",))
    out = tmp / "thanh_tri_en.pdf"
    out.write_bytes(make_briefing(filters, local_runner(db), "pdf"))
    files["en_pdf"] = (filters, CHART_PAGES, out, None)
    # PowerPoint: the whole dashboard in Vietnamese; one district's poverty with its communes in English.
    filters = view_filters(db, "vi")
    out = tmp / "briefing_vi.pptx"
    out.write_bytes(make_briefing(filters, local_runner(db), "pptx"))
    files["vi_pptx"] = (filters, CHART_PAGES, out, None)
    filters = view_filters(db, "en", districts=("Bắc Hà",), area_levels=("commune", "district", "province"))
    out = tmp / "poverty_en.pptx"
    out.write_bytes(make_briefing(filters, local_runner(db), "pptx", ("page_poverty",)))
    files["en_pptx"] = (filters, ("page_poverty",), out, None)
    return files


def _briefing(filters, pages, db=None):
    return collect(filters, local_runner(db or database()), pages)


@pytest.mark.parametrize("name", ["vi_pdf_cli", "en_pdf"])
def test_the_pdf_holds_the_filters_every_value_quote_source_note_and_check(made, name):
    filters, pages, path, _ = made[name]
    text = pdf_text(path)
    assert unicodedata.normalize("NFC", text) == text
    briefing = _briefing(filters, pages)
    assert squeezed(filters.describe()) in text
    assert filters.link in text
    assert t("app_title", filters.lang) in text
    missing = []
    for _, chart in briefing.charts:
        assert chart.title in text
        for number in chart.numbers:
            missing += [value for value in (number.shown, number.label) if squeezed(value) not in text]
        for source in chart.sources:
            missing += [value for value in (source.name, *source.quotes) if squeezed(value) not in text]
            if source.url and source.url not in text.replace(" ", ""):  # a long address wraps
                missing.append(source.url)
        missing += [note for note in chart.notes if squeezed(plain(note)) not in text]
    for note in briefing.quality_notes["note"].drop_duplicates():
        missing += [] if squeezed(note) in text else [note]
    for row in briefing.checks.table.to_dict("records"):
        missing += [value for value in (row[t("area", filters.lang)], row[t("check", filters.lang)])
                    if squeezed(value) not in text]
    assert not missing, missing[:5]


def test_the_vietnamese_pdf_keeps_diacritics_bounds_and_quotes(made):
    text = pdf_text(made["vi_pdf_cli"][2])
    for words in ("Luân chuyển cán bộ và giảm nghèo ở bốn huyện", "Điện Biên", "Phúc Thọ", "Nhiệm kỳ",
                  "Số liệu chính", "Chất lượng số liệu và kiểm tra", "< 2%", "“91 đồng chí được luân chuyển, điều động”"):
        assert words in text


def test_the_pdf_is_a4_landscape_with_its_font_embedded_and_charts_as_vectors(made):
    path = made["vi_pdf_cli"][2]
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+841\.89 x 595\.2\d pts", info)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    dejavu = [line for line in fonts.splitlines() if "DejaVuSans" in line]
    assert dejavu and all(" yes yes yes " in line for line in dejavu)  # embedded, subset, with Unicode
    assert not subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True,
                              check=True).stdout.splitlines()[2:]  # no raster image: charts are drawn as vectors


def test_parts_with_nothing_to_show_say_so_on_the_cover(made):
    filters, pages, path, _ = made["en_pdf"]
    text = pdf_text(path)
    empty = _briefing(filters, pages).empty_parts
    assert empty and t("briefing_empty_parts", "en") in text
    assert [part for part in empty if squeezed(part) not in text] == []


def test_the_command_line_reached_no_other_host(made):
    result = made["vi_pdf_cli"][3]
    assert result.outside == ""
    assert t("briefing_written", "vi", path="") in result.stderr


def test_a_bad_district_on_the_command_line_is_a_clear_message(tmp_path):
    result = _cli(tmp_path, "--district", "Nowhere", "--format", "pdf", "--out", str(tmp_path / "x.pdf"),
                  "--lang", "en", offline=False)
    assert result.returncode == 2
    assert "Unknown district 'Nowhere'" in result.stderr
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize("name", ["vi_pptx", "en_pptx"])
def test_the_pptx_has_a_slide_per_chart_with_picture_table_and_sourced_notes(made, name):
    filters, pages, path, _ = made[name]
    deck = Presentation(io.BytesIO(path.read_bytes()))
    assert deck.slide_width * 9 == deck.slide_height * 16
    briefing = _briefing(filters, pages)
    slides = list(deck.slides)
    titles = [slide.shapes.title.text for slide in slides]
    assert t("app_title", filters.lang) == titles[0]
    cover = " ".join(shape.text_frame.text for shape in slides[0].shapes if shape.has_text_frame)
    assert filters.describe() in cover and filters.link in cover
    assert titles[-1] == t("briefing_closing", filters.lang)
    for _, chart in briefing.charts:
        own = [s for s in slides if re.fullmatch(rf"{re.escape(chart.title)}( · \d+/\d+)?", s.shapes.title.text)
               or s.shapes.title.text == t("briefing_continued", filters.lang, title=chart.title)]
        assert own, chart.title
        first = own[0]
        assert any(shape.shape_type == MSO_SHAPE_TYPE.PICTURE for shape in first.shapes) == (chart.figure is not None)
        cells = [cell.text for slide in own for shape in slide.shapes if shape.has_table
                 for row in shape.table.rows for cell in row.cells]
        assert [n.shown for n in chart.numbers if n.shown not in cells] == []
        notes = first.notes_slide.notes_text_frame.text
        for source in chart.sources:
            assert source.name in notes
            assert all(quote in notes for quote in source.quotes)


def test_the_pptx_continues_a_long_table_on_the_next_slide(made):
    """Hà Nội's poverty rates with Phúc Thọ's and Thanh Trì's (more than a dozen) do not fit beside their chart."""
    path = made["vi_pptx"][2]
    titles = [slide.shapes.title.text for slide in Presentation(io.BytesIO(path.read_bytes())).slides]
    chart = t("poverty_against", "vi", measure=t("latest_poverty", "vi"), districts="Phúc Thọ, Thanh Trì",
              province="Hà Nội")
    assert t("briefing_continued", "vi", title=chart) in titles


def test_register_figures_and_sample_data_keep_their_labels(tmp_path):
    db = store_database(tmp_path / "store.duckdb")
    for path in sample_files(tmp_path / "sample").values():
        import_path(db, path)
    filters = view_filters(db, "vi", origin="both")
    out = tmp_path / "registers.pdf"
    out.write_bytes(make_briefing(filters, local_runner(db), "pdf", ("page_rotations",)))
    text = pdf_text(out)
    assert t("sample_banner", "vi") in text
    assert f"{t('register', 'vi')} ({t('sample_short', 'vi')})" in text  # 'Sổ đăng ký (mẫu)'
    briefing = _briefing(filters, ("page_rotations",), db)
    registered = [n for _, c in briefing.charts for n in c.numbers if n.origin != t("published", "vi")]
    assert registered and all(f"{n.period} · {n.origin}" in text for n in registered)


def test_file_names_follow_the_download_pattern(made):
    filters = made["en_pdf"][0]
    assert re.fullmatch(r"briefing_thanh-tri-phuc-tho_2020-2025_\d{4}-\d{2}-\d{2}\.pdf",
                        briefing_name(filters, CHART_PAGES, "pdf"))
    assert briefing_name(filters, ("page_quotas",), "pptx").startswith("briefing-quotas_")


def test_the_sidebar_makes_this_pages_briefing_with_progress_and_offers_it():
    at = AppTest.from_file(DASHBOARD, default_timeout=120)
    at.run()
    at.switch_page("pages/rotations.py").run()
    assert not at.exception
    at.session_state["briefing_expander"] = True  # the reader opens «Briefing»: its form is drawn then
    at.run()
    at.button(key="briefing_make").click().run()
    assert not at.exception, [e.value for e in at.exception]
    (_, name, data) = at.session_state["briefing_file"]
    assert data.startswith(b"%PDF") and name.startswith("ban-tom-tat-luan-chuyen_")
    assert t("briefing_download", "vi", file=name) in [d.proto.label for d in at.get("download_button")]


def pdf_pages(path: Path) -> list[str]:
    """Each page's text as `pdftotext -layout` gives it, spaces squeezed."""
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                                                               check=True).stdout).group(1))
    return [squeezed(subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", "-f", str(n), "-l", str(n), str(path), "-"],
                                    capture_output=True, text=True, check=True).stdout) for n in range(1, pages + 1)]


@pytest.mark.parametrize("name", ["vi_pdf_cli", "en_pdf"])
def test_each_charts_sources_and_key_numbers_are_on_the_charts_own_page(made, name):
    """A chart's page (or each page of a chart split at its labels) holds every one of its
    sources and its first key numbers; every value a bar or point is labelled with is a key
    number (Phúc Thọ's 20/20 of 2022 among them)."""
    filters, pages, path, _ = made[name]
    texts = pdf_pages(path)
    for _, chart in _briefing(filters, pages).charts:
        if chart.figure is None:
            continue
        own = [text for text in texts[1:] if re.search(rf"{re.escape(chart.title)}( · \d+/\d+)? (?!\()", text)
               and t("briefing_continued", filters.lang, title=chart.title) not in text]
        assert own, chart.title
        for text in own:
            assert t("key_numbers", filters.lang) in text and squeezed(chart.numbers[0].shown) in text
            for source in chart.sources:
                assert f"[{chart.sources.index(source) + 1}] {squeezed(source.name)}" in text, (chart.title, source.name)
        shown = " ".join(number.shown for number in chart.numbers)
        labels = [label for trace in chart.figure.data if trace.type == "bar" and chart.key != "overview"
                  for label in (trace.text if trace.text is not None else ())]
        values = [label.split(" · ")[0] for label in labels]  # a rotations bar says whose it is: '54 · Bắc Hà (huyện)'
        assert [value for value in values if value not in shown] == []


def test_the_pptx_shapes_fit_inside_their_slides(made):
    for name in ("vi_pptx", "en_pptx"):
        deck = Presentation(io.BytesIO(made[name][2].read_bytes()))
        for number, slide in enumerate(deck.slides, start=1):
            for shape in slide.shapes:
                assert shape.left >= 0 and shape.top >= 0, (name, number, shape.name)
                assert shape.left + shape.width <= deck.slide_width, (name, number, shape.name)
                assert shape.top + shape.height <= deck.slide_height, (name, number, shape.name)


def test_no_document_points_to_a_sidebar(made):
    for name in ("vi_pdf_cli", "en_pdf"):
        text = pdf_text(made[name][2]).lower()
        assert "sidebar" not in text and "thanh bên" not in text


def test_the_briefing_says_what_it_leaves_out(made):
    filters, _, path, _ = made["vi_pdf_cli"]
    assert squeezed(t("briefing_communes_left_out", "vi")) in pdf_text(path)


@pytest.mark.parametrize("out", ["missing/briefing.pdf", "."])
def test_a_bad_out_path_is_refused_before_any_drawing(tmp_path, out):
    result = _cli(tmp_path, "--format", "pdf", "--lang", "en", "--out", str(tmp_path / out), offline=False)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert ("does not exist" if "missing" in out else "is a folder") in result.stderr
    assert t("briefing_step_charts", "en", done=0, total=1)[:10] not in result.stderr  # nothing was drawn


def test_a_bad_package_out_path_is_a_clear_message(tmp_path):
    result = subprocess.run([sys.executable, "-m", "queries", "package", "--out", str(tmp_path / "no" / "x.zip")],
                            cwd=ROOT, capture_output=True, text=True, env={**os.environ, "LANG": "en_GB.UTF-8"})
    assert result.returncode == 2 and "Traceback" not in result.stderr and "does not exist" in result.stderr


def test_a_view_with_no_figures_says_so_and_exits_non_zero_unless_allowed(tmp_path):
    out = tmp_path / "empty.pdf"
    args = ("--format", "pdf", "--lang", "en", "--origin", "register", "--out", str(out))
    result = _cli(tmp_path, *args, offline=False)
    assert result.returncode == 3 and t("briefing_nothing", "en") in result.stderr and not out.exists()
    result = _cli(tmp_path, *args, "--allow-empty", offline=False)
    assert result.returncode == 0 and t("briefing_nothing", "en") in result.stderr
    assert t("briefing_nothing", "en") in pdf_text(out)


def test_the_quota_targets_are_cited_where_they_are_set(made):
    """Hà Nội's 50% (Resolution 04) and Thanh Trì's 50% for chairs, each with its sentence."""
    text = pdf_text(made["vi_pdf_cli"][2])
    for sentence in ("chủ trương 50% bí thư, chủ tịch UBND xã, thị trấn không phải là người địa phương",
                     "nâng tỷ lệ Chủ tịch UBND xã, thị trấn không là người địa phương lên 50%"):
        assert f"“{sentence}”" in text
