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


class BadOutPath(DashboardError):
    """An --out path a command line cannot write to: said before any work is done."""


class QueryFailed(DashboardError):
    """A database error, wrapped so callers never see a raw DuckDB traceback."""


def technical_reason(exc: BaseException) -> Msg:
    """A database, file or decoder error as a catalogue reason, in the reader's language.
    DuckDB's and the system's own words are English and often name server paths, so they never
    reach a message; the exception stays chained (`raise ... from exc`) for whoever debugs."""
    import errno

    import duckdb

    text = str(exc)
    if isinstance(exc, duckdb.OutOfMemoryException) or isinstance(exc, MemoryError):
        return Msg("reason_memory")
    if "not a valid DuckDB database file" in text or isinstance(exc, duckdb.SerializationException):
        return Msg("reason_not_a_store")
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC or "No space left" in text:
        return Msg("reason_disk_full")
    if isinstance(exc, PermissionError) or isinstance(exc, duckdb.PermissionException) or "Permission denied" in text:
        return Msg("reason_permission")
    if isinstance(exc, (OSError, duckdb.IOException)):
        return Msg("reason_io")
    if isinstance(exc, UnicodeError):
        return Msg("reason_encoding")
    if isinstance(exc, duckdb.InterruptException):
        return Msg("reason_interrupted")
    return Msg("reason_database", kind=type(exc).__name__)
