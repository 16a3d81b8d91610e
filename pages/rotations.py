"""Rotations: counts by term and kind across districts, totals against the sum of kinds, named cases."""

from __future__ import annotations

from ui.data import run_query
from ui.frame import page_frame
from ui.views import page_view
from ui.widgets import page_header, show_section

filters = page_frame("page_rotations")
view = page_view("page_rotations", filters, run_query)
page_header(filters, "page_rotations", "rotations_intro", [view.generated])
for section in view.sections:
    show_section(section, filters)
