"""Strict JSON for answers files: no duplicate keys, no NaN or Infinity.

Python's :func:`json.loads` lets the last of two equal keys win and reads ``NaN``: a
summary with ``"red_flags"`` given twice (the second empty), or two ``answers`` objects,
would quietly turn an urgent person ``ok``. Both are refused here, naming the key.

Example::

    >>> loads('{"red_flags": ["leg_weakness"], "red_flags": []}')
    Traceback (most recent call last):
    ...
    psoas_check.jsonload.StrictJSONError: the key "red_flags" is given twice; keep one
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["StrictJSONError", "loads"]

SHOWN = 40


class StrictJSONError(ValueError):
    """A document JSON allows only loosely: a key given twice, NaN or Infinity."""


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            shown = json.dumps(key[:SHOWN], ensure_ascii=False)
            raise StrictJSONError(f"the key {shown} is given twice; keep one")
        found[key] = value
    return found


def _constant(word: str) -> Any:
    raise StrictJSONError(f"holds {word}, which is not a JSON value; write a number or null")


def loads(text: str | bytes) -> Any:
    """Parse JSON; ValueError (one line) on bad JSON, a repeated key, NaN or Infinity."""
    return json.loads(text, object_pairs_hook=_object, parse_constant=_constant)
