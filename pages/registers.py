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
from queries.i18n import t
from queries.templates import notes_csv, template_csv, template_xlsx
from ui.data import get_database
from ui.frame import page_frame

PASSPHRASE_ENV = "DASHBOARD_ADMIN_PASSPHRASE"
IMPORT_COLUMNS = {"file_name": "reg_col_file", "kind": "reg_col_kind", "imported_at": "reg_col_imported_at",
                  "row_count": "reg_col_rows", "checksum": "reg_col_checksum", "generated": "reg_col_generated",
                  "import_id": "reg_col_import_id"}
COMPARE_COLUMNS = {"district": "district", "area": "area", "metric_{lang}": "metric",
                   "published_period_{lang}": "reg_col_published_period", "register_period_{lang}": "reg_col_register_period",
                   "published_value": "reg_col_published_value", "register_value": "reg_col_register_value",
                   "difference": "difference", "published_publisher_{lang}": "reg_col_published_by",
                   "register_title": "reg_col_register_file", "register_imported_on": "imported_on"}

filters = page_frame("page_registers")
lang = filters.lang


def say(key: str, **values) -> str:
    return t(f"reg_{key}", lang, **values)


def kind_label(kind: str) -> str:
    return t(f"register_kind_{kind}", lang)


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
                           kind=kind_label(register.kind.name)))
            if not register.new_areas.empty:
                st.caption(say("new_communes", names=", ".join(sorted(register.new_areas.area.unique()))))
        else:
            st.info(say("already", file=register.file))
    after_change(db)


db = get_database()
st.title(t("page_registers", lang))
st.write(say("intro"))

st.subheader(say("store"))
store_status = st.container()  # filled last, so it shows the store an import just created

st.subheader(say("templates"))
st.caption(say("templates_note"))
for kind in KINDS.values():
    columns = st.columns([2, 1, 1, 1])
    columns[0].markdown(f"**{kind_label(kind.name)}** · `{kind.name}`")
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
    shown = imports.assign(kind=[kind_label(k) for k in imports.kind],
                           checksum=imports.checksum.str[:16])
    st.dataframe(shown[list(IMPORT_COLUMNS)].rename(columns={k: t(v, lang) for k, v in IMPORT_COLUMNS.items()}),
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
    args = filters.query_args()
    comparison = db.run("register_vs_published", districts=args["districts"], terms=args["terms"],
                        area_levels=args["area_levels"])
    if comparison.empty:
        st.caption(say("compare_none"))
    else:
        columns = {k.format(lang=lang): t(v, lang) for k, v in COMPARE_COLUMNS.items()}
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
