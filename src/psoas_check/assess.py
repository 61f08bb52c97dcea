"""Answers + rules -> an Assessment: status, suggestions, cautions and the reasons for each.

Example::

    >>> from psoas_check import Answers, assess
    >>> result = assess(Answers(sitting_hours=9, stretch_breaks="rarely", red_flags=[]))
    >>> result.status, result.sections[:1], result.poses[:1]
    ('ok', ['back-pain'], ['constructive-rest'])
    >>> assess(Answers(sitting_hours=9, stretch_breaks="rarely")).status  # never screened
    'incomplete'
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from .answers import FIELDS, Answers, format_value
from .catalog import Catalog
from .errors import AnswerError
from .options import RED_FLAG_TIER, RED_FLAGS
from .records import to_json
from .rules import Rule, RuleSet, default_rules, fill
from .signs import Timing

__all__ = [
    "STATUSES",
    "Assessment",
    "Caution",
    "FiredRule",
    "Given",
    "RedFlag",
    "Suggestion",
    "assess",
    "care_points",
]

Status = Literal["urgent", "see_clinician", "invalid", "incomplete", "caution", "ok"]
#: Contract section 3, in priority order.
STATUSES: tuple[Status, ...] = (
    "urgent", "see_clinician", "invalid", "incomplete", "caution", "ok"
)

# Plain records (see records.py), filled by assess() from answers and rules that were
# checked already: nothing is validated twice.


class _Result:
    """Shared by the result types: their fields as JSON values."""

    __slots__ = ()

    def as_json(self) -> dict[str, Any]:
        """Every field as a JSON value, in order (records within records included)."""
        return to_json(self)  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Caution(_Result):
    """A caution for one suggested pose (contract shape: pose and text only)."""

    pose: str
    text: str


@dataclass(frozen=True)
class Given(_Result):
    """One answer that made a rule fire, as the person gave it."""

    field: str
    label: str
    value: str


@dataclass(frozen=True)
class FiredRule(_Result):
    """A rule whose condition held, with the answers behind it and what it added."""

    rule: str
    title: str
    factor: str
    because: str
    answers: list[Given]
    source: str
    note: str | None = None
    sections: list[str] = field(default_factory=list)
    poses: list[str] = field(default_factory=list)
    cautions: list[Caution] = field(default_factory=list)


@dataclass(frozen=True)
class Reason(_Result):
    """One rule's reason for suggesting a section or pose."""

    rule: str
    text: str


@dataclass(frozen=True)
class Suggestion(_Result):
    """A section to read or a pose to try, with every rule that pointed at it."""

    kind: Literal["section", "pose"]
    id: str
    title: str
    reasons: list[Reason]


@dataclass(frozen=True)
class RedFlag(_Result):
    """A warning sign the person marked, with its own advice and how soon to act."""

    id: str
    label: str
    tier: Literal["urgent", "see_clinician"]
    timing: Timing
    advice: str


@dataclass(frozen=True)
class Assessment(_Result):
    """The outcome for one person; the first six fields are the contract's screen record."""

    status: Status
    sections: list[str]
    poses: list[str]
    cautions: list[Caution]
    rules: list[str]
    errors: list[str]
    care_points: list[Caution] = field(default_factory=list)
    red_flags: list[RedFlag] = field(default_factory=list)
    poses_withheld: bool = False
    flags_unreadable: bool = False
    suggestions: list[Suggestion] = field(default_factory=list)
    fired: list[FiredRule] = field(default_factory=list)
    unanswered: list[str] = field(default_factory=list)


def _given(rule: Rule, answers: Answers) -> list[Given]:
    fields = dict.fromkeys(test.field for test in rule.condition.witnesses(answers))
    return [
        Given(
            field=f, label=FIELDS[f].label, value=format_value(f, getattr(answers, f))
        )
        for f in fields
    ]


def _ranked(counts: Counter[str], order: list[str]) -> list[str]:
    """Most-pointed-at first; ties keep catalogue order."""
    return sorted(counts, key=lambda item: (-counts[item], order.index(item)))


def assess(
    answers: Answers,
    ruleset: RuleSet | None = None,
    errors: list[AnswerError] | None = None,
) -> Assessment:
    """Evaluate every rule for one person and decide their status (contract section 3).

    ``errors`` are the problems met while reading the answers; they make the status
    ``invalid`` unless a red flag outranks it, and they are always listed. Poses are
    suggested only to someone who answered the warning signs, readably, with none; an
    urgent sign leaves one instruction and nothing else, not even reading.
    """
    ruleset = ruleset or default_rules()
    catalog = ruleset.catalog
    errors = errors or []
    flags = sorted(answers.red_flags or (), key=list(RED_FLAGS).index)
    urgent = any(RED_FLAG_TIER[f] == "urgent" for f in flags)
    flags_unreadable = any(err.field == "red_flags" for err in errors)
    withhold = bool(flags) or flags_unreadable or answers.red_flags is None

    section_votes: Counter[str] = Counter()
    pose_votes: Counter[str] = Counter()
    reasons: dict[tuple[str, str], list[Reason]] = {}
    cautions: dict[str, list[str]] = {}
    fired: list[FiredRule] = []
    for rule in ruleset.rules:
        if urgent or not rule.fires(answers):
            continue
        sections = list(rule.suggest.sections)
        poses = [] if withhold else list(rule.suggest.poses)
        rule_cautions = [] if withhold else rule.cautions
        for kind, pointers, votes in (
            ("section", sections, section_votes),
            ("pose", poses, pose_votes),
        ):
            for pointer in pointers:
                votes[pointer.id] += 1
                reasons.setdefault((kind, pointer.id), []).append(
                    Reason(rule=rule.id, text=fill(pointer.reason, answers))
                )
        added = [
            Caution(pose=c.pose, text=fill(c.text, answers)) for c in rule_cautions
        ]
        for caution in added:
            cautions.setdefault(caution.pose, []).append(caution.text)
        if not (sections or poses or added):
            continue
        fired.append(
            FiredRule(
                rule=rule.id,
                title=rule.title,
                factor=rule.factor,
                because=rule.sentence(),
                answers=_given(rule, answers),
                source=rule.source.section,
                note=rule.source.note,
                sections=[p.id for p in sections],
                poses=[p.id for p in poses],
                cautions=added,
            )
        )

    section_ids = _ranked(section_votes, catalog.section_ids)
    pose_ids = catalog.sequence(_ranked(pose_votes, catalog.pose_ids))
    # A caution is kept for a pose that is suggested; it travels with that pose.
    kept = [
        Caution(pose=pose, text=text)
        for pose in pose_ids
        for text in dict.fromkeys(cautions.get(pose, []))
    ]
    kinds: tuple[tuple[Literal["section", "pose"], list[str]], ...] = (
        ("section", section_ids),
        ("pose", pose_ids),
    )
    suggestions = [
        Suggestion(
            kind=kind, id=item, title=catalog.entry(item).title, reasons=reasons[(kind, item)]
        )
        for kind, ids in kinds
        for item in ids
    ]
    signs = ruleset.signs
    return Assessment(
        status=_status(flags, errors, answers.red_flags is None, kept),
        sections=section_ids,
        poses=pose_ids,
        cautions=kept,
        rules=[f.rule for f in fired],
        errors=[str(err) for err in errors],
        care_points=care_points(catalog, pose_ids),
        red_flags=[
            RedFlag(
                id=f,
                label=RED_FLAGS[f],
                tier=RED_FLAG_TIER[f],
                timing=signs[f].timing,
                advice=signs[f].advice.strip(),
            )
            for f in flags
        ],
        poses_withheld=withhold,
        flags_unreadable=flags_unreadable,
        suggestions=suggestions,
        fired=fired,
        unanswered=answers.unanswered(),
    )


def care_points(catalog: Catalog, pose_ids: Sequence[str]) -> list[Caution]:
    """The article's own care points for each suggested pose, in pose order."""
    poses = {pose.id: pose for pose in catalog.poses}
    return [
        Caution(pose=pose, text=text)
        for pose in pose_ids
        for text in poses[pose].cautions
    ]


def _status(
    flags: Sequence[str], errors: list[AnswerError], unscreened: bool, cautions: list[Caution]
) -> Status:
    tiers = {RED_FLAG_TIER[f] for f in flags}
    if "urgent" in tiers:
        return "urgent"
    if "see_clinician" in tiers:
        return "see_clinician"
    if errors:
        return "invalid"
    if unscreened:
        return "incomplete"
    return "caution" if cautions else "ok"
