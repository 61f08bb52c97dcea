"""Assessment -> the downloadable summary, as JSON and Markdown (PDF lives in pdf.py).

Every document opens with the non-diagnostic notice. The JSON summary loads back in
with :func:`load_summary` and restores every answer exactly.

Example::

    >>> doc = to_json(answers, assess(answers))
    >>> load_summary(doc).answers == answers
    True
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from .answers import FIELDS, Answers, ParsedAnswers, format_value, parse_answers
from .assess import Assessment
from .errors import InputError
from .messages import EVALUATION_NOTE, NOTICE, PAGE_LOAD_CLAIM, STATUS_TEXT, UNREADABLE_FLAGS
from .rules import RuleSet, default_rules

__all__ = ["SCHEMA", "load_summary", "summary_document", "to_json", "to_markdown"]

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
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
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


def _title(ruleset: RuleSet, item: str) -> str:
    return ruleset.catalog.entry(item).title


def to_markdown(
    answers: Answers,
    assessment: Assessment,
    ruleset: RuleSet | None = None,
    today: date | None = None,
) -> str:
    """The summary as Markdown: notice, status, suggestions with reasons, answers."""
    ruleset = ruleset or default_rules()
    headline, todo = STATUS_TEXT[assessment.status]
    out = [f"> **Not a diagnosis.** {NOTICE}", "", "# psoas-check summary", ""]
    out.append(f"Date: {(today or date.today()).isoformat()}")
    if answers.attendee:
        out.append(f"Attendee: {_md(answers.attendee)}")
    out += ["", f"## {headline}", "", todo, ""]
    if assessment.red_flags:
        out += ["Warning signs you marked:", ""]
        out += [f"- {flag.label} ({flag.tier.replace('_', ' ')})" for flag in assessment.red_flags]
        out.append("")
    elif assessment.poses_withheld:
        out += [UNREADABLE_FLAGS, ""]
    for kind, heading in (("section", "Sections to read"), ("pose", "Poses to try")):
        items = [s for s in assessment.suggestions if s.kind == kind]
        if not items:
            continue
        out += [f"## {heading}", ""]
        for item in items:
            entry = ruleset.catalog.entry(item.id)
            out += [f"### {item.title}", "", entry.summary.strip(), ""]
            out += [f"- Why: {reason.text} (rule `{reason.rule}`)" for reason in item.reasons]
            for caution in assessment.cautions:
                if caution.pose == item.id:
                    out.append(f"- **Caution for you:** {caution.text}")
            out += [f"- Read: {entry.read}", ""]
    if assessment.fired:
        out += ["## Why: the rules behind these suggestions", ""]
        for fired in assessment.fired:
            given = "; ".join(f"{g.label}: {g.value}" for g in fired.answers)
            rule = f"**{fired.title}** (`{fired.rule}`)"
            out.append(f"- {rule}: when {fired.because}. Your answers: {given}.")
        out.append("")
    if answers.abdominal_excess_lb is not None:
        load = answers.abdominal_excess_lb * 3
        out += [
            f"{PAGE_LOAD_CLAIM} For your estimate of {answers.abdominal_excess_lb:g} lb that "
            f"would be about {load:g} lb by the page's rule of thumb.",
            "",
        ]
    out += [EVALUATION_NOTE, ""]
    if assessment.errors:
        out += ["## Answers that could not be read", ""]
        out += [f"- {_md(err)}" for err in assessment.errors]
        out.append("")
    out += ["## Your answers", "", "| Question | Answer |", "| --- | --- |"]
    for name, spec in FIELDS.items():
        value = getattr(answers, name)
        if name == "attendee" or value is None:
            continue
        out.append(f"| {spec.label} | {_md(format_value(name, value))} |")
    if assessment.unanswered:
        out += [
            "",
            "Not answered: " + ", ".join(FIELDS[n].label for n in assessment.unanswered) + ".",
        ]
    out += [
        "",
        f"Source: {ruleset.catalog.page.title}, by {ruleset.catalog.page.author}; "
        f"pose article by {ruleset.catalog.page.article_author}. Summaries are our own words.",
        "",
    ]
    return "\n".join(out)


def _md(text: str) -> str:
    """Escape characters that would turn a person's text into Markdown markup or links."""
    specials = "\\`*_[]<>|:"
    escaped = "".join("\\" + ch if ch in specials else ch for ch in text)
    return escaped.replace("www.", "www\\.").replace("WWW.", "WWW\\.")
