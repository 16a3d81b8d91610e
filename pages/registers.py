"""Registers: templates, validated import into the register store, the list of imports, and
register figures beside the published ones.

Anyone may look; importing and removing need the admin passphrase (ui/access.py). The files of
one import are checked together and written in one store transaction, or not at all
(Database.import_registers, the same function as the command line's).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from queries import DashboardError
from queries.i18n import t
from queries.registers import KINDS, RegisterFile, RegisterRejected
from queries.templates import notes_csv, template_csv, template_xlsx
from ui.access import is_admin
from ui.data import get_database
from ui.frame import page_frame
from ui.widgets import show_table

IMPORT_COLUMNS = {"file_name": "reg_col_file", "kind": "reg_col_kind", "imported_at": "reg_col_imported_at",
                  "row_count": "reg_col_rows", "checksum": "reg_col_checksum", "generated": "reg_col_generated",
                  "import_id": "reg_col_import_id"}
COMPARE_COLUMNS = {"district": "district", "area": "area", "metric_{lang}": "metric",
                   "published_period_{lang}": "reg_col_published_period", "register_period_{lang}": "reg_col_register_period",
                   "published_value": "reg_col_published_value", "register_value": "reg_col_register_value",
                   "difference": "difference", "published_publisher_{lang}": "reg_col_published_by",
                   "register_title": "reg_col_register_file", "register_imported_on": "imported_on"}
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

filters = page_frame("page_registers")
lang = filters.lang


def say(key: str, **values) -> str:
    return t(f"reg_{key}", lang, **values)


def kind_label(kind: str) -> str:
    return t(f"register_kind_{kind}", lang)


def import_files(db, files, generated: bool) -> None:
    """One import of every chosen file; then what was written, file by file, and how each was read."""
    try:
        report = db.import_registers([RegisterFile(f.name, data=f.getvalue()) for f in files], generated=generated)
    except RegisterRejected as exc:
        st.error(exc.message(lang))
        show_table(exc.table(lang), lang, "registers_problems_table")
        return
    except DashboardError as exc:
        st.error(exc.message(lang))
        return
    for file in report.files:
        if file.created:
            st.success(say("imported", file=file.file, rows=file.rows, kind=kind_label(file.kind)))
        else:
            st.info(say("not_rewritten", file=file.file))
        st.caption(" · ".join(note.text(lang) for note in file.notes))


db = get_database()
st.title(t("page_registers", lang))
st.write(say("intro"))

st.subheader(say("store"))
store_status = st.container()  # filled last, so it shows the snapshot an import just made

st.subheader(say("templates"))
st.caption(say("templates_note"))
for kind in KINDS.values():
    columns = st.columns([2, 1, 1, 1])
    columns[0].markdown(f"**{kind_label(kind.name)}** · `{kind.name}`")
    # Each file is made when its button is clicked, not for every viewer of the page.
    columns[1].download_button(say("csv"), lambda name=kind.name: template_csv(name), f"{kind.name}.csv", "text/csv",
                               key=f"tpl_csv_{kind.name}", on_click="ignore")
    columns[2].download_button(say("notes"), lambda name=kind.name: notes_csv(name), f"{kind.name}_notes.csv",
                               "text/csv", key=f"tpl_notes_{kind.name}", on_click="ignore")
    columns[3].download_button(say("xlsx"), lambda name=kind.name: template_xlsx(name), f"{kind.name}.xlsx",
                               XLSX_MIME, key=f"tpl_xlsx_{kind.name}", on_click="ignore")

st.subheader(say("import"))
admin = is_admin(lang)
if admin:
    with st.form("register_import", clear_on_submit=True):
        files = st.file_uploader(say("upload"), type=["csv", "tsv", "txt", "xlsx"], accept_multiple_files=True)
        generated = st.checkbox(say("generated"))
        submitted = st.form_submit_button(say("do_import"), type="primary")
    if submitted and files:
        import_files(db, files, generated)

st.subheader(say("imports"))
imports = db.imports()
if imports.empty:
    st.caption(say("no_imports"))
else:
    shown = imports.assign(kind=[kind_label(k) for k in imports.kind], checksum=imports.checksum.str[:16])
    show_table(shown[list(IMPORT_COLUMNS)].rename(columns={k: t(v, lang) for k, v in IMPORT_COLUMNS.items()}),
               lang, "registers_imports_table")
    if admin:
        choices = dict(zip(imports.import_id, imports.file_name + " · " + imports.import_id))
        chosen = st.selectbox(say("remove"), list(choices), format_func=choices.get, key="remove_choice")
        if st.button(say("remove"), key="remove_import"):
            try:
                db.remove_import(chosen)
            except DashboardError as exc:
                st.error(exc.message(lang))
            else:
                st.success(say("removed", id=chosen))
                st.rerun()

st.subheader(say("compare"))
st.caption(say("compare_note"))
comparison = pd.DataFrame()
if not imports.empty:
    args = filters.query_args()
    comparison = db.run("register_vs_published", districts=args["districts"], terms=args["terms"],
                        area_levels=args["area_levels"])
if comparison.empty:
    st.caption(say("compare_none"))
else:
    columns = {k.format(lang=lang): t(v, lang) for k, v in COMPARE_COLUMNS.items()}
    show_table(comparison[list(columns)].rename(columns=columns), lang, "registers_compare_table")

with store_status:  # what the store holds, never where it is on the server
    if db.store_error is not None:
        st.error(db.store_error.message(lang))
    if db.store.repaired is not None:
        st.warning(db.store.repaired.text(lang))
    latest = db.imports()
    if latest.empty:
        st.caption(say("store_empty"))
    else:
        st.caption(say("store_state", imports=len(latest), rows=int(latest.row_count.sum()),
                       when=latest.imported_at.max().strftime("%d/%m/%Y %H:%M")))
