"""Assessment -> the downloadable summary, as JSON and Markdown (PDF lives in pdf.py).

Every document opens with the non-diagnostic notice. :func:`summary_content` (in
:mod:`psoas_check.summary`, re-exported here) decides what a summary says and in which
order; Markdown (:mod:`psoas_check.markdown`) and PDF only lay that out, so they never
disagree. The JSON summary loads back in
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

from .answers import Answers, ParsedAnswers, parse_answers
from .assess import Assessment
from .errors import InputError
from .jsonload import loads as strict_json
from .markdown import render_markdown
from .messages import NOTICE
from .rules import RuleSet
from .summary import (
    ANSWERS_HEADING,
    CARE_POINTS,
    ERRORS_HEADING,
    KIND_HEADINGS,
    WHY_HEADING,
    Item,
    SummaryContent,
    Why,
    summary_content,
)

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
        "answers": answers.as_json(),
        "assessment": assessment.as_json(),
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
            data = strict_json(source)  # a repeated key or NaN is refused, named
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


def to_markdown(
    answers: Answers,
    assessment: Assessment,
    ruleset: RuleSet | None = None,
    today: date | None = None,
) -> str:
    """The summary as Markdown: notice, status, "Start here", poses with their steps, reading."""
    return render_markdown(summary_content(answers, assessment, ruleset, today))
