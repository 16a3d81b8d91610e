"""Our own exceptions: every message exists in Vietnamese and English, so the app and the
command line can speak the user's language."""

import os


def cli_language() -> str:
    """The command line's language: English when the environment says so (LANG=en_*)."""
    return "en" if os.environ.get("LANG", "").startswith("en") else "vi"


class DashboardError(Exception):
    """Base class; `vi` and `en` hold the same message in each language."""

    def __init__(self, vi: str, en: str):
        super().__init__(f"{vi} / {en}")
        self.vi = vi
        self.en = en

    def message(self, lang: str = "vi") -> str:
        return self.en if lang == "en" else self.vi


class BundleError(DashboardError):
    """A bundled data file breaks a rule: names the file, line and column."""

    def __init__(self, file: str, line: int | None, column: str | None, vi: str, en: str):
        where_vi = f"{file}" + (f", dòng {line}" if line else "") + (f", cột {column}" if column else "")
        where_en = f"{file}" + (f", line {line}" if line else "") + (f", column {column}" if column else "")
        super().__init__(f"{where_vi}: {vi}", f"{where_en}: {en}")
        self.file, self.line, self.column = file, line, column


class UnknownQuery(DashboardError):
    pass


class BadParameter(DashboardError):
    pass


class QueryFailed(DashboardError):
    """A database error, wrapped so callers never see a raw DuckDB traceback."""
