"""Keeping a person's text inert, and keeping tracebacks off the page.

Streamlit renders the body of ``st.markdown``, ``st.error`` and friends as Markdown (with
LaTeX between ``$`` signs, emoji and colour directives after ``:``, and bare ``www.``
links). Any text that may carry what a person typed or uploaded goes through
:func:`plain` first, which backslash-escapes every ASCII punctuation mark: CommonMark
shows an escaped mark literally, so nothing in it can become markup or math. The
frontend's GitHub-style autolinking still turns ``http://…``, ``www.…`` and
``name@host`` into links, so an invisible word joiner goes after the ``:`` of ``://``,
after ``@`` and after ``www``.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Callable

import streamlit as st

from ..errors import PsoasCheckError

__all__ = ["guarded", "plain"]

_ESCAPES = {ord(ch): "\\" + ch for ch in string.punctuation}
_JOINER = "\u2060"  # WORD JOINER: invisible, and no autolink matches across it
#: Where GitHub-style autolinks start: "scheme://", "www." and the "@" of an address.
_AUTOLINK = re.compile(r"(\\:)(?=\\/\\/)|(\\@)|(www)(?=\\\.)", re.IGNORECASE)


def plain(text: str) -> str:
    """``text`` escaped for Streamlit Markdown, on one line, with no autolinks."""
    escaped = " ".join(text.split()).translate(_ESCAPES)
    return _AUTOLINK.sub(lambda m: m.group(0) + _JOINER, escaped)


def guarded(page: Callable[[], None]) -> Callable[[], None]:
    """Wrap a page so a :class:`PsoasCheckError` shows as a message, not a traceback."""

    @functools.wraps(page)
    def run() -> None:
        try:
            page()
        except PsoasCheckError as err:
            st.error(f"psoas-check could not finish this page: {plain(str(err))}")

    return run
