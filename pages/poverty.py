"""Poverty: rate trends for districts, communes and provinces, with bounds and standard changes."""

from __future__ import annotations

import streamlit as st

from ui.data import shared_view
from ui.frame import page_frame
from ui.widgets import page_header, quality_notes, show_section

filters = page_frame("page_poverty")
view = shared_view("page_poverty", filters)
page_header(filters, "page_poverty", "poverty_intro", [view.generated])
for caption in view.captions:
    st.caption(caption)
for section in view.sections:
    show_section(section, filters)
quality_notes(view, filters.lang)
