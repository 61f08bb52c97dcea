"""The questionnaire's widgets, generated from :data:`psoas_check.answers.FIELDS`.

Every question, help text, option label and range comes from the answers model; this
module only chooses a widget for each kind of field. Each widget is seeded from the
session's answers store and writes its value back in an ``on_change`` callback (which runs
before the script, so a value typed just before pressing "Next" is kept), so answers
survive moving between steps and pages. Every field has an explicit "not answered" state.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from ..answers import FIELDS, KG_FIELD, KG_MAX, KG_PER_LB, FieldSpec, parse_value
from .state import UNIT, WIDGET_PREFIX, forget_error, seed, stored

__all__ = ["NOT_ANSWERED", "STEPS", "STEP_TITLES", "render_step", "widget_key"]

NOT_ANSWERED = "Not answered"
NONE_OF_THESE = "None of these"
#: Headings for the steps; a step added to the model without one shows its id.
STEP_TITLES = {
    "habits": "Daily habits",
    "stress": "Stress",
    "body": "Your body",
    "pain": "Where it hurts",
    "poses": "Moving and resting",
    "warning": "Warning signs",
}
#: Questionnaire steps in form order; ``about`` (the roster's name field) is not asked here.
STEPS = [s for s in dict.fromkeys(spec.step for spec in FIELDS.values()) if s != "about"]
_BOOL_OPTIONS = {"": NOT_ANSWERED, "yes": "Yes", "no": "No"}
_YES_NO: dict[str, bool | None] = {"": None, "yes": True, "no": False}
_NUMBER_STEP = {"hours": 0.5, "lb": 1.0}
_BLANK = f"{NOT_ANSWERED}: leave blank to skip"


def widget_key(field: str, part: str = "") -> str:
    """The session-state key of one widget of the questionnaire."""
    return f"{WIDGET_PREFIX}{field}" + (f"__{part}" if part else "")


def render_step(step: str) -> None:
    """Draw every question of one step, in form order."""
    for spec in FIELDS.values():
        if spec.step == step:
            _WIDGETS[spec.kind](spec)


def _state() -> dict[str, Any]:
    return stored(st.session_state)


def _keep(field: str, value: Any) -> None:
    _state()[field] = value
    forget_error(st.session_state, field)


def _number(spec: FieldSpec) -> None:
    if spec.name == "abdominal_excess_lb":
        _weight(spec)
        return
    key = widget_key(spec.name)
    whole = spec.kind == "integer"
    seed(st.session_state, key, _state()[spec.name])
    label = spec.question + (f" ({spec.unit})" if spec.unit and not whole else "")
    st.number_input(
        label,
        min_value=int(spec.minimum or 0) if whole else float(spec.minimum or 0),
        max_value=int(spec.maximum or 0) if whole else float(spec.maximum or 0),
        value=None,
        step=1 if whole else _NUMBER_STEP.get(spec.unit or "", 0.5),
        placeholder=_BLANK,
        help=spec.help,
        key=key,
        on_change=lambda: _keep(spec.name, st.session_state[key]),
    )


def _weight(spec: FieldSpec) -> None:
    """Belly weight in pounds or kilograms; the store always holds pounds, as the model."""
    unit_key, lb_key, kg_key = widget_key("unit"), widget_key(spec.name), widget_key(KG_FIELD)

    def switch_unit() -> None:
        st.session_state[UNIT] = st.session_state[unit_key]
        for key in (lb_key, kg_key):  # re-seed the number in the new unit from the store
            st.session_state.pop(key, None)

    seed(st.session_state, unit_key, st.session_state.get(UNIT, "lb"))
    unit = st.radio(
        "Unit for the weight",
        ["lb", "kg"],
        horizontal=True,
        key=unit_key,
        format_func={"lb": "Pounds (lb)", "kg": "Kilograms (kg)"}.__getitem__,
        on_change=switch_unit,
    )
    pounds = _state()[spec.name]
    if unit == "kg":
        seed(st.session_state, kg_key, None if pounds is None else round(pounds * KG_PER_LB, 2))
        kg = st.number_input(
            f"{spec.question} (kg)",
            min_value=0.0,
            max_value=KG_MAX,
            value=None,
            step=0.5,
            placeholder=_BLANK,
            help=spec.help,
            key=kg_key,
            on_change=lambda: _keep(spec.name, _kg_to_lb(st.session_state[kg_key])),
        )
        if kg is not None and pounds is not None:
            st.caption(f"That is about {pounds:g} lb.")
        return
    seed(st.session_state, lb_key, pounds)
    st.number_input(
        f"{spec.question} (lb)",
        min_value=float(spec.minimum or 0),
        max_value=float(spec.maximum or 0),
        value=None,
        step=1.0,
        placeholder=_BLANK,
        help=spec.help,
        key=lb_key,
        on_change=lambda: _keep(spec.name, st.session_state[lb_key]),
    )


def _kg_to_lb(kg: float | None) -> float | None:
    """Kilograms to the model's pounds, rounded as the file readers round them."""
    value = parse_value(KG_FIELD, kg)
    return None if value is None else float(value)


def _choice(spec: FieldSpec) -> None:
    options = {"": NOT_ANSWERED, **spec.options}
    key = widget_key(spec.name)
    seed(st.session_state, key, _state()[spec.name] or "")
    st.radio(
        spec.question,
        list(options),
        format_func=options.__getitem__,
        help=spec.help,
        key=key,
        on_change=lambda: _keep(spec.name, st.session_state[key] or None),
    )


def _bool(spec: FieldSpec) -> None:
    key = widget_key(spec.name)
    current = _state()[spec.name]
    seed(st.session_state, key, "" if current is None else "yes" if current else "no")
    st.radio(
        spec.question,
        list(_BOOL_OPTIONS),
        format_func=_BOOL_OPTIONS.__getitem__,
        horizontal=True,
        help=spec.help,
        key=key,
        on_change=lambda: _keep(spec.name, _YES_NO[st.session_state[key]]),
    )


def _set(spec: FieldSpec) -> None:
    """One checkbox per option, then "None of these": unticked throughout is not answered."""
    keys = {option: widget_key(spec.name, option) for option in spec.options}
    none_key = widget_key(spec.name, "none")

    def tick() -> None:
        picked = frozenset(o for o, k in keys.items() if st.session_state.get(k))
        if picked:
            st.session_state[none_key] = False  # a ticked option always wins over "none"
        said_none = bool(st.session_state.get(none_key))
        _keep(spec.name, picked if picked or said_none else None)

    current: frozenset[str] | None = _state()[spec.name]
    st.markdown(f"**{spec.question}**")
    st.caption(spec.help)
    for option, label in spec.options.items():
        seed(st.session_state, keys[option], current is not None and option in current)
        st.checkbox(label, key=keys[option], on_change=tick)
    seed(st.session_state, none_key, current is not None and not current)
    st.checkbox(NONE_OF_THESE, key=none_key, disabled=bool(current), on_change=tick)
    if current is None:
        st.caption(f"{NOT_ANSWERED} yet: tick what applies, or “{NONE_OF_THESE}”.")


_WIDGETS: dict[str, Any] = {
    "number": _number,
    "integer": _number,
    "choice": _choice,
    "bool": _bool,
    "set": _set,
}  # no "text": the one text field, the roster's attendee name, is not asked here
