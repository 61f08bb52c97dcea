"""One person's answers: the single source of truth for fields, ranges, labels and help.

The form, the file readers, the rules validator and the reports all read the field
specifications from :data:`FIELDS`, which is built from :class:`Answers` itself, so a label
or a range is written once.

A blank is ``None`` and means "not answered": it is never replaced by a default and never
fires a rule. For set fields an empty set means "answered: none of these".

Example::

    >>> parsed = parse_answers({"sitting_hours": "9", "stretch_breaks": "Rarely"})
    >>> parsed.answers.sitting_hours, parsed.answers.stretch_breaks, parsed.errors
    (9.0, 'rarely', [])
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_serializer, field_validator

from .errors import AnswerError
from .options import (
    PAIN_AREAS,
    RED_FLAGS,
    STRETCH_BREAKS,
    PainArea,
    RedFlag,
    StretchBreaks,
)
from .values import (
    clean_text,
    is_blank,
    is_plain_text,
    quoted,
    read_bool,
    read_choice,
    read_number,
    read_set,
)

__all__ = [
    "FIELDS",
    "KG_PER_LB",
    "Answers",
    "FieldSpec",
    "ParsedAnswers",
    "format_value",
    "parse_answers",
    "parse_value",
    "suggest_name",
]

Kind = Literal["text", "number", "integer", "choice", "bool", "set"]
KG_PER_LB = 0.45359237
KG_FIELD = "abdominal_excess_kg"
KG_MAX = 136.0

def _meta(
    kind: Kind,
    question: str,
    section: str,
    step: str,
    *,
    options: dict[str, str] | None = None,
    unit: str | None = None,
) -> dict[str, Any]:
    return {
        "kind": kind,
        "question": question,
        "section": section,
        "step": step,
        "options": options or {},
        "unit": unit,
    }


class Answers(BaseModel):
    """One person's questionnaire; every field optional, ``None`` meaning not answered."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    attendee: str | None = Field(
        None,
        max_length=100,
        title="Name or code",
        description="Used only to tell attendees apart in an instructor's roster.",
        json_schema_extra=_meta("text", "Name or attendee code", "intro", "about"),
    )
    sitting_hours: float | None = Field(
        None,
        ge=0,
        le=24,
        title="Hours sitting on a typical day",
        description="Count work, travel, meals and screen time together.",
        json_schema_extra=_meta(
            "number",
            "On a typical day, how many hours do you spend sitting?",
            "back-pain",
            "habits",
            unit="hours",
        ),
    )
    stretch_breaks: StretchBreaks | None = Field(
        None,
        title="Stretch breaks while sitting",
        description="Standing up and moving or stretching for a minute or more counts.",
        json_schema_extra=_meta(
            "choice",
            "While sitting, how often do you get up and stretch?",
            "back-pain",
            "habits",
            options=STRETCH_BREAKS,
        ),
    )
    exercise_days: int | None = Field(
        None,
        ge=0,
        le=7,
        title="Days a week with 30+ minutes of exercise",
        description="Deliberate exercise: brisk walking, cycling, a class, sport, strength work.",
        json_schema_extra=_meta(
            "integer",
            "On how many days a week do you exercise on purpose for 30 minutes or more?",
            "back-pain",
            "habits",
            unit="days",
        ),
    )
    stress_level: int | None = Field(
        None,
        ge=0,
        le=10,
        title="Stress over the last month (0 to 10)",
        description="0 is none at all, 10 is the most you can imagine.",
        json_schema_extra=_meta(
            "integer",
            "How stressed have you felt over the last month, from 0 to 10?",
            "back-pain",
            "stress",
        ),
    )
    money_stress: bool | None = Field(
        None,
        title="Money is a main source of stress",
        description="Worries about bills, debt, income or work security.",
        json_schema_extra=_meta(
            "bool",
            "Is money one of the main things you feel stressed about?",
            "back-pain",
            "stress",
        ),
    )
    abdominal_excess_lb: float | None = Field(
        None,
        ge=0,
        le=300,
        title="Extra weight around the belly (lb)",
        description="Your own rough estimate; 0 if none. Kilograms are accepted too.",
        json_schema_extra=_meta(
            "number",
            "Roughly how much extra weight do you carry around your belly?",
            "back-pain",
            "body",
            unit="lb",
        ),
    )
    back_fatigue: bool | None = Field(
        None,
        title="Back muscles tired by the end of the day",
        description="A tired, worn-out or achy feeling in the back muscles by evening.",
        json_schema_extra=_meta(
            "bool",
            "Do your back muscles feel tired or worn out by the end of the day?",
            "back-pain",
            "body",
        ),
    )
    pain_areas: frozenset[PainArea] | None = Field(
        None,
        title="Where it hurts now",
        description="Pick every area with pain or discomfort now; none is an answer too.",
        json_schema_extra=_meta(
            "set",
            "Where do you feel pain or discomfort now?",
            "back-pain",
            "pain",
            options=PAIN_AREAS,
        ),
    )
    pain_lying_on_back: bool | None = Field(
        None,
        title="Low back hurts lying flat with legs long",
        description="Lying on your back with both legs stretched out along the floor.",
        json_schema_extra=_meta(
            "bool",
            "Does your low back hurt or tense when you lie on your back with your legs straight?",
            "active-supine-stretch",
            "poses",
        ),
    )
    knee_discomfort_sitting: bool | None = Field(
        None,
        title="Knees strain sitting cross-legged",
        description="Either knee strains, or one knee sits higher than the other.",
        json_schema_extra=_meta(
            "bool",
            "When you sit cross-legged, do your knees strain or does one sit higher?",
            "seated-poses",
            "poses",
        ),
    )
    balance_difficulty: bool | None = Field(
        None,
        title="Standing on one leg is hard",
        description="Say yes if you wobble or need to hold on within a few seconds.",
        json_schema_extra=_meta(
            "bool",
            "Is it hard for you to stand on one leg?",
            "vrksasana",
            "poses",
        ),
    )
    arms_overhead_difficulty: bool | None = Field(
        None,
        title="Raising the arms overhead is stiff or painful",
        description="Lifting both arms straight up beside your ears.",
        json_schema_extra=_meta(
            "bool",
            "Is raising your arms overhead stiff or painful?",
            "arms-overhead",
            "poses",
        ),
    )
    red_flags: frozenset[RedFlag] | None = Field(
        None,
        title="Warning signs",
        description="These need a clinician, not a yoga pose. Tick any that apply now.",
        json_schema_extra=_meta(
            "set",
            "Do any of these apply to you now?",
            "back-pain",
            "warning",
            options=RED_FLAGS,
        ),
    )

    @field_validator("attendee", mode="before")
    @classmethod
    def _trimmed(cls, value: Any) -> Any:
        # Stored trimmed, and blank as None, so a summary round-trips exactly.
        if isinstance(value, str):
            value = value.strip()
            return value or None
        return value

    @field_validator("attendee")
    @classmethod
    def _printable(cls, value: str | None) -> str | None:
        if value is not None and not is_plain_text(value):
            raise ValueError("contains control characters (tabs, line breaks or similar)")
        return value

    @field_serializer("pain_areas", "red_flags")
    def _ordered(self, value: frozenset[str] | None) -> list[str] | None:
        # Serialise sets in the order the options are listed, so downloads are stable.
        if value is None:
            return None
        order = list(PAIN_AREAS) + list(RED_FLAGS)
        return sorted(value, key=order.index)

    def answered(self, name: str) -> bool:
        """Whether the person gave any answer (an empty set counts) for ``name``."""
        return getattr(self, name) is not None

    def unanswered(self) -> list[str]:
        """Questionnaire fields left blank, in form order (the roster-only name excluded)."""
        return [n for n in FIELDS if n != "attendee" and getattr(self, n) is None]


@dataclass(frozen=True)
class FieldSpec:
    """Everything the app, the readers and the rules know about one field."""

    name: str
    kind: Kind
    label: str
    question: str
    help: str
    section: str
    step: str
    options: dict[str, str]
    unit: str | None
    minimum: float | None
    maximum: float | None


def _specs() -> dict[str, FieldSpec]:
    specs: dict[str, FieldSpec] = {}
    for name, info in Answers.model_fields.items():
        extra = info.json_schema_extra
        assert isinstance(extra, dict)
        minimum = maximum = None
        for constraint in info.metadata:
            minimum = getattr(constraint, "ge", minimum)
            maximum = getattr(constraint, "le", maximum)
        specs[name] = FieldSpec(
            name=name,
            kind=extra["kind"],  # type: ignore[arg-type]
            label=info.title or name,
            question=str(extra["question"]),
            help=info.description or "",
            section=str(extra["section"]),
            step=str(extra["step"]),
            options=dict(extra["options"]),  # type: ignore[arg-type]
            unit=extra["unit"],  # type: ignore[arg-type]
            minimum=minimum,
            maximum=maximum,
        )
    return specs


#: Field name -> specification, in form order.
FIELDS: dict[str, FieldSpec] = _specs()


def suggest_name(name: str, choices: list[str] | Mapping[str, Any]) -> str:
    """A " (did you mean `x`?)" hint for a misspelt name, or an empty string."""
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
    return ParsedAnswers(Answers(**clean), errors)


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
