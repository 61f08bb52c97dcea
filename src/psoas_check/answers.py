"""One person's answers: reading raw values into the model, and saying them back in words.

The record (:class:`Answers`, in :mod:`.answer_model`) is the single source of truth for
fields, ranges, labels and help; :data:`FIELDS` (in :mod:`.fields`) is built from it. The
form, the file readers, the rules validator and the reports all import both from here.

A blank is ``None`` and means "not answered": it is never replaced by a default and never
fires a rule. For set fields an empty set means "answered: none of these".

Example::

    >>> parsed = parse_answers({"sitting_hours": "9", "stretch_breaks": "Rarely"})
    >>> parsed.answers.sitting_hours, parsed.answers.stretch_breaks, parsed.errors
    (9.0, 'rarely', [])
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .answer_model import Answers
from .errors import AnswerError
from .fields import FIELDS, KG_FIELD, KG_MAX, KG_PER_LB, FieldSpec
from .values import (
    clean_text,
    is_blank,
    quoted,
    read_bool,
    read_choice,
    read_number,
    read_set,
)

__all__ = [
    "FIELDS",
    "KG_FIELD",
    "KG_MAX",
    "KG_PER_LB",
    "Answers",
    "FieldSpec",
    "ParsedAnswers",
    "format_value",
    "parse_answers",
    "parse_value",
    "suggest_name",
]

def suggest_name(name: str, choices: list[str] | Mapping[str, Any]) -> str:
    """A " (did you mean `x`?)" hint for a misspelt name, or an empty string."""
    import difflib  # only when something is misspelt: most runs never need it

    close = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.6)
    return f" (did you mean `{close[0]}`?)" if close else ""


def parse_value(name: str, raw: Any) -> Any:
    """Read one raw value (a file cell, a JSON value, a form value) for field ``name``.

    Returns ``None`` for a blank. Raises :class:`AnswerError` naming the field and the
    reason when the value cannot be read or is out of range.
    """
    if name == KG_FIELD:
        kg = read_number(KG_FIELD, raw, 0.0, KG_MAX, "kg")
        return None if kg is None else round(kg / KG_PER_LB, 1)
    spec = FIELDS.get(name)
    if spec is None:
        # The key is the person's text: named plainly only when it looks like a name.
        shown = name if name.isidentifier() and len(name) <= 40 else quoted(name)
        hint = suggest_name(name, FIELDS)
        raise AnswerError(name, "is not a question of this form" + hint, shown=shown)
    if is_blank(raw):
        return None
    if spec.kind == "text":
        return clean_text(name, raw, 100)
    if spec.kind in ("number", "integer"):
        return read_number(
            name, raw, spec.minimum, spec.maximum, spec.unit, whole=spec.kind == "integer"
        )
    if spec.kind == "bool":
        return read_bool(name, raw)
    if spec.kind == "choice":
        return read_choice(name, raw, spec.options)
    values, bad = read_set(name, raw, spec.options)
    if bad:
        raise AnswerError(name, bad)
    return values


@dataclass(frozen=True)
class ParsedAnswers:
    """Answers read leniently: every readable value kept, every unreadable one reported."""

    answers: Answers
    errors: list[AnswerError]


def parse_answers(raw: Mapping[str, Any]) -> ParsedAnswers:
    """Read a mapping of field name -> raw value, keeping whatever can be read.

    An unreadable value leaves its field blank and adds an :class:`AnswerError`; a set
    field keeps its readable items even when one item is unknown, so a red flag is never
    lost to a typo beside it. ``abdominal_excess_kg`` is converted to pounds when no
    pound value is given.
    """
    clean: dict[str, Any] = {}
    errors: list[AnswerError] = []
    for key, value in raw.items():
        name = str(key)
        spec = FIELDS.get(name)
        try:
            if spec is not None and spec.kind == "set":
                values, bad = read_set(name, value, spec.options)
                if bad:
                    errors.append(AnswerError(name, bad))
                if values is not None:
                    clean[name] = values
                continue
            parsed = parse_value(name, value)
        except AnswerError as err:
            errors.append(err)
            continue
        if parsed is None:
            continue
        if name == KG_FIELD:
            if is_blank(raw.get("abdominal_excess_lb")):
                clean["abdominal_excess_lb"] = parsed
            continue
        clean[name] = parsed
    # Every value was read above by the readers Answers(...) itself uses: not read twice.
    return ParsedAnswers(Answers.read(clean), errors)


def format_value(name: str, value: Any) -> str:
    """A person-facing rendering of one answer: option labels, yes/no, units."""
    spec = FIELDS[name]
    if value is None:
        return "not answered"
    if spec.kind == "bool":
        return "yes" if value else "no"
    if spec.kind == "choice":
        return _in_sentence(spec.options.get(value, str(value)))
    if spec.kind == "set":
        if not value:
            return "none of these"
        return "; ".join(_in_sentence(spec.options[v]) for v in spec.options if v in value)
    if spec.kind in ("number", "integer"):
        number = f"{value:g}"
        unit = spec.unit[:-1] if spec.unit and value == 1 and spec.unit.endswith("s") else spec.unit
        return f"{number} {unit}" if unit else number
    return str(value)


def _in_sentence(label: str) -> str:
    """A label as it reads mid-sentence: "Low back" -> "low back", but "SI joint" stays."""
    first = label.split(" ", 1)[0]
    return label if first.isupper() and len(first) > 1 else label[:1].lower() + label[1:]
