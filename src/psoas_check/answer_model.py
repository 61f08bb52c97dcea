"""The answers model itself: one pydantic field per question, with its words and range.

Each field carries everything the app says about it (title, help text, the question, the
page section it comes from, its form step, options and unit) so that
:data:`psoas_check.fields.FIELDS` can be built from the model and nothing is written
twice. Import :class:`Answers` from :mod:`psoas_check.answers`, where it has always been.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_serializer, field_validator

from .options import (
    PAIN_AREAS,
    PAIN_DURATION,
    RED_FLAGS,
    STRETCH_BREAKS,
    PainArea,
    PainDuration,
    RedFlag,
    StretchBreaks,
)
from .values import is_plain_text

__all__ = ["Answers", "Kind"]

Kind = Literal["text", "number", "integer", "choice", "bool", "set"]


def _meta(
    kind: Kind,
    question: str,
    section: str,
    step: str,
    *,
    options: dict[str, str] | None = None,
    unit: str | None = None,
    evidence: str | None = None,
) -> dict[str, Any]:
    return {
        "kind": kind,
        "question": question,
        "section": section,
        "step": step,
        "options": options or {},
        "unit": unit,
        "evidence": evidence,
    }


#: Where each set option sorts in a download: the order the options are listed in.
_OPTION_ORDER = {option: index for index, option in enumerate([*PAIN_AREAS, *RED_FLAGS])}


def _in_option_order(values: frozenset[str]) -> list[str]:
    return sorted(values, key=_OPTION_ORDER.__getitem__)


class Answers(BaseModel):
    """One person's questionnaire; every field optional, ``None`` meaning not answered."""

    # The validator is built on first use, not at import: parse_answers reads every value
    # with the readers in values.py and constructs the model from them, so the command
    # line never needs it (the form's own Answers(...) calls do).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

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
    pain_duration: PainDuration | None = Field(
        None,
        title="How long the pain has lasted",
        description=(
            "Count from when this spell of pain began, even if it comes and goes. "
            "Leave it unanswered if nothing hurts now."
        ),
        json_schema_extra=_meta(
            "choice",
            "How long have you had this pain?",
            "back-pain",
            "pain",
            options=PAIN_DURATION,
            evidence=(
                "The bands follow the usual split of back pain by how long it has lasted: "
                "NICE guideline NG59 and NICE CKS speak of acute pain (under about six "
                "weeks) and pain lasting more than three months; the Keele STarT Back tool "
                "and the Oswestry Disability Index are used across all of these."
            ),
        ),
    )
    pain_bother: int | None = Field(
        None,
        ge=0,
        le=10,
        title="How much the pain bothers you (0 to 10)",
        description=(
            "0 is not at all; 10 is that it gets in the way of nearly everything you do. "
            "Leave it unanswered if nothing hurts now."
        ),
        json_schema_extra=_meta(
            "integer",
            "Over the past two weeks, how much has the pain bothered you or got in the "
            "way of your day, from 0 to 10?",
            "back-pain",
            "pain",
            evidence=(
                "Our own wording of two things back-pain screens ask: how bothersome the "
                "pain has been lately (the Keele STarT Back tool's bothersomeness item) and "
                "how much it limits daily life (the Oswestry Disability Index). A single "
                "0 to 10 rating is our simplification, not either tool's score."
            ),
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
        return None if value is None else _in_option_order(value)

    def as_json(self) -> dict[str, Any]:
        """Every field as a JSON value, in form order: equal to ``model_dump(mode="json")``.

        Written out (sets in option order, everything else as it is) so that a download or
        ``assess --format json`` needs no pydantic serializer to be built.
        """
        return {
            name: _in_option_order(value) if isinstance(value, frozenset) else value
            for name, value in self.__dict__.items()
        }

    def answered(self, name: str) -> bool:
        """Whether the person gave any answer (an empty set counts) for ``name``."""
        return getattr(self, name) is not None

    def unanswered(self) -> list[str]:
        """Questionnaire fields left blank, in form order (the roster-only name excluded)."""
        names = type(self).model_fields
        return [n for n in names if n != "attendee" and getattr(self, n) is None]
