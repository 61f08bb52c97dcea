"""Driving the self-check questionnaire in AppTest by the widget keys the form uses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from psoas_check.answers import FIELDS
from psoas_check.ui.form import STEPS, widget_key
from psoas_check.ui.self_check import LOADER_OPEN

REPO_ROOT = Path(__file__).resolve().parents[2]
TIMEOUT_S = 30  # the first run imports pydantic, pandas and the rules


def markdown_values(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown]


def stored(at: AppTest) -> dict[str, object]:
    """The answers the session holds, as a plain dict."""
    return dict(at.session_state["psoas_answers"])


def page_order(at: AppTest) -> list[str]:
    """Each element of the main area as "type: label or value", in page order."""
    shown = []
    for node in at.main:
        text = getattr(node, "label", None) or getattr(node, "value", None)
        if isinstance(text, str):
            shown.append(f"{node.type}: {text}")
    return shown


def headings(at: AppTest) -> list[str]:
    """The titles of the suggestion cards, in page order."""
    return [m.value.removeprefix("#### ") for m in at.markdown if m.value.startswith("#### ")]


def step_of(field: str) -> int:
    return STEPS.index(FIELDS[field].step)


def open_loader(at: AppTest) -> None:
    """Open "Continue from a saved summary", as a click would: its uploader is drawn then."""
    at.session_state[LOADER_OPEN] = True
    at.run()


def go_to_step(at: AppTest, step: int) -> None:
    """Press Next or Back until ``step`` is on show."""
    while (current := int(at.session_state["psoas_step"])) != step:
        at.button(key="psoas_next" if current < step else "psoas_back").click().run()


def answer(at: AppTest, field: str, value: Any) -> None:
    """Set one answer through its widget(s), as a person would, and run."""
    go_to_step(at, step_of(field))
    spec = FIELDS[field]
    if spec.kind in ("number", "integer"):
        at.number_input(key=widget_key(field)).set_value(value).run()
    elif spec.kind == "choice":
        at.radio(key=widget_key(field)).set_value(value).run()
    elif spec.kind == "bool":
        at.radio(key=widget_key(field)).set_value("yes" if value else "no").run()
    elif spec.kind == "set":
        if not value:
            at.checkbox(key=widget_key(field, "none")).check().run()
        for option in value:
            at.checkbox(key=widget_key(field, option)).check().run()
    else:
        raise AssertionError(f"{field} is not asked on the self-check")


#: The self-check and the About page, with a way to move between them as a person would.
TWO_PAGES = """
import streamlit as st
from psoas_check.ui import about, self_check

home = st.Page(self_check.render, default=True)
other = st.Page(about.render, url_path="about")
page = st.navigation([home, other])
if st.session_state.get("go"):
    target = st.session_state.pop("go")
    st.switch_page(home if target == "home" else other)
page.run()
"""


def two_pages() -> AppTest:
    """:data:`TWO_PAGES`, run once (the self-check on show)."""
    return AppTest.from_string(TWO_PAGES, default_timeout=TIMEOUT_S).run()


def visit(at: AppTest, page: str) -> None:
    """Switch a :func:`two_pages` app to ``"home"`` or ``"about"`` and run."""
    at.session_state["go"] = page
    at.run()


def see_results(at: AppTest) -> None:
    go_to_step(at, len(STEPS) - 1)
    at.button(key="psoas_results").click().run()
