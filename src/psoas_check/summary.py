"""What a person's summary says, in reading order: shared by the app, Markdown and PDF.

:func:`summary_content` decides the content once (status, "Start here", suggestions with a
one-sentence why, each rule explained once, answers); the renderers only lay it out, so
the page and the downloads never disagree. Rule ids travel here for the app's details
and stay in the JSON; the Markdown and PDF leave them out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .answers import FIELDS, Answers, format_value
from .assess import Assessment, FiredRule, Reason
from .catalog import Pose
from .messages import (
    ALSO_TELL,
    EVALUATION_NOTE,
    FLAGS_INTRO,
    LARGE_LOAD_CLAIM,
    NOTICE,
    PAGE_LOAD_CLAIM,
    PREGNANCY_TEXT,
    STATUS_TEXT,
    TIMING_TEXT,
    UNREADABLE_FLAGS,
    WHY_LEAD,
)
from .plan import StartHere, start_here
from .rules import DERIVED, RuleSet, default_rules
from .signs import TIMINGS

__all__ = [
    "ANSWERS_HEADING",
    "CARE_POINTS",
    "ERRORS_HEADING",
    "HOW_TO",
    "KIND_HEADINGS",
    "PRACTICE",
    "WHY_HEADING",
    "Item",
    "SummaryContent",
    "Why",
    "load_claim",
    "summary_content",
    "why_sentence",
]

#: Headings and fixed lines every summary uses, so Markdown and PDF say the same thing.
CARE_POINTS = "The article's own care points"
#: Poses first: they are what a person practises; the reading follows.
KIND_HEADINGS = {"pose": "Poses to try", "section": "Sections to read"}
WHY_HEADING = "The rules behind these suggestions"
HOW_TO = "How to do it"
PRACTICE = "How long, how often (our suggestion)"
ERRORS_HEADING = "Answers that could not be read"
ANSWERS_HEADING = "Your answers"


@dataclass(frozen=True)
class Item:
    """A suggested section or pose as the summary shows it."""

    kind: str
    id: str
    title: str
    summary: str
    reasons: list[Reason]
    cautions: list[str]
    care_points: list[str]
    read: str
    why: str = ""  # one plain sentence; the reasons and rules are the details
    steps: list[str] = field(default_factory=list)
    practice: str | None = None


@dataclass(frozen=True)
class Why:
    """One rule that fired, explained once: title, id, sentence, answers, source, note."""

    title: str
    rule: str
    because: str
    given: str
    source: str = ""
    note: str | None = None
    items: list[str] = field(default_factory=list)  # titles of what it suggested


@dataclass(frozen=True)
class SummaryContent:
    """What goes into a person's summary, in reading order; renderers only lay it out.

    Text here is plain (not escaped for any format); user-supplied parts are
    ``attendee``, the ``answers`` values and ``errors``.
    """

    notice: str
    title: str
    date: date
    attendee: str | None
    status: str
    tone: str  # how loudly to show it: the status, or "pregnancy" for gentler words
    headline: str
    todo: str
    flags_intro: str | None
    signs: list[tuple[str, str]]  # (sign, its advice), most pressing first
    also_tell: str | None
    flags_note: str | None
    items: list[Item]  # in the order shown: by KIND_HEADINGS, then most relevant first
    why: list[Why]
    load_claim: str | None
    evaluation_note: str | None
    errors: list[str]
    answers: list[tuple[str, str]]
    unanswered: list[str]
    source: str
    start: StartHere | None = None
    link: str | None = None  # the source page's address, shown as a link only
    link_title: str = ""
    pain_areas: list[str] = field(default_factory=list)  # for the diagram's rings

    def of_kind(self, kind: str) -> list[Item]:
        return [item for item in self.items if item.kind == kind]


def summary_content(
    answers: Answers,
    assessment: Assessment,
    ruleset: RuleSet | None = None,
    today: date | None = None,
) -> SummaryContent:
    """Decide what a summary says (shared by :func:`to_markdown` and ``pdf.to_pdf``)."""
    ruleset = ruleset or default_rules()
    catalog = ruleset.catalog
    status = assessment.status
    flags = sorted(assessment.red_flags, key=lambda f: TIMINGS.index(f.timing))
    pregnancy_only = [f.id for f in flags] == ["pregnancy"]
    headline, todo = PREGNANCY_TEXT if pregnancy_only else STATUS_TEXT[status]
    if status == "see_clinician" and not pregnancy_only:
        todo = TIMING_TEXT[flags[0].timing]
    shown = [f for f in flags if status != "urgent" or f.tier == "urgent"]
    others = [f.label for f in flags if f not in shown]
    fired = {f.rule: f for f in assessment.fired}
    items = []
    for suggestion in assessment.suggestions:
        entry = catalog.entry(suggestion.id)
        pose = entry if isinstance(entry, Pose) else None
        items.append(
            Item(
                kind=suggestion.kind,
                id=suggestion.id,
                title=suggestion.title,
                summary=entry.summary.strip(),
                reasons=list(suggestion.reasons),
                cautions=[c.text for c in assessment.cautions if c.pose == suggestion.id],
                care_points=[c.text for c in assessment.care_points if c.pose == suggestion.id],
                read=entry.read,
                why=why_sentence([fired[r.rule] for r in suggestion.reasons if r.rule in fired]),
                steps=list(pose.steps) if pose else [],
                practice=pose.practice if pose else None,
            )
        )
    items.sort(key=lambda item: list(KIND_HEADINGS).index(item.kind))  # shown in this order
    titles = {s.id: s.title for s in assessment.suggestions}
    pregnant = any(f.id == "pregnancy" for f in flags)
    quiet = status == "urgent" or pregnant  # one instruction, or a gentle one: no arithmetic
    page = catalog.page
    return SummaryContent(
        notice=NOTICE,
        title="psoas-check summary",
        date=today or date.today(),
        attendee=answers.attendee,
        status=assessment.status,
        tone="pregnancy" if pregnancy_only else status,
        headline=headline,
        todo=todo,
        flags_intro=FLAGS_INTRO["pregnancy" if pregnancy_only else status] if shown else None,
        signs=[(f.label, f.advice) for f in shown],
        also_tell=ALSO_TELL + "; ".join(others) + "." if others else None,
        flags_note=UNREADABLE_FLAGS
        if assessment.flags_unreadable
        else STATUS_TEXT["incomplete"][1]
        if answers.red_flags is None and status != "incomplete"
        else None,
        items=items,
        why=[
            Why(
                title=fired.title,
                rule=fired.rule,
                because=fired.because,
                given="; ".join(f"{g.label}: {g.value}" for g in fired.answers),
                source=catalog.entry(fired.source).title,
                note=fired.note,
                items=[titles[i] for i in (*fired.poses, *fired.sections) if i in titles],
            )
            for fired in assessment.fired
        ],
        load_claim=None if quiet else load_claim(answers.abdominal_excess_lb),
        evaluation_note=None if status == "urgent" else EVALUATION_NOTE,
        errors=list(assessment.errors),
        answers=[
            (spec.label, format_value(name, getattr(answers, name)))
            for name, spec in FIELDS.items()
            if name != "attendee" and getattr(answers, name) is not None
        ],
        unanswered=[FIELDS[name].label for name in assessment.unanswered],
        source=f"Source: {page.title}, by {page.author}; pose article by "
        f"{page.article_author}. Summaries are our own words.",
        start=start_here(assessment, catalog),
        link=page.url,
        pain_areas=sorted(answers.pain_areas or ()),
        link_title=f"{page.author}, {page.title}",
    )


def why_sentence(rules: list[FiredRule]) -> str:
    """One plain sentence naming what in the answers led to a suggestion.

    Built from the titles of the rules behind it (written as plain phrases), so a rule
    that fired for several suggestions reads the same under each and is explained once.
    """
    phrases = [r.title[:1].lower() + r.title[1:] for r in rules]
    if not phrases:
        return ""
    listed = phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " and " + phrases[-1]
    return f"{WHY_LEAD} {listed}."


#: The page states its ratio per 10 lb; below that, multiplying it out means nothing.
LOAD_CLAIM_FROM_LB = 10
#: Above this the ratio is not multiplied out: it was a rough picture, never a formula.
LOAD_CLAIM_UP_TO_LB = 100


def load_claim(pounds: float | None) -> str | None:
    """The page's belly-weight rule of thumb for this estimate, carefully worded, or None."""
    if pounds is None or pounds < LOAD_CLAIM_FROM_LB:
        return None
    if pounds > LOAD_CLAIM_UP_TO_LB:
        return LARGE_LOAD_CLAIM
    load = DERIVED["page_low_back_load_lb"].compute(pounds)  # the ratio is written once
    return (
        f"{PAGE_LOAD_CLAIM} For your estimate of {pounds:g} lb that "
        f"would be about {load:g} lb by the page's rule of thumb."
    )
