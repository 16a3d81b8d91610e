"""What the reader chose (language, filters) as a plain value, without Streamlit.

The page frame builds it from the sidebar (ui/filters.py); the briefing's command line builds
it from its arguments. Both give it to the same views and documents.
"""

from __future__ import annotations

from dataclasses import dataclass

from queries.i18n import DEFAULT_LANG, t

LEVELS = ("commune", "district", "province", "country")
ORIGIN_CHOICES = {"published": ["published"], "register": ["register"], "both": None}
DEFAULT_ORIGIN = "published"


@dataclass(frozen=True)
class Filters:
    """What every page shows: language, presentation mode and the query filters."""

    lang: str
    present: bool
    districts: tuple[str, ...]
    terms: tuple[str, ...]
    area_levels: tuple[str, ...]
    origin: str
    all_terms: tuple[str, ...]
    link: str = ""  # the full address of this view, for the room (set by the page frame)

    def query_args(self) -> dict:
        """Keyword arguments for `db.run`: every term selected means no term filter, so
        figures with no term stay visible."""
        return {
            "districts": list(self.districts),
            "terms": None if set(self.terms) == set(self.all_terms) else list(self.terms),
            "area_levels": None if set(self.area_levels) == set(LEVELS) else list(self.area_levels),
            "origins": ORIGIN_CHOICES[self.origin],
        }

    @property
    def registers_only(self) -> bool:
        return self.origin == "register"

    def describe(self) -> str:
        """The filters in one line, for a saved chart or a document: 'Huyện: Bắc Hà · Nhiệm kỳ:
        tất cả · …'."""
        lang = self.lang
        every = t("all", lang)
        terms = ", ".join(self.terms) if set(self.terms) != set(self.all_terms) else every
        levels = (", ".join(t(f"level_{level}", lang).lower() for level in self.area_levels)
                  if set(self.area_levels) != set(LEVELS) else every)
        return " · ".join([f"{t('districts', lang)}: {', '.join(self.districts) or '–'}",
                           f"{t('terms', lang)}: {terms or '–'}", f"{t('area_levels', lang)}: {levels or '–'}",
                           f"{t('data_source', lang)}: {t(f'origin_{self.origin}', lang)}"])


def defaults(db) -> dict:
    """The filters a reader starts with, by URL parameter name."""
    return {"lang": DEFAULT_LANG, "present": False, "district": list(db.focus_districts),
            "term": list(db.terms), "level": list(LEVELS), "origin": DEFAULT_ORIGIN}


def url_params(filters: Filters, db) -> dict[str, list[str]]:
    """The URL parameters for `filters`: only the values that differ from the defaults."""
    start = defaults(db)
    current = {"lang": filters.lang, "present": filters.present, "district": list(filters.districts),
               "term": list(filters.terms), "level": list(filters.area_levels), "origin": filters.origin}
    wanted: dict[str, list[str]] = {}
    for key, value in current.items():
        if value == start[key]:
            continue
        if key == "present":
            wanted[key] = ["1"]
        elif isinstance(value, list):
            wanted[key] = value or [""]
        else:
            wanted[key] = [value]
    return wanted
