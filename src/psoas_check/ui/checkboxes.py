"""A set question as checkboxes, optionally in groups, then an explicit "none" box.

Unticked throughout is "not answered" (``None``); the "none" box is the answer "none of
these" (an empty set). Ticking an option clears the "none" box and disables it, so an
option always wins over "none".
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from ..answers import FieldSpec
from .state import keep, seed, stored, widget_key

__all__ = ["Group", "checkbox_set"]


@dataclass(frozen=True)
class Group:
    """Some of a set's options under a small heading (``None``: no heading)."""

    heading: str | None
    options: list[str]
    note: str | None = None


def checkbox_set(
    spec: FieldSpec, groups: list[Group], none_label: str, none_heading: str | None = None
) -> frozenset[str] | None:
    """Draw the options group by group, then ``none_label``; return the stored answer."""
    keys = {option: widget_key(spec.name, option) for option in spec.options}
    none_key = widget_key(spec.name, "none")

    def tick() -> None:
        picked = frozenset(o for o, k in keys.items() if st.session_state.get(k))
        if picked:
            st.session_state[none_key] = False  # a ticked option always wins over "none"
        said_none = bool(st.session_state.get(none_key))
        keep(st.session_state, spec.name, picked if picked or said_none else None)

    current: frozenset[str] | None = stored(st.session_state)[spec.name]
    for group in groups:
        if group.heading:
            st.subheader(group.heading)
        if group.note:
            st.caption(group.note)
        for option in group.options:
            seed(st.session_state, keys[option], current is not None and option in current)
            st.checkbox(spec.options[option], key=keys[option], on_change=tick)
    if none_heading:
        st.subheader(none_heading)
    seed(st.session_state, none_key, current is not None and not current)
    st.checkbox(none_label, key=none_key, disabled=bool(current), on_change=tick)
    return current
