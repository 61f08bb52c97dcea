"""What the command line and the downloads build without checking again loses nothing.

``parse_answers`` fills :class:`Answers` with values its readers read already
(``Answers.read``), and ``assess`` fills its result records the same way; the downloads
write ``as_json()``. For any cells at all, the answers must equal what reading them again
from code gives (``Answers(...)`` runs the same readers), and the JSON of a result must
rebuild into an equal result: nothing is dropped, renamed or reordered on the way out.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from psoas_check.answers import Answers, parse_answers
from psoas_check.assess import Assessment, assess
from psoas_check.records import build
from psoas_check.rules import default_rules

from .test_answers_props import REAL_NAMES, cells


@given(st.dictionaries(st.sampled_from(REAL_NAMES), cells, max_size=len(REAL_NAMES)))
def test_parse_answers__any_cells__equal_to_reading_them_again(raw: dict[str, Any]) -> None:
    answers = parse_answers(raw).answers
    again = Answers(**answers.as_dict())
    assert answers == again
    assert repr(answers) == repr(again)
    assert list(answers.as_dict()) == list(Answers().as_dict())  # form order kept


@given(st.dictionaries(st.sampled_from(REAL_NAMES), cells, max_size=len(REAL_NAMES)))
def test_as_json__any_answers_and_assessment__rebuild_equal(raw: dict[str, Any]) -> None:
    parsed = parse_answers(raw)
    result = assess(parsed.answers, default_rules(), parsed.errors)
    answers_json = json.loads(json.dumps(parsed.answers.as_json()))
    assert parse_answers(answers_json).answers == parsed.answers
    result_json = json.loads(json.dumps(result.as_json()))
    assert build(Assessment, result_json) == result
