"""Strict JSON for answers files: a repeated key or NaN is refused, naming it."""

from __future__ import annotations

import pytest

from psoas_check.errors import InputError
from psoas_check.jsonload import StrictJSONError, loads
from psoas_check.report import load_summary


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"red_flags": ["leg_weakness"], "red_flags": []}',
         'the key "red_flags" is given twice; keep one'),
        ('{"answers": {"a": 1, "b": {"c": 1, "c": 2}}}', 'the key "c" is given twice; keep one'),
        ('{"sitting_hours": NaN}', "holds NaN, which is not a JSON value; write a number or null"),
        ("[Infinity]", "holds Infinity, which is not a JSON value; write a number or null"),
        ("[-Infinity]", "holds -Infinity, which is not a JSON value; write a number or null"),
    ],
)
def test_loads__repeated_key_or_non_finite__value_error_naming_it(text: str, message: str) -> None:
    with pytest.raises(StrictJSONError) as caught:
        loads(text)

    assert str(caught.value) == message


def test_loads__ordinary_json__same_as_the_json_module() -> None:
    assert loads('{"a": [1, 2.5, null, "x"], "b": {"a": true}}') == {
        "a": [1, 2.5, None, "x"], "b": {"a": True}}


def test_load_summary__two_answers_objects__refused_naming_the_key() -> None:
    text = ('{"schema": "psoas-check/answers@1", "answers": {"red_flags": ["leg_weakness"]}, '
            '"answers": {"red_flags": []}}')

    with pytest.raises(InputError) as caught:
        load_summary(text, name="ann.json")

    assert str(caught.value) == (
        'ann.json: is not a JSON summary (the key "answers" is given twice; keep one)')
