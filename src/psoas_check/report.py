"""Assessment -> the downloadable summary, as JSON and Markdown (PDF lives in pdf.py).

Every document opens with the non-diagnostic notice. :func:`summary_content` decides
what a summary says and in which order; Markdown and PDF only lay that out, so the two
never disagree. The JSON summary loads back in
with :func:`load_summary` and restores every answer exactly.

Example::

    >>> doc = to_json(answers, assess(answers))
    >>> load_summary(doc).answers == answers
    True
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from .answers import FIELDS, Answers, ParsedAnswers, format_value, parse_answers
from .assess import Assessment, Reason
from .errors import InputError
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
)
from .rules import DERIVED, RuleSet, default_rules
from .signs import TIMINGS

__all__ = [
    "ANSWERS_HEADING",
    "CARE_POINTS",
    "ERRORS_HEADING",
    "KIND_HEADINGS",
    "MAX_SUMMARY_BYTES",
    "SCHEMA",
    "WHY_HEADING",
    "Item",
    "SummaryContent",
    "Why",
    "load_summary",
    "summary_content",
    "summary_document",
    "to_json",
    "to_markdown",
]

SCHEMA = "psoas-check/answers@1"
MAX_SUMMARY_BYTES = 1_000_000


def summary_document(answers: Answers, assessment: Assessment) -> dict[str, Any]:
    """The contract's JSON summary as a dict: notice, schema, answers, assessment."""
    return {
        "notice": NOTICE,
        "schema": SCHEMA,
        "answers": answers.model_dump(mode="json"),
        "assessment": assessment.model_dump(mode="json"),
    }


def to_json(answers: Answers, assessment: Assessment) -> str:
    """The summary as pretty-printed UTF-8 JSON text."""
    return json.dumps(summary_document(answers, assessment), indent=2, ensure_ascii=False) + "\n"


def load_summary(source: str | bytes | dict[str, Any], name: str = "summary") -> ParsedAnswers:
    """Read answers back from a downloaded summary or from a bare object of fields.

    Raises :class:`InputError` (one line, naming ``name``) when the document is not JSON,
    not an object, or a summary of another schema. Unreadable values inside come back as
    errors on the result, like any other answers.
    """
    data: Any = source
    if isinstance(source, bytes | str):
        if len(source) > MAX_SUMMARY_BYTES:
            raise InputError(f"{name}: is larger than a summary can be ({len(source):,} bytes)")
        try:
            data = json.loads(source)
        except ValueError as err:  # bad UTF-8, bad JSON, or an integer too long to read
            raise InputError(f"{name}: is not a JSON summary ({_short(err)})") from err
        except RecursionError as err:
            raise InputError(f"{name}: is nested too deeply to be a summary") from err
    if not isinstance(data, dict):
        raise InputError(f"{name}: expected a JSON object of answers, found {type(data).__name__}")
    if "schema" in data:
        if data["schema"] != SCHEMA:
            raise InputError(f"{name}: schema {str(data['schema'])[:40]!r} is not {SCHEMA}")
        data = data.get("answers")
        if not isinstance(data, dict):
            raise InputError(f"{name}: the summary has no `answers` object")
    return parse_answers({k: v for k, v in data.items() if k != "notice"})


def _short(err: Exception) -> str:
    return str(err).splitlines()[0][:80]


#: Headings and fixed lines every summary uses, so Markdown and PDF say the same thing.
CARE_POINTS = "The article's own care points"
KIND_HEADINGS = {"section": "Sections to read", "pose": "Poses to try"}
WHY_HEADING = "Why: the rules behind these suggestions"
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


@dataclass(frozen=True)
class Why:
    """One rule that fired: its title, id, plain sentence and the answers behind it."""

    title: str
    rule: str
    because: str
    given: str


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
    items: list[Item]
    why: list[Why]
    load_claim: str | None
    evaluation_note: str | None
    errors: list[str]
    answers: list[tuple[str, str]]
    unanswered: list[str]
    source: str

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
    items = []
    for suggestion in assessment.suggestions:
        entry = catalog.entry(suggestion.id)
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
            )
        )
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
    )


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


def to_markdown(
    answers: Answers,
    assessment: Assessment,
    ruleset: RuleSet | None = None,
    today: date | None = None,
) -> str:
    """The summary as Markdown: notice, status, suggestions with reasons, answers."""
    doc = summary_content(answers, assessment, ruleset, today)
    out = [f"> **Not a diagnosis.** {doc.notice}", "", f"# {doc.title}", ""]
    out.append(f"Date: {doc.date.isoformat()}")
    if doc.attendee:
        out.append(f"Attendee: {_md(doc.attendee)}")
    out += ["", f"## {doc.headline}", "", doc.todo, ""]
    if doc.signs:
        out += [doc.flags_intro or "", ""]
        out += [f"- **{sign}**: {advice}" for sign, advice in doc.signs]
        out.append("")
        if doc.also_tell:
            out += [doc.also_tell, ""]
    elif doc.flags_note:
        out += [doc.flags_note, ""]
    for kind, heading in KIND_HEADINGS.items():
        items = doc.of_kind(kind)
        if not items:
            continue
        out += [f"## {heading}", ""]
        for item in items:
            out += [f"### {item.title}", "", item.summary, ""]
            out += [f"- Why: {reason.text} (rule `{reason.rule}`)" for reason in item.reasons]
            out += [f"- **Caution for you:** {text}" for text in item.cautions]
            out += [f"- {CARE_POINTS}: {text}" for text in item.care_points]
            out += [f"- Read: {item.read}", ""]
    if doc.why:
        out += [f"## {WHY_HEADING}", ""]
        out += [
            f"- **{why.title}** (`{why.rule}`): when {why.because}. Your answers: {why.given}."
            for why in doc.why
        ]
        out.append("")
    if doc.load_claim:
        out += [doc.load_claim, ""]
    if doc.evaluation_note:
        out += [doc.evaluation_note, ""]
    if doc.errors:
        out += [f"## {ERRORS_HEADING}", ""]
        out += [f"- {_md(err)}" for err in doc.errors]
        out.append("")
    out += [f"## {ANSWERS_HEADING}", "", "| Question | Answer |", "| --- | --- |"]
    out += [f"| {label} | {_md(value)} |" for label, value in doc.answers]
    if doc.unanswered:
        out += ["", "Not answered: " + ", ".join(doc.unanswered) + "."]
    out += ["", doc.source, ""]
    return "\n".join(out)


def _md(text: str) -> str:
    """A person's text as inert Markdown on one line: no markup, links or control codes."""
    specials = "\\`*_[]<>|:"
    flat = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    escaped = "".join("\\" + ch if ch in specials else ch for ch in flat)
    return escaped.replace("www.", "www\\.").replace("WWW.", "WWW\\.")
