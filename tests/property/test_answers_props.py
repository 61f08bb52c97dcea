"""Properties of the answers parser and of assess() on whatever it returns.

Cells arrive from spreadsheets, JSON and forms as anything at all: text with control
characters, right-to-left marks and emoji, numbers far outside any range, NaN and
infinity, lists, booleans, None. Reading them must never raise, every error must name the
field it is about, and a red flag must survive any junk written beside it.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from psoas_check.answers import (
    FIELDS,
    KG_FIELD,
    ParsedAnswers,
    parse_answers,
)
from psoas_check.assess import STATUSES, assess
from psoas_check.errors import AnswerError
from psoas_check.options import RED_FLAG_TIER, RED_FLAGS
from psoas_check.values import quoted

REAL_NAMES = [*FIELDS, KG_FIELD]
TRICKY_TEXT = [
    "",
    " ",
    "\t",
    "\r\n",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "Infinity",
    "1e400",
    "-0",
    "7,5",
    "١٢",
    "\u202eevil\u202c",
    "שלום",
    "مرحبا",
    "😀",
    "👩‍👩‍👧",
    "\x00",
    "\x1b[31m",
    "=1+1",
    "+cmd",
    "-2+3",
    "@SUM(A1)",
    "yes",
    "No",
    "TRUE",
    "none",
    "None of these",
    "Rarely or never",
    "low_back; leg",
    "Low back|SI joint (back of the pelvis, beside the tailbone)",
]

text_cells = st.one_of(st.text(max_size=60), st.sampled_from(TRICKY_TEXT))
number_cells = st.one_of(
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.builds(
        lambda sign, digits: sign * 10**digits,
        st.sampled_from([1, -1]),
        st.sampled_from([20, 400, 5_000]),
    ),
)
scalar_cells = st.one_of(st.none(), st.booleans(), number_cells, text_cells)
#: Anything a cell can hold, including the lists and objects a JSON file may give.
cells = st.recursive(
    scalar_cells,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def check_errors(parsed: ParsedAnswers, names: set[str]) -> None:
    assert isinstance(parsed, ParsedAnswers)
    for err in parsed.errors:
        assert type(err) is AnswerError
        assert err.field in names
        # A raw key that is not a plain name is quoted, so the message stays one safe line.
        plain_name = err.field.isidentifier() and len(err.field) <= 40
        shown = err.field if plain_name else quoted(err.field)
        assert str(err) == f"{shown}: {err.reason}"
        assert "\n" not in str(err)
        assert err.reason


@given(st.dictionaries(st.sampled_from(REAL_NAMES), cells, max_size=len(REAL_NAMES)))
def test_parse_answers__arbitrary_cells_in_real_fields__errors_name_those_fields(
    raw: dict[str, Any],
) -> None:
    parsed = parse_answers(raw)

    check_errors(parsed, set(raw))
    assert len(parsed.errors) <= len(raw)


@given(st.dictionaries(st.one_of(st.text(max_size=20), st.sampled_from(REAL_NAMES)), cells))
def test_parse_answers__arbitrary_names__unknown_names_are_errors_never_exceptions(
    raw: dict[str, Any],
) -> None:
    parsed = parse_answers(raw)

    check_errors(parsed, set(raw))
    unknown = {name for name in raw if name not in REAL_NAMES}
    assert unknown <= {err.field for err in parsed.errors}


@given(st.dictionaries(st.sampled_from(REAL_NAMES), cells))
def test_parse_answers__arbitrary_cells__kept_answers_are_valid_and_in_range(
    raw: dict[str, Any],
) -> None:
    answers = parse_answers(raw).answers

    for name, spec in FIELDS.items():
        value = getattr(answers, name)
        if value is None:
            continue
        if spec.kind in ("number", "integer"):
            assert spec.minimum is not None
            assert spec.maximum is not None
            assert spec.minimum <= value <= spec.maximum
        elif spec.kind in ("choice", "set"):
            assert ({value} if spec.kind == "choice" else value) <= set(spec.options)
        elif spec.kind == "text":
            assert value.isprintable()
            assert value == value.strip()
            assert 0 < len(value) <= 100


def _spelling(flag: str) -> st.SearchStrategy[str]:
    """The ways a person or a form may write one red flag: id or label, any case, padded."""
    label = RED_FLAGS[flag]
    forms = [flag, flag.replace("_", " "), flag.replace("_", "-"), label]
    return st.tuples(
        st.sampled_from(forms),
        st.sampled_from([str.lower, str.upper, str]),
        st.sampled_from(["", " ", "  "]),
    ).map(lambda t: t[2] + t[1](t[0]) + t[2])


#: Junk tokens: anything without a separator (a separator would just make more tokens).
junk_tokens = st.one_of(
    st.text(st.characters(exclude_characters=";,|"), max_size=15),
    st.sampled_from(["none", "no", "n/a", "???", "\u202e", "😀", "red_flags", "bladder"]),
)


@st.composite
def flags_among_junk(draw: st.DrawFn) -> tuple[frozenset[str], Any]:
    flags = draw(st.lists(st.sampled_from(list(RED_FLAGS)), min_size=1, max_size=9, unique=True))
    tokens = [draw(_spelling(flag)) for flag in flags]
    tokens += draw(st.lists(junk_tokens, max_size=6))
    tokens = draw(st.permutations(tokens))
    if draw(st.booleans()):  # a JSON list, one token per item
        return frozenset(flags), tokens
    seps = draw(
        st.lists(
            st.sampled_from([";", ",", "|", " ; ", ", ", " | "]),
            min_size=len(tokens),
            max_size=len(tokens),
        )
    )
    return frozenset(flags), "".join(t + s for t, s in zip(tokens, seps, strict=True))[:-1]


@given(flags_among_junk(), st.dictionaries(st.sampled_from(list(FIELDS)[:-1]), cells))
def test_parse_answers__red_flags_among_junk_and_bad_values__no_flag_is_lost(
    case: tuple[frozenset[str], Any], others: dict[str, Any]
) -> None:
    flags, cell = case

    parsed = parse_answers({**others, "red_flags": cell})

    assert parsed.answers.red_flags is not None
    assert flags <= parsed.answers.red_flags
    result = assess(parsed.answers, errors=parsed.errors)
    tiers = {RED_FLAG_TIER[f] for f in parsed.answers.red_flags}
    assert result.status == ("urgent" if "urgent" in tiers else "see_clinician")
    assert (result.poses, result.cautions) == ([], [])
    assert {flag.id for flag in result.red_flags} == parsed.answers.red_flags


@given(st.dictionaries(st.sampled_from(REAL_NAMES), cells, max_size=len(REAL_NAMES)))
def test_assess__any_parsed_answers__never_raises_and_flags_withhold_poses(
    raw: dict[str, Any],
) -> None:
    parsed = parse_answers(raw)

    result = assess(parsed.answers, errors=parsed.errors)

    assert result.status in STATUSES
    assert result.errors == [str(err) for err in parsed.errors]
    if parsed.answers.red_flags:
        assert result.status in ("urgent", "see_clinician")
        assert (result.poses, result.cautions) == ([], [])
    elif parsed.errors:
        assert result.status == "invalid"
    if any(err.field == "red_flags" for err in parsed.errors):
        assert (result.poses, result.cautions) == ([], [])
