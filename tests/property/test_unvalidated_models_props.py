"""The models the command line fills without validating equal the validated ones.

``parse_answers`` builds :class:`Answers` with ``model_construct`` (its readers checked
every value already), ``assess`` builds its results the same way, and the downloads write
``as_json()`` instead of pydantic's ``model_dump``. For any cells at all, each of these
must give exactly what validating, or pydantic's own serializer, gives.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from psoas_check.answers import Answers, parse_answers
from psoas_check.assess import Assessment, assess
from psoas_check.rules import default_rules

from .test_answers_props import REAL_NAMES, cells


def _validated(answers: Answers) -> Answers:
    given_fields = {name: getattr(answers, name) for name in answers.model_fields_set}
    return Answers.model_validate(given_fields)


@given(st.dictionaries(st.sampled_from(REAL_NAMES), cells, max_size=len(REAL_NAMES)))
def test_parse_answers__any_cells__equal_to_the_validated_model(raw: dict[str, Any]) -> None:
    answers = parse_answers(raw).answers
    validated = _validated(answers)
    assert (answers, answers.model_fields_set) == (validated, validated.model_fields_set)
    assert repr(answers) == repr(validated)


@given(st.dictionaries(st.sampled_from(REAL_NAMES), cells, max_size=len(REAL_NAMES)))
def test_as_json__any_answers_and_assessment__equal_to_model_dump(raw: dict[str, Any]) -> None:
    parsed = parse_answers(raw)
    result = assess(parsed.answers, default_rules(), parsed.errors)
    assert parsed.answers.as_json() == parsed.answers.model_dump(mode="json")
    assert result.as_json() == result.model_dump(mode="json")
    # The constructed result is one the validator accepts, unchanged.
    assert Assessment.model_validate(result.model_dump()) == result
