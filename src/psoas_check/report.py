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
from .messages import EVALUATION_NOTE, NOTICE, PAGE_LOAD_CLAIM, STATUS_TEXT, UNREADABLE_FLAGS
from .rules import RuleSet, default_rules

__all__ = [
    "ANSWERS_HEADING",
    "ERRORS_HEADING",
    "FLAGS_INTRO",
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
FLAGS_INTRO = "Warning signs you marked:"
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
    headline: str
    todo: str
    red_flags: list[str]
    flags_note: str | None
    items: list[Item]
    why: list[Why]
    load_claim: str | None
    evaluation_note: str
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
    headline, todo = STATUS_TEXT[assessment.status]
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
                read=entry.read,
            )
        )
    load_claim = None
    if answers.abdominal_excess_lb is not None:
        pounds = answers.abdominal_excess_lb
        load_claim = (
            f"{PAGE_LOAD_CLAIM} For your estimate of {pounds:g} lb that "
            f"would be about {pounds * 3:g} lb by the page's rule of thumb."
        )
    page = catalog.page
    return SummaryContent(
        notice=NOTICE,
        title="psoas-check summary",
        date=today or date.today(),
        attendee=answers.attendee,
        status=assessment.status,
        headline=headline,
        todo=todo,
        red_flags=[f"{f.label} ({f.tier.replace('_', ' ')})" for f in assessment.red_flags],
        flags_note=UNREADABLE_FLAGS
        if assessment.poses_withheld and not assessment.red_flags
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
        load_claim=load_claim,
        evaluation_note=EVALUATION_NOTE,
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
    if doc.red_flags:
        out += [FLAGS_INTRO, ""]
        out += [f"- {flag}" for flag in doc.red_flags]
        out.append("")
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
