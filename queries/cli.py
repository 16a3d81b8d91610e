"""argparse for the command lines, in their language (LANG, queries/i18n.py cli_language):
argparse writes its own words ("usage:", "error:", "the following arguments are required", the
help's headings) in English through gettext; here they come from the catalogue instead."""

from __future__ import annotations

import argparse
import contextlib
import functools

from .i18n import argparse_words


class ArgumentParser(argparse.ArgumentParser):
    """argparse.ArgumentParser whose own words are in `lang`, its subcommands' too."""

    def __init__(self, *args, lang: str, **kwargs):
        self.lang = lang
        with argparse_in(lang):
            super().__init__(*args, **kwargs)

    def add_subparsers(self, **kwargs):
        kwargs.setdefault("parser_class", functools.partial(ArgumentParser, lang=self.lang))
        return super().add_subparsers(**kwargs)

    def parse_known_args(self, args=None, namespace=None):
        with argparse_in(self.lang):
            return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        with argparse_in(self.lang):
            return super().format_usage()

    def format_help(self) -> str:
        with argparse_in(self.lang):
            return super().format_help()


@contextlib.contextmanager
def argparse_in(lang: str):
    """argparse's gettext answering from the catalogue in `lang`, for the duration."""
    words, english = argparse_words(lang), argparse._
    argparse._ = lambda text: words.get(text, english(text))
    try:
        yield
    finally:
        argparse._ = english
