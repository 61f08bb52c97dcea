"""The answers record itself: one field per question, with its words and range.

Each field carries everything the app says about it (title, help text, the question, the
page section it comes from, its form step, options, unit and range) so that
:data:`psoas_check.fields.FIELDS` can be built from the record and nothing is written
twice. Import :class:`Answers` from :mod:`psoas_check.answers`, where it has always been.

Every value is read by the readers in :mod:`psoas_check.values` — the same ones that read
a roster's cells and a saved summary — whether it comes from a file
(:func:`~psoas_check.answers.parse_answers`, which keeps what it can and reports the rest)
or from code (``Answers(sitting_hours=9)``, which raises :class:`AnswerError` for the
first value it cannot read). There is one reading of each answer, not two kept equal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any, Literal

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

__all__ = ["Answers", "Kind"]

Kind = Literal["text", "number", "integer", "choice", "bool", "set"]


def _meta(
    kind: Kind,
    *,
    title: str,
    help: str,
    question: str,
    section: str,
    step: str,
    options: dict[str, str] | None = None,
    unit: str | None = None,
    evidence: str | None = None,
    minimum: float | None = None,
    maximum: float | None = None,
) -> dict[str, Any]:
    """Everything said about one question, kept with its field (``FIELDS`` reads it)."""
    return {
        "kind": kind,
        "title": title,
        "help": help,
        "question": question,
        "section": section,
        "step": step,
        "options": options or {},
        "unit": unit,
        "evidence": evidence,
        "minimum": minimum,
        "maximum": maximum,
    }


#: Where each set option sorts in a download: the order the options are listed in.
_OPTION_ORDER = {option: index for index, option in enumerate([*PAIN_AREAS, *RED_FLAGS])}


def _in_option_order(values: frozenset[str]) -> list[str]:
    return sorted(values, key=_OPTION_ORDER.__getitem__)


@dataclass(frozen=True)
class Answers:
    """One person's questionnaire; every field optional, ``None`` meaning not answered.

    ``Answers(red_flags=[], sitting_hours="9")`` reads each value as a file's cell is read
    (a list of options becomes a set, "9" becomes 9.0) and raises :class:`AnswerError`
    naming the field when one cannot be read.
    """

    attendee: str | None = field(default=None, metadata=_meta(
        "text",
        title="Name or code",
        help="Used only to tell attendees apart in an instructor's roster.",
        question="Name or attendee code",
        section="intro",
        step="about",
    ))
    sitting_hours: float | None = field(default=None, metadata=_meta(
        "number",
        title="Hours sitting on a typical day",
        help="Count work, travel, meals and screen time together.",
        question="On a typical day, how many hours do you spend sitting?",
        section="back-pain",
        step="habits",
        unit="hours",
        minimum=0,
        maximum=24,
    ))
    stretch_breaks: StretchBreaks | None = field(default=None, metadata=_meta(
        "choice",
        title="Stretch breaks while sitting",
        help="Standing up and moving or stretching for a minute or more counts.",
        question="While sitting, how often do you get up and stretch?",
        section="back-pain",
        step="habits",
        options=STRETCH_BREAKS,
    ))
    exercise_days: int | None = field(default=None, metadata=_meta(
        "integer",
        title="Days a week with 30+ minutes of exercise",
        help="Deliberate exercise: brisk walking, cycling, a class, sport, strength work.",
        question="On how many days a week do you exercise on purpose for 30 minutes or more?",
        section="back-pain",
        step="habits",
        unit="days",
        minimum=0,
        maximum=7,
    ))
    stress_level: int | None = field(default=None, metadata=_meta(
        "integer",
        title="Stress over the last month (0 to 10)",
        help="0 is none at all, 10 is the most you can imagine.",
        question="How stressed have you felt over the last month, from 0 to 10?",
        section="back-pain",
        step="stress",
        minimum=0,
        maximum=10,
    ))
    money_stress: bool | None = field(default=None, metadata=_meta(
        "bool",
        title="Money is a main source of stress",
        help="Worries about bills, debt, income or work security.",
        question="Is money one of the main things you feel stressed about?",
        section="back-pain",
        step="stress",
    ))
    abdominal_excess_lb: float | None = field(default=None, metadata=_meta(
        "number",
        title="Extra weight around the belly (lb)",
        help="Your own rough estimate; 0 if none. Kilograms are accepted too.",
        question="Roughly how much extra weight do you carry around your belly?",
        section="back-pain",
        step="body",
        unit="lb",
        minimum=0,
        maximum=300,
    ))
    back_fatigue: bool | None = field(default=None, metadata=_meta(
        "bool",
        title="Back muscles tired by the end of the day",
        help="A tired, worn-out or achy feeling in the back muscles by evening.",
        question="Do your back muscles feel tired or worn out by the end of the day?",
        section="back-pain",
        step="body",
    ))
    pain_areas: frozenset[PainArea] | None = field(default=None, metadata=_meta(
        "set",
        title="Where it hurts now",
        help="Pick every area with pain or discomfort now; none is an answer too.",
        question="Where do you feel pain or discomfort now?",
        section="back-pain",
        step="pain",
        options=PAIN_AREAS,
    ))
    pain_duration: PainDuration | None = field(default=None, metadata=_meta(
        "choice",
        title="How long the pain has lasted",
        help=(
            "Count from when this spell of pain began, even if it comes and goes. "
            "Leave it unanswered if nothing hurts now."
        ),
        question="How long have you had this pain?",
        section="back-pain",
        step="pain",
        options=PAIN_DURATION,
        evidence=(
            "The bands follow the usual split of back pain by how long it has lasted: "
            "NICE guideline NG59 and NICE CKS speak of acute pain (under about six "
            "weeks) and pain lasting more than three months; the Keele STarT Back tool "
            "and the Oswestry Disability Index are used across all of these."
        ),
    ))
    pain_bother: int | None = field(default=None, metadata=_meta(
        "integer",
        title="How much the pain bothers you (0 to 10)",
        help=(
            "0 is not at all; 10 is that it gets in the way of nearly everything you do. "
            "Leave it unanswered if nothing hurts now."
        ),
        question=(
            "Over the past two weeks, how much has the pain bothered you or got in the "
            "way of your day, from 0 to 10?"
        ),
        section="back-pain",
        step="pain",
        evidence=(
            "Our own wording of two things back-pain screens ask: how bothersome the "
            "pain has been lately (the Keele STarT Back tool's bothersomeness item) and "
            "how much it limits daily life (the Oswestry Disability Index). A single "
            "0 to 10 rating is our simplification, not either tool's score."
        ),
        minimum=0,
        maximum=10,
    ))
    pain_lying_on_back: bool | None = field(default=None, metadata=_meta(
        "bool",
        title="Low back hurts lying flat with legs long",
        help="Lying on your back with both legs stretched out along the floor.",
        question=(
            "Does your low back hurt or tense when you lie on your back with your legs straight?"
        ),
        section="active-supine-stretch",
        step="poses",
    ))
    knee_discomfort_sitting: bool | None = field(default=None, metadata=_meta(
        "bool",
        title="Knees strain sitting cross-legged",
        help="Either knee strains, or one knee sits higher than the other.",
        question="When you sit cross-legged, do your knees strain or does one sit higher?",
        section="seated-poses",
        step="poses",
    ))
    balance_difficulty: bool | None = field(default=None, metadata=_meta(
        "bool",
        title="Standing on one leg is hard",
        help="Say yes if you wobble or need to hold on within a few seconds.",
        question="Is it hard for you to stand on one leg?",
        section="vrksasana",
        step="poses",
    ))
    arms_overhead_difficulty: bool | None = field(default=None, metadata=_meta(
        "bool",
        title="Raising the arms overhead is stiff or painful",
        help="Lifting both arms straight up beside your ears.",
        question="Is raising your arms overhead stiff or painful?",
        section="arms-overhead",
        step="poses",
    ))
    red_flags: frozenset[RedFlag] | None = field(default=None, metadata=_meta(
        "set",
        title="Warning signs",
        help="These need a clinician, not a yoga pose. Tick any that apply now.",
        question="Do any of these apply to you now?",
        section="back-pain",
        step="warning",
        options=RED_FLAGS,
    ))

    def __post_init__(self) -> None:
        from .answers import parse_value  # the readers need the fields built from this class

        for name, value in self.__dict__.items():
            if value is not None:
                object.__setattr__(self, name, parse_value(name, value))

    @classmethod
    def read(cls, values: Mapping[str, Any]) -> Answers:
        """Answers holding ``values`` (each given by :func:`~.answers.parse_value`) as they are.

        For values read already: nothing is read a second time. An unknown field name is
        still refused (``TypeError``, as ``Answers(...)`` does).
        """
        unknown = values.keys() - _BLANK.keys()
        if unknown:
            raise TypeError(f"Answers has no field {sorted(unknown)[0]!r}")
        answers = cls.__new__(cls)
        answers.__dict__.update(_BLANK)  # every field, in form order
        answers.__dict__.update(values)
        return answers

    def as_dict(self) -> dict[str, Any]:
        """Every field and its value (sets as sets), in form order."""
        return dict(self.__dict__)

    def as_json(self) -> dict[str, Any]:
        """Every field as a JSON value, in form order (sets in the order options are listed)."""
        return {
            name: _in_option_order(value) if isinstance(value, frozenset) else value
            for name, value in self.__dict__.items()
        }

    def answered(self, name: str) -> bool:
        """Whether the person gave any answer (an empty set counts) for ``name``."""
        return getattr(self, name) is not None

    def unanswered(self) -> list[str]:
        """Questionnaire fields left blank, in form order (the roster-only name excluded)."""
        return [n for n, value in self.__dict__.items() if n != "attendee" and value is None]


#: Every field blank: what a questionnaire holds before anything is read into it.
_BLANK = dict.fromkeys(item.name for item in fields(Answers))
