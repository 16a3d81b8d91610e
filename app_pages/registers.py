"""Registers: templates, validated import into the local store, the list of imports, and
register figures beside the published ones.

Anyone may look; importing and removing need the admin passphrase (Streamlit secrets
`admin_passphrase` or env var DASHBOARD_ADMIN_PASSPHRASE). Every file is checked completely
before anything is written, and each import is one transaction in the store.
"""

from __future__ import annotations

import hmac
import os

import pandas as pd
import streamlit as st

from queries import DashboardError
from queries.registers import KINDS, RegisterRejected, check
from queries.sample import PREFIX as GENERATED_PREFIX
from queries.store import STORE_ENV, configured_path, streamlit_secret
from queries.templates import notes_csv, template_csv, template_xlsx
from ui.data import get_database
from ui.filters import current

PASSPHRASE_ENV = "DASHBOARD_ADMIN_PASSPHRASE"
TEXT = {
    "title": ("Sổ đăng ký", "Registers"),
    "intro": ("Nhập sổ đăng ký của bạn (sự kiện luân chuyển, bí thư và chủ tịch xã, hộ nghèo theo xã). "
              "Các trang khác tính số liệu từ sổ giống như số liệu đã công bố; chọn «Sổ đăng ký của tôi» "
              "hoặc «Cả hai» ở thanh bên. Số liệu gốc đi kèm không bao giờ bị sửa.",
              "Import your own registers (rotation events, commune secretaries and chairs, commune "
              "poverty). The other pages compute figures from them just like the published ones; choose "
              "«My registers» or «Both» in the sidebar. The bundled data is never changed."),
    "store": ("Kho sổ đăng ký", "Register store"),
    "store_at": ("Kho: `{path}`", "Store: `{path}`"),
    "store_none": ("Chưa có kho; lần nhập đầu tiên sẽ tạo `{path}`.",
                   "No store yet; the first import creates `{path}`."),
    "store_read_only": ("Kho chỉ đọc được: xem được, không nhập hay xoá được.",
                        "The store is read-only: you can look, not import or remove."),
    "templates": ("Mẫu sổ đăng ký", "Register templates"),
    "templates_note": ("Mỗi mẫu có một dòng ví dụ. Tệp CSV: ghi chú các cột ở tệp riêng «ghi chú» để "
                       "tệp dữ liệu vẫn nhập được. Tệp Excel: ghi chú ở trang tính thứ hai. Nhận CSV UTF-8 "
                       "(có hoặc không BOM), CSV Windows-1258 và XLSX.",
                       "Each template has one example row. CSV: the column notes are a separate «notes» "
                       "file, so the data file still imports. Excel: notes on the second sheet. Accepted: "
                       "CSV in UTF-8 (with or without BOM), CSV in Windows-1258, and XLSX."),
    "csv": ("Mẫu CSV", "CSV template"),
    "notes": ("Ghi chú CSV", "CSV notes"),
    "xlsx": ("Mẫu Excel", "Excel template"),
    "import": ("Nhập sổ", "Import"),
    "no_passphrase": ("Chưa đặt mật khẩu quản trị, nên chưa ai nhập hay xoá được. Đặt một trong hai:\n\n"
                      "1. trong `.streamlit/secrets.toml`: `admin_passphrase = \"...\"`\n"
                      "2. biến môi trường `DASHBOARD_ADMIN_PASSPHRASE=...` trước khi chạy "
                      "`streamlit run dashboard.py`\n\nrồi khởi động lại ứng dụng.",
                      "No admin passphrase is set, so nobody can import or remove. Set one of:\n\n"
                      "1. in `.streamlit/secrets.toml`: `admin_passphrase = \"...\"`\n"
                      "2. the environment variable `DASHBOARD_ADMIN_PASSPHRASE=...` before "
                      "`streamlit run dashboard.py`\n\nthen restart the app."),
    "passphrase": ("Mật khẩu quản trị", "Admin passphrase"),
    "wrong_passphrase": ("Sai mật khẩu.", "Wrong passphrase."),
    "upload": ("Chọn tệp sổ đăng ký (CSV hoặc XLSX)", "Choose register files (CSV or XLSX)"),
    "generated": ("Đây là dữ liệu mẫu sinh tự động", "This is generated sample data"),
    "do_import": ("Kiểm tra và nhập", "Check and import"),
    "rejected": ("{file}: {count} lỗi. Chưa ghi gì vào kho.",
                 "{file}: {count} problems. Nothing was written to the store."),
    "not_written": ("Có tệp bị lỗi nên không tệp nào được nhập.",
                    "A file has problems, so no file was imported."),
    "imported": ("Đã nhập {file}: {rows} dòng ({kind}).", "Imported {file}: {rows} rows ({kind})."),
    "already": ("{file} đã được nhập trước đây (cùng nội dung): không thay đổi gì.",
                "{file} was imported before (same content): nothing changed."),
    "new_communes": ("Xã mới với bảng điều khiển: {names}", "Communes new to the dashboard: {names}"),
    "imports": ("Các lần nhập", "Imports"),
    "no_imports": ("Chưa có lần nhập nào.", "Nothing imported yet."),
    "remove": ("Xoá lần nhập", "Remove import"),
    "removed": ("Đã xoá lần nhập {id}.", "Removed import {id}."),
    "compare": ("Sổ đăng ký so với số liệu đã công bố", "Registers against published figures"),
    "compare_note": ("Nơi sổ và số liệu công bố cùng nói về một huyện (xã), một chỉ tiêu và một thời kỳ. "
                     "Chênh lệch = sổ − công bố.",
                     "Where a register and a published figure cover the same district (commune), "
                     "metric and period. Difference = register − published."),
    "compare_none": ("Chưa có số liệu sổ nào trùng với số liệu đã công bố.",
                     "No register figure covers a published one yet."),
    "generated_label": ("Dữ liệu mẫu sinh tự động", "Generated sample data"),
}
IMPORT_COLUMNS = {"file_name": ("Tệp", "File"), "kind": ("Loại sổ", "Register"),
                  "imported_at": ("Thời gian nhập", "Imported at"), "row_count": ("Số dòng", "Rows"),
                  "checksum": ("Mã kiểm", "Checksum"), "generated": ("Dữ liệu mẫu", "Generated"),
                  "import_id": ("Mã lần nhập", "Import id")}
COMPARE_COLUMNS = {"district": ("Huyện", "District"), "area": ("Địa bàn", "Area"),
                   "metric_{lang}": ("Chỉ tiêu", "Metric"), "published_period": ("Kỳ công bố", "Published period"),
                   "register_period": ("Kỳ trong sổ", "Register period"),
                   "published_value": ("Công bố", "Published"), "register_value": ("Trong sổ", "In the register"),
                   "difference": ("Chênh lệch", "Difference"), "published_publisher": ("Nguồn công bố", "Published by"),
                   "register_title": ("Tệp sổ", "Register file"), "register_imported_on": ("Nhập lúc", "Imported")}

lang = current().lang


def say(key: str, **values) -> str:
    vi, en = TEXT[key]
    return (en if lang == "en" else vi).format(**values)


def label(pair: tuple[str, str]) -> str:
    return pair[1] if lang == "en" else pair[0]


def admin_passphrase() -> str | None:
    return streamlit_secret("admin_passphrase") or os.environ.get(PASSPHRASE_ENV) or None


def is_admin() -> bool:
    """Asks for the passphrase once per session; compared in constant time."""
    expected = admin_passphrase()
    if expected is None:
        st.info(say("no_passphrase"), icon=":material/lock:")
        return False
    if st.session_state.get("registers_admin"):
        return True
    given = st.text_input(say("passphrase"), type="password", key="registers_passphrase")
    if given:
        if hmac.compare_digest(given.encode(), expected.encode()):
            st.session_state["registers_admin"] = True
            return True
        st.error(say("wrong_passphrase"))
    return False


def store_or_report(db):
    """The attached store, attaching (and creating) it for a first import."""
    if db.store is None and db.store_error is None:
        db.attach_store(configured_path())
    if db.store_error is not None:
        st.error(db.store_error.message(lang))
    return db.store


def after_change(db) -> None:
    """Registers changed (the store has rebuilt `facts`): drop every cached result."""
    st.cache_data.clear()


def import_files(db, files, generated: bool) -> None:
    """Check every file first; write only when all pass, each file in its own transaction."""
    store = store_or_report(db)
    if store is None:
        return
    reference = store.reference()
    checked, failed = [], False
    for upload in files:
        try:
            checked.append(check(upload.name, upload.getvalue(), reference))
        except RegisterRejected as exc:
            failed = True
            st.error(say("rejected", file=upload.name, count=len(exc.problems)))
            st.dataframe(exc.table(lang), hide_index=True, width="stretch")
    if failed:
        st.warning(say("not_written"))
        return
    for register in checked:
        try:
            result = store.import_register(
                register, generated=generated or register.file.startswith(GENERATED_PREFIX))
        except RegisterRejected as exc:
            st.error(say("rejected", file=register.file, count=len(exc.problems)))
            st.dataframe(exc.table(lang), hide_index=True, width="stretch")
            continue
        except DashboardError as exc:
            st.error(exc.message(lang))
            continue
        if result.created:
            st.success(say("imported", file=register.file, rows=result.rows,
                           kind=label((register.kind.label_vi, register.kind.label_en))))
            if not register.new_areas.empty:
                st.caption(say("new_communes", names=", ".join(sorted(register.new_areas.area.unique()))))
        else:
            st.info(say("already", file=register.file))
    after_change(db)


db = get_database()
st.title(say("title"))
st.write(say("intro"))

st.subheader(say("store"))
store_status = st.container()  # filled last, so it shows the store an import just created

st.subheader(say("templates"))
st.caption(say("templates_note"))
for kind in KINDS.values():
    columns = st.columns([2, 1, 1, 1])
    columns[0].markdown(f"**{label((kind.label_vi, kind.label_en))}** · `{kind.name}`")
    columns[1].download_button(say("csv"), template_csv(kind.name), f"{kind.name}.csv", "text/csv",
                               key=f"tpl_csv_{kind.name}")
    columns[2].download_button(say("notes"), notes_csv(kind.name), f"{kind.name}_notes.csv", "text/csv",
                               key=f"tpl_notes_{kind.name}")
    columns[3].download_button(
        say("xlsx"), template_xlsx(kind.name), f"{kind.name}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=f"tpl_xlsx_{kind.name}")

st.subheader(say("import"))
admin = is_admin()
if admin:
    with st.form("register_import", clear_on_submit=True):
        files = st.file_uploader(say("upload"), type=["csv", "xlsx"], accept_multiple_files=True)
        generated = st.checkbox(say("generated"))
        submitted = st.form_submit_button(say("do_import"), type="primary")
    if submitted and files:
        import_files(db, files, generated)

st.subheader(say("imports"))
imports = db.store.imports() if db.store is not None else pd.DataFrame()
if imports.empty:
    st.caption(say("no_imports"))
else:
    shown = imports.assign(kind=[label((KINDS[k].label_vi, KINDS[k].label_en)) for k in imports.kind],
                           checksum=imports.checksum.str[:16])
    st.dataframe(shown[list(IMPORT_COLUMNS)].rename(columns={k: label(v) for k, v in IMPORT_COLUMNS.items()}),
                 hide_index=True, width="stretch")
    if admin and not db.store.read_only:
        choices = dict(zip(imports.import_id, imports.file_name + " · " + imports.import_id))
        chosen = st.selectbox(say("remove"), list(choices), format_func=choices.get, key="remove_choice")
        if st.button(say("remove"), key="remove_import"):
            try:
                db.store.remove(chosen)
            except DashboardError as exc:
                st.error(exc.message(lang))
            else:
                after_change(db)
                st.success(say("removed", id=chosen))
                st.rerun()

st.subheader(say("compare"))
st.caption(say("compare_note"))
if imports.empty:
    st.caption(say("compare_none"))
else:
    filters = current().query_args()
    comparison = db.run("register_vs_published", districts=filters["districts"], terms=filters["terms"],
                        area_levels=filters["area_levels"])
    if comparison.empty:
        st.caption(say("compare_none"))
    else:
        columns = {k.format(lang=lang): label(v) for k, v in COMPARE_COLUMNS.items()}
        st.dataframe(comparison[list(columns)].rename(columns=columns), hide_index=True, width="stretch")

with store_status:
    if db.store is not None:
        st.caption(say("store_at", path=db.store.path))
        if db.store.read_only:
            st.warning(say("store_read_only"))
    elif db.store_error is not None:
        st.error(db.store_error.message(lang))
    else:
        st.caption(say("store_none", path=configured_path()))
    if os.environ.get(STORE_ENV):
        st.caption(f"{STORE_ENV}={os.environ[STORE_ENV]}")
