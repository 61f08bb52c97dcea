"""Download buttons for one person's summary: PDF, Markdown and JSON.

Each file is built only when its button is pressed (``st.download_button`` takes a
callable), on Streamlit's download thread, from the frozen answers and assessment the
button was drawn with, so reruns stay cheap and the thread never touches session state.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import streamlit as st

from ..answers import Answers
from ..assess import Assessment
from ..report import to_json, to_markdown
from ..rules import RuleSet

__all__ = ["file_name", "show_downloads"]


def file_name(extension: str, today: date | None = None) -> str:
    """``psoas-check-summary-YYYY-MM-DD.<extension>``."""
    return f"psoas-check-summary-{(today or date.today()).isoformat()}.{extension}"


def _pdf(answers: Answers, assessment: Assessment, ruleset: RuleSet) -> Callable[[], bytes]:
    def build() -> bytes:
        # fpdf2 is imported only when someone asks for a PDF.
        from ..pdf import to_pdf

        return to_pdf(answers, assessment, ruleset)

    return build


def show_downloads(answers: Answers, assessment: Assessment, ruleset: RuleSet, key: str) -> None:
    """Three download buttons in a row that wraps on a phone."""
    st.markdown("**Take your summary with you**")
    with st.container(horizontal=True):
        st.download_button(
            "PDF",
            _pdf(answers, assessment, ruleset),
            file_name=file_name("pdf"),
            mime="application/pdf",
            key=f"{key}-pdf",
            on_click="ignore",
            icon=":material/picture_as_pdf:",
        )
        st.download_button(
            "Markdown",
            lambda: to_markdown(answers, assessment, ruleset),
            file_name=file_name("md"),
            mime="text/markdown",
            key=f"{key}-md",
            on_click="ignore",
            icon=":material/description:",
        )
        st.download_button(
            "JSON (to load again later)",
            lambda: to_json(answers, assessment),
            file_name=file_name("json"),
            mime="application/json",
            key=f"{key}-json",
            on_click="ignore",
            icon=":material/data_object:",
        )
