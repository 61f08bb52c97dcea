"""The person's summary as Markdown, to read or practise from (laid out from SummaryContent).

Order: the notice, the status, "Start here", the poses (each with its one-sentence why,
steps, how long and how often, care points and a link to the page), the sections to read,
each rule explained once, then the answers. Rule ids stay out (the JSON keeps them).

A person's own text (name, answers, unreadable values) goes through :func:`inert`, which
escapes it the way the app's ``ui.safe.plain`` does: every ASCII punctuation mark is
backslash-escaped (CommonMark shows an escaped mark literally, so no emphasis, ``~~``
strike-through, ``$`` maths, ``&entity;``, HTML, link or table syntax survives), and a
word joiner breaks the GitHub-style autolinks that escaping alone does not stop
(``http://``, ``www.``, and e-mail addresses at their ``@``).
"""

from __future__ import annotations

import re
import string

from .plan import PLAN_INTRO, START_HERE
from .summary import (
    ANSWERS_HEADING,
    CARE_POINTS,
    ERRORS_HEADING,
    HOW_TO,
    KIND_HEADINGS,
    PRACTICE,
    WHY_HEADING,
    Item,
    SummaryContent,
)

__all__ = ["JOINER", "inert", "render_markdown"]

_ESCAPES = {ord(ch): "\\" + ch for ch in string.punctuation}
JOINER = "\u2060"  # WORD JOINER: invisible, and no autolink matches across it
_AUTOLINK = re.compile(r"(\\:)(?=\\/\\/)|(\\@)|(www)(?=\\\.)", re.IGNORECASE)


def inert(text: str) -> str:
    """A person's text as inert Markdown on one line: no markup, links or control codes."""
    flat = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    escaped = flat.translate(_ESCAPES)
    return _AUTOLINK.sub(lambda m: m.group(0) + JOINER, escaped)


def _link(text: str, url: str | None) -> str:
    # Our own texts and the catalogue's address: no person's text is ever linked.
    return f"[{text}]({url})" if url else text


def render_markdown(doc: SummaryContent) -> str:
    """Lay out ``doc`` as a Markdown document."""
    out = [f"> **Not a diagnosis.** {doc.notice}", "", f"# {doc.title}", ""]
    out.append(f"Date: {doc.date.isoformat()}")
    if doc.attendee:
        out.append(f"Attendee: {inert(doc.attendee)}")
    out += ["", f"## {doc.headline}", "", doc.todo, ""]
    if doc.signs:
        out += [doc.flags_intro or "", ""]
        out += [f"- **{sign}**: {advice}" for sign, advice in doc.signs]
        out.append("")
        if doc.also_tell:
            out += [doc.also_tell, ""]
    elif doc.flags_note:
        out += [doc.flags_note, ""]
    out += _start(doc)
    for kind, heading in KIND_HEADINGS.items():
        items = doc.of_kind(kind)
        if items:
            out += [f"## {heading}", ""]
            for item in items:
                out += _item(item, doc.link)
    if doc.why:
        out += [f"## {WHY_HEADING}", ""]
        for why in doc.why:
            line = f"- **{why.title}**: when {why.because}. Your answers: {inert(why.given)}."
            if why.items:
                line += f" Led to: {'; '.join(why.items)}."
            line += f" Source: the page's section “{why.source}”."
            if why.note:
                line += f" Design note: {' '.join(why.note.split())}"
            out.append(line)
        out.append("")
    if doc.load_claim:
        out += [doc.load_claim, ""]
    if doc.evaluation_note:
        out += [doc.evaluation_note, ""]
    if doc.errors:
        out += [f"## {ERRORS_HEADING}", ""]
        out += [f"- {inert(err)}" for err in doc.errors]
        out.append("")
    out += [f"## {ANSWERS_HEADING}", "", "| Question | Answer |", "| --- | --- |"]
    out += [f"| {label} | {inert(value)} |" for label, value in doc.answers]
    if doc.unanswered:
        out += ["", "Not answered: " + ", ".join(doc.unanswered) + "."]
    out += ["", doc.source]
    if doc.link:
        out.append(f"The page: {doc.link_title}, <{doc.link}>")
    out.append("")
    return "\n".join(out)


def _start(doc: SummaryContent) -> list[str]:
    plan = doc.start
    if plan is None:
        return []
    steps = [f"**Every day:** {plan.habit}"] if plan.habit else []
    if plan.pose:
        steps.append(f"**Try {plan.pose.title}:** {plan.pose.practice} "
                     f"The steps are under “{plan.pose.title}” below.")
    out = [f"## {START_HERE}", ""]
    if steps:  # a firm "see someone" may stand alone, with no habit or pose
        out += [PLAN_INTRO, "", *(f"{n}. {step}" for n, step in enumerate(steps, 1)), ""]
    out += [f"**If it does not help:** {plan.see_someone}", ""]
    return out


def _item(item: Item, link: str | None) -> list[str]:
    out = [f"### {item.title}", "", item.summary, ""]
    if item.why:
        out += [f"*Why:* {item.why}", ""]
    out += [f"- **Caution for you:** {text}" for text in item.cautions]
    if item.cautions:
        out.append("")
    if item.steps:
        out += [f"**{HOW_TO}:**", ""]
        out += [f"{i}. {step}" for i, step in enumerate(item.steps, 1)]
        out.append("")
    if item.practice:
        out += [f"**{PRACTICE}:** {item.practice}", ""]
    if item.care_points:
        out += [f"**{CARE_POINTS}:**", ""]
        out += [f"- {text}" for text in item.care_points]
        out.append("")
    out += [f"Read: {_link(item.read, link)}", ""]
    return out
