"""Keeping a person's text inert, and keeping tracebacks off the page.

Streamlit renders the body of ``st.markdown``, ``st.error`` and friends as Markdown (with
LaTeX between ``$`` signs, emoji and colour directives after ``:``, and bare ``www.``
links). Any text that may carry what a person typed or uploaded goes through
:func:`plain` first, which backslash-escapes every ASCII punctuation mark: CommonMark
shows an escaped mark literally, so nothing in it can become markup, a link or math.
"""

from __future__ import annotations

import functools
import string
from collections.abc import Callable

import streamlit as st

from ..errors import PsoasCheckError

__all__ = ["guarded", "plain"]

_ESCAPES = {ord(ch): "\\" + ch for ch in string.punctuation}


def plain(text: str) -> str:
    """``text`` escaped for Streamlit Markdown, on one line."""
    return " ".join(text.split()).translate(_ESCAPES)


def guarded(page: Callable[[], None]) -> Callable[[], None]:
    """Wrap a page so a :class:`PsoasCheckError` shows as a message, not a traceback."""

    @functools.wraps(page)
    def run() -> None:
        try:
            page()
        except PsoasCheckError as err:
            st.error(f"psoas-check could not finish this page: {plain(str(err))}")

    return run
