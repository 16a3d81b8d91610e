"""Our own exceptions. Each carries a catalogue key and its values, not a sentence, so the app
and the command line say it in the reader's language (`message(lang)`)."""

from .i18n import Msg, t


class DashboardError(Exception):
    """Base class: `key` names the message in queries/i18n.py, `values` fill its placeholders."""

    def __init__(self, key: str, **values):
        self.msg = Msg(key, **values)
        super().__init__(self.message("en"))

    def message(self, lang: str = "vi") -> str:
        return self.msg.text(lang)


class BundleError(DashboardError):
    """A bundled data file breaks a rule: names the file, line and column."""

    def __init__(self, file: str, line: int | None, column: str | None, key: str, **values):
        self.file, self.line, self.column = file, line, column
        super().__init__(key, **values)

    def message(self, lang: str = "vi") -> str:
        where = self.file + (t("at_line", lang, line=self.line) if self.line else "")
        where += t("at_column", lang, column=self.column) if self.column else ""
        return f"{where}: {self.msg.text(lang)}"


class UnknownQuery(DashboardError):
    pass


class BadParameter(DashboardError):
    pass


class QueryFailed(DashboardError):
    """A database error, wrapped so callers never see a raw DuckDB traceback."""
