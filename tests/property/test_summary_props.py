"""Properties of the JSON summary: answers -> JSON -> answers restores every answer exactly."""

from __future__ import annotations

import dataclasses
import json
import re
import string
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from psoas_check.answers import FIELDS, Answers, FieldSpec, parse_answers
from psoas_check.assess import assess
from psoas_check.errors import AnswerError, InputError
from psoas_check.markdown import JOINER, inert
from psoas_check.report import SCHEMA, load_summary, to_json, to_markdown
from psoas_check.ui.safe import plain

from .test_answers_props import cells


def value_strategy(spec: FieldSpec) -> st.SearchStrategy[Any]:
    """Every valid value of one field, built from its specification in FIELDS."""
    if spec.kind == "text":
        # Printable, trimmed, non-empty, at most 100 characters: what the model stores.
        printable = st.characters(codec="utf-8").filter(str.isprintable)
        return (
            st.text(printable, min_size=1, max_size=100)
            .map(str.strip)
            .filter(bool)
        )
    if spec.kind in ("number", "integer"):
        assert spec.minimum is not None
        assert spec.maximum is not None
        if spec.kind == "integer":
            return st.integers(int(spec.minimum), int(spec.maximum))
        return st.floats(spec.minimum, spec.maximum, allow_nan=False)
    if spec.kind == "bool":
        return st.booleans()
    if spec.kind == "choice":
        return st.sampled_from(list(spec.options))
    return st.frozensets(st.sampled_from(list(spec.options)))


answers_strategy = st.fixed_dictionaries(
    {}, optional={name: value_strategy(spec) for name, spec in FIELDS.items()}
).map(lambda values: Answers(**values))


@given(answers_strategy)
def test_summary__any_valid_answers__round_trips_exactly(answers: Answers) -> None:
    document = to_json(answers, assess(answers))

    parsed = load_summary(document, name="summary.json")

    assert parsed.errors == []
    assert parsed.answers == answers
    assert parsed.answers.as_dict() == answers.as_dict()
    assert json.loads(document)["schema"] == SCHEMA


@given(answers_strategy)
def test_summary__bytes_as_downloaded__round_trips_exactly(answers: Answers) -> None:
    document = to_json(answers, assess(answers)).encode("utf-8")

    parsed = load_summary(document)

    assert (parsed.answers, parsed.errors) == (answers, [])


@given(answers_strategy)
def test_summary__bare_object_of_fields__reads_the_same_answers(answers: Answers) -> None:
    bare = json.dumps({k: v for k, v in answers.as_json().items() if v is not None})

    parsed = load_summary(bare)

    assert (parsed.answers, parsed.errors) == (answers, [])


@given(st.dictionaries(st.sampled_from(list(FIELDS)), cells))
def test_summary__answers_parsed_from_junk__round_trip_exactly(raw: dict[str, Any]) -> None:
    parsed = parse_answers(raw)
    document = to_json(parsed.answers, assess(parsed.answers, errors=parsed.errors))

    again = load_summary(document)

    assert (again.answers, again.errors) == (parsed.answers, [])


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=4),
    max_leaves=10,
)


@given(json_values)
def test_load_summary__any_json_document__answers_or_one_line_input_error(data: Any) -> None:
    text = json.dumps(data)
    try:
        json.dumps(data, allow_nan=False)
        finite = True
    except ValueError:  # NaN or Infinity: not JSON, refused by name
        finite = False

    if not isinstance(data, dict) or "schema" in data or not finite:
        with pytest.raises(InputError) as caught:
            load_summary(text, name="x.json")
        assert str(caught.value).startswith("x.json: ")
        assert "\n" not in str(caught.value)
        return
    parsed = load_summary(text, name="x.json")
    assert {err.field for err in parsed.errors} <= set(data)


# -- the Markdown summary keeps a person's text inert ------------------------------------

_PUNCTUATION = frozenset(string.punctuation)
#: Text that tries every kind of markup CommonMark and GitHub's renderer know.
_MARKUP = st.sampled_from(
    ["~~", "$", "$$", "&amp;", "&#64;", "a@b.example", "http://x.example", "www.x.example",
     "WWW.X.EXAMPLE", "<b>", "[x](y)", "![i](y)", "*", "_", "`", "|", "#", "- ", "1. ", "> ",
     ":smile:", "\\", "\n", "\t", "\x07", "\u2028"]
)
_TEXT = st.lists(st.one_of(_MARKUP, st.text(max_size=8)), max_size=12).map("".join)


def read_inert(escaped: str) -> str:
    """What a CommonMark reader shows for ``escaped``, failing on any live markup.

    Every ASCII punctuation mark must come escaped (so it is shown literally and starts
    no emphasis, strike-through, maths, entity, tag, link or table cell); the word joiner
    is invisible. Returns the visible text.
    """
    shown, chars = [], iter(escaped)
    for char in chars:
        if char == "\\":
            nxt = next(chars)
            assert nxt in _PUNCTUATION, f"backslash before {nxt!r}"
            shown.append(nxt)
        elif char != JOINER:
            assert char not in _PUNCTUATION, f"bare {char!r} in {escaped!r}"
            assert char.isprintable(), f"a control code or line break: {char!r}"
            shown.append(char)
    return "".join(shown)


@given(_TEXT)
def test_markdown_inert__any_text__shown_literally_on_one_line(text: str) -> None:
    escaped = inert(text)

    flat = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    assert read_inert(escaped) == flat
    # GitHub-style autolinks need no markup, so each trigger is broken by a word joiner.
    bare = escaped.replace("\\", "")
    assert all(bare[i + 1] == JOINER for i, c in enumerate(bare) if c == "@")
    assert re.search(r"://|www\.", bare, re.IGNORECASE) is None


@given(_TEXT.filter(str.isprintable))
def test_markdown_inert__printable_text__same_as_the_apps_own_escaping(text: str) -> None:
    assert inert(text) == plain(text)


@given(name=_TEXT.map(str.strip).filter(lambda s: s and s.isprintable()), value=_TEXT)
def test_to_markdown__hostile_name_and_error__one_literal_line_each(name: str, value: str) -> None:
    answers = Answers(attendee=name[:100].strip() or "x", sitting_hours=9)
    result = assess(answers, errors=[AnswerError("stress_level", value)])
    plain_doc = to_markdown(dataclasses.replace(answers, attendee="x"),
                            assess(answers, errors=[AnswerError("stress_level", "v")]))

    lines = to_markdown(answers, result).splitlines()

    assert len(lines) == len(plain_doc.splitlines())  # nothing a person typed adds a line
    attendee = next(line for line in lines if line.startswith("Attendee: "))
    assert read_inert(attendee.removeprefix("Attendee: ")) == " ".join(answers.attendee.split())
    error = next(line for line in lines if line.startswith("- stress"))
    read_inert(error.removeprefix("- "))
