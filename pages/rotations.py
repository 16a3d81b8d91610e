"""Rotations: counts by term and kind across districts, totals against the sum of kinds, named cases."""

from __future__ import annotations

from ui.data import shared_view
from ui.frame import page_frame
from ui.widgets import page_header, show_section

filters = page_frame("page_rotations")
view = shared_view("page_rotations", filters)
page_header(filters, "page_rotations", "rotations_intro", [view.generated])
for section in view.sections:
    show_section(section, filters)
