"""Session-state helpers: one person's answers kept under our own keys.

Streamlit forgets the state of widgets that are not drawn in a run (another step, another
page), so the answers live in ``st.session_state[ANSWERS]`` as model values and each
widget is seeded from there when it is drawn again. The functions take the state mapping
as an argument so they can be tested with a plain dict.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any, Literal

import streamlit as st

from ..answers import FIELDS, KG_FIELD, Answers, ParsedAnswers, parse_answers
from ..assess import Assessment, assess
from ..errors import AnswerError, InputError
from ..rules import RuleSet, default_rules
from .safe import plain

__all__ = [
    "ANSWERS",
    "ASKING",
    "ASSESSED",
    "ERRORS",
    "FLASH",
    "PENDING",
    "RETURNING",
    "STEP",
    "UNIT",
    "UPLOADS",
    "VIEW",
    "WIDGET_PREFIX",
    "Flash",
    "assessed",
    "current_answers",
    "ensure",
    "forget_error",
    "forget_widgets",
    "get_rules",
    "keep",
    "restore_summary",
    "seed",
    "start_over",
    "stored",
    "widget_key",
]

State = MutableMapping[Any, Any]  # st.session_state, or a dict in tests
Flash = tuple[Literal["success", "warning", "error"], str]

ANSWERS = "psoas_answers"  # field name -> model value (None: not answered)
ERRORS = "psoas_errors"  # (field, reason) of values a restored summary could not read
STEP = "psoas_step"  # index of the questionnaire step on show
VIEW = "psoas_view"  # "form" or "results"
UNIT = "psoas_unit"  # "lb" or "kg" for the belly-weight question
FLASH = "psoas_flash"  # messages to show once, after a callback
UPLOADS = "psoas_uploads"  # bumped to give the uploader a fresh, empty widget
ASSESSED = "psoas_assessed"  # (answers, errors) -> Assessment, the last one computed
#: Numbers typed that the model refuses (out of range, not whole): box field -> the raw
#: value, kept out of the answers and shown again with its reason until fixed or cleared.
PENDING = "psoas_pending"
WIDGET_PREFIX = "psoas_w_"
ASKING = "psoas_start_over_asking"  # True while "Start over" waits for its confirmation
RETURNING = "psoas_returning"  # True after "Change" on the review: offer the way back
#: Navigation moments that a fresh start or a loaded summary ends.
_MOMENTS = (ASKING, RETURNING)


@st.cache_resource(show_spinner=False)
def get_rules() -> RuleSet:
    """The shipped rules, shared by every session (read-only; holds no answers)."""
    return default_rules()


def stored(state: State) -> dict[str, Any]:
    """This session's answers store, created empty on first use."""
    answers = state.get(ANSWERS)
    if not isinstance(answers, dict):
        answers = dict.fromkeys(FIELDS)
        state[ANSWERS] = answers
    return answers


def ensure(state: State) -> None:
    """Give a new session its empty answers, the first step and the form view."""
    stored(state)
    state.setdefault(STEP, 0)
    state.setdefault(VIEW, "form")
    state.setdefault(UNIT, "lb")


def current_answers(state: State) -> ParsedAnswers:
    """The stored answers read through the model, so validation is the model's.

    The errors include those a restored summary brought with it, so its results stay
    ``invalid`` and list them until the person answers those questions again.
    """
    given = {name: value for name, value in stored(state).items() if value is not None}
    parsed = parse_answers(given)
    restored = [AnswerError(field, reason) for field, reason in state.get(ERRORS, [])]
    return ParsedAnswers(parsed.answers, restored + parsed.errors)


def assessed(state: State, parsed: ParsedAnswers, ruleset: RuleSet) -> Assessment:
    """The assessment of ``parsed``, remembered in this session until the answers change.

    Every click reruns the page; the results only change with the answers, so they are
    worked out once per set of answers (kept in this session only, like the answers).
    """
    key = (parsed.answers, tuple(str(err) for err in parsed.errors), id(ruleset))
    memo = state.get(ASSESSED)
    if memo is not None and memo[0] == key:
        result: Assessment = memo[1]
        return result
    result = assess(parsed.answers, ruleset, parsed.errors)
    state[ASSESSED] = (key, result)
    return result


def forget_error(state: State, field: str) -> None:
    """Drop a restored summary's errors for ``field``: the person has answered it again."""
    errors = state.get(ERRORS)
    if not errors:
        return
    # The belly weight is one question, read from either unit's column.
    same = {field, KG_FIELD} if field in (KG_FIELD, "abdominal_excess_lb") else {field}
    kept = [(name, reason) for name, reason in errors if name not in same]
    if kept:
        state[ERRORS] = kept
    else:
        del state[ERRORS]


def widget_key(field: str, part: str = "") -> str:
    """The session-state key of one widget of the questionnaire."""
    return f"{WIDGET_PREFIX}{field}" + (f"__{part}" if part else "")


def keep(state: State, field: str, value: Any) -> None:
    """Store one answer the person gave (``None``: not answered) as a model value."""
    stored(state)[field] = value
    forget_error(state, field)


def seed(state: State, key: str, value: Any) -> None:
    """Give a widget its stored value when it is drawn again after being forgotten."""
    if key not in state:
        state[key] = value


def forget_widgets(state: State) -> None:
    """Drop every questionnaire widget's state, so widgets re-seed from the store."""
    for key in [k for k in state if isinstance(k, str) and k.startswith(WIDGET_PREFIX)]:
        del state[key]


def start_over(state: State) -> None:
    """Clear this session's answers and go back to the first step."""
    state[ANSWERS] = dict.fromkeys(FIELDS)
    state.pop(ERRORS, None)
    state.pop(ASSESSED, None)
    state.pop(PENDING, None)
    for moment in _MOMENTS:
        state.pop(moment, None)
    forget_widgets(state)
    state[STEP] = 0
    state[VIEW] = "form"
    state[UNIT] = "lb"
    state[UPLOADS] = int(state.get(UPLOADS, 0)) + 1


def restore_summary(state: State, data: bytes, name: str) -> list[Flash]:
    """Load a downloaded JSON summary into the session; return the messages to show.

    Every readable answer replaces the stored one (including blanks), so the session
    holds exactly what the file holds. A file that is not a summary changes nothing.
    """
    from ..report import load_summary  # here: the first page needs no summary code

    try:
        parsed = load_summary(data, name=name)
    except InputError as err:
        return [("error", f"Could not load that file. {plain(str(err))}")]
    values = parsed.answers.as_dict()
    state[ANSWERS] = {field: values[field] for field in FIELDS}
    # Kept as plain pairs (not exception objects) so the session state stays simple data;
    # absent when the file read cleanly.
    state.pop(ERRORS, None)
    if parsed.errors:
        state[ERRORS] = [(err.field, err.reason) for err in parsed.errors]
    state.pop(PENDING, None)
    for moment in _MOMENTS:
        state.pop(moment, None)
    forget_widgets(state)
    state[STEP] = 0
    state[VIEW] = "results"
    count = sum(1 for field in FIELDS if _given(parsed.answers, field))
    flashes: list[Flash] = [
        (
            "success",
            f"Loaded {count} answers from {plain(name)}. Choose “Change my answers” "
            "to continue where you left off.",
        )
    ]
    if parsed.errors:
        listed = "; ".join(plain(str(err)) for err in parsed.errors)
        flashes.append(
            ("warning", f"Some answers in the file could not be read and were left blank: {listed}")
        )
    return flashes


def _given(answers: Answers, field: str) -> bool:
    return field != "attendee" and answers.answered(field)
