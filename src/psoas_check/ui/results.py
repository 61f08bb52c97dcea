"""The results view for one person, reused by the self-check and the instructors' roster.

Everything shown comes from :func:`psoas_check.summary.summary_content` (so the page and the
downloads say the same thing). The page leads with "Start here" (this week's habit and
one pose, and when to see someone) and the downloads; then the poses and sections, each
with one plain sentence of why and its details folded; each rule that fired is explained
once, at the end. Text that carries a person's answers goes through
:func:`~psoas_check.ui.safe.plain`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from ..answers import FIELDS, Answers
from ..assess import Assessment, FiredRule
from ..plan import PLAN_INTRO, START_HERE, StartHere
from ..report import (
    ANSWERS_HEADING,
    CARE_POINTS,
    ERRORS_HEADING,
    KIND_HEADINGS,
    WHY_HEADING,
    Item,
    SummaryContent,
    summary_content,
)
from ..rules import RuleSet
from ..summary import HOW_TO, PRACTICE
from .common import STATUS_ICONS
from .diagram import describe_diagram, diagram_svg
from .downloads import show_downloads
from .safe import plain

__all__ = ["ANSWER_SIGNS", "BANNERS", "DETAILS", "WHAT_IT_SAYS", "show_results"]

#: How loudly each result is shown, by its tone (the status, or "pregnancy").
BANNERS: dict[str, Callable[..., Any]] = {
    "urgent": st.error,
    "see_clinician": st.warning,
    "pregnancy": st.info,
    "invalid": st.warning,
    "incomplete": st.warning,
    "caution": st.info,
    "ok": st.success,
}
ANSWER_SIGNS = "Answer the warning-sign questions"
DETAILS = "Why? The details"
WHAT_IT_SAYS = "What this section says"


def show_results(
    answers: Answers,
    assessment: Assessment,
    ruleset: RuleSet,
    key: str,
    answer_signs: Callable[[], None] | None = None,
) -> None:
    """Draw one person's results; ``key`` keeps widget keys unique when drawn many times.

    ``answer_signs``, when given, is what the "Answer the warning-sign questions" button
    does for a person who has not answered them (the self-check takes them to that step).
    An urgent result is one instruction: the signs with their advice, the notice and the
    downloads, and nothing that would distract from it.
    """
    doc = summary_content(answers, assessment, ruleset)
    BANNERS[doc.tone](f"**{doc.headline}**\n\n{doc.todo}", icon=STATUS_ICONS[doc.tone])
    _signs(doc)
    if answer_signs is not None and answers.red_flags is None:
        st.button(ANSWER_SIGNS, key=f"{key}-answer-signs", type="primary",
                  on_click=answer_signs, icon=":material/checklist:")
    if doc.status == "urgent":
        show_downloads(answers, assessment, ruleset, key)
        st.caption(f"**Not a diagnosis.** {doc.notice}")
        return
    if doc.errors:
        st.markdown(f"**{ERRORS_HEADING}:**")
        st.markdown("\n".join(f"- {plain(error)}" for error in doc.errors))
    if doc.start:
        _start_here(doc.start)
    show_downloads(answers, assessment, ruleset, key)

    for kind, heading in KIND_HEADINGS.items():
        items = doc.of_kind(kind)
        if items:
            st.subheader(heading)
            st.caption("Most relevant first.")
        for item in items:
            _item(item, doc.link)
    if not doc.items:
        what = "section to read" if assessment.poses_withheld else "section or pose"
        st.markdown(f"Your answers did not point to any {what}.")

    _diagram(answers, key)
    if doc.load_claim:
        st.info(doc.load_claim, icon=":material/scale:")
    if doc.evaluation_note:
        st.info(doc.evaluation_note, icon=":material/medical_information:")
    _rules(assessment.fired, ruleset)
    _answers(doc)
    st.caption(f"**Not a diagnosis.** {doc.notice}")
    st.caption(doc.source + (f" [Read the page: {doc.link_title}]({doc.link})" if doc.link else ""))


def _signs(doc: SummaryContent) -> None:
    """The signs the person marked, each with its own advice, then what else to mention."""
    if doc.signs:
        st.markdown(f"**{doc.flags_intro}**")
        st.markdown("\n".join(f"- **{sign}**: {advice}" for sign, advice in doc.signs))
        if doc.also_tell:
            st.markdown(doc.also_tell)
    if doc.flags_note and doc.status != "urgent":
        st.warning(doc.flags_note, icon=":material/warning:")


def _start_here(plan: StartHere) -> None:
    """This week's one or two things, and when to see someone: the first thing to read."""
    with st.container(border=True):
        st.subheader(START_HERE, anchor="start-here")
        lines = []
        if plan.habit:
            lines.append(f"**Every day:** {plan.habit}")
        if plan.pose:
            lines.append(f"**Try {plan.pose.title}:** {plan.pose.practice} "
                         "Its steps are in its card below.")
        if lines:  # a firm "see someone" may stand alone, with no habit or pose
            st.caption(PLAN_INTRO)
            st.markdown("\n".join(f"{n}. {line}" for n, line in enumerate(lines, 1)))
        st.markdown(f"**If it does not help:** {plan.see_someone}")


def _item(item: Item, link: str | None) -> None:
    with st.container(border=True):
        st.markdown(f"#### {item.title}")
        if item.why:
            st.markdown(f"**Why?** {item.why}")
        for caution in item.cautions:
            st.warning(f"**Caution for you:** {plain(caution)}", icon=":material/warning:")
        if item.care_points:
            st.markdown(f"**{CARE_POINTS}:**\n" + "\n".join(f"- {t}" for t in item.care_points))
        with st.expander(HOW_TO if item.steps else WHAT_IT_SAYS):
            st.markdown(item.summary)
            if item.steps:
                st.markdown("\n".join(f"{i}. {step}" for i, step in enumerate(item.steps, 1)))
            if item.practice:
                st.markdown(f"**{PRACTICE}:** {item.practice}")
        with st.expander(DETAILS):
            # Each reason in full; the rule behind it is explained once, at the end.
            st.markdown("\n".join(f"- {plain(r.text)} (rule `{r.rule}`)" for r in item.reasons))
        read = f"[{item.read}]({link})" if link else item.read
        st.markdown(f"Read: {read}")


def _rules(fired: list[FiredRule], ruleset: RuleSet) -> None:
    """Every rule that fired, once: its sentence, the answers, source and design note."""
    if not fired:
        return
    with st.expander(WHY_HEADING):
        for rule in fired:
            lines = [
                f"**{rule.title}** (rule `{rule.rule}`)",
                f"- Because {plain(rule.because)}.",
                "- Your answers: "
                + "; ".join(f"{plain(g.label)}: {plain(g.value)}" for g in rule.answers),
                f"- Source: the page's section “{ruleset.catalog.entry(rule.source).title}”.",
            ]
            if rule.note:
                lines.append(f"- Design note: {plain(rule.note)}")
            st.markdown("\n".join(lines))


def _diagram(answers: Answers, key: str) -> None:
    areas = answers.pain_areas
    labels = FIELDS["pain_areas"].options
    with st.expander("Where the psoas and iliacus run"):
        # st.image, not st.html: the frontend's sanitiser drops inline SVG from st.html.
        st.image(diagram_svg(areas, key=f"{key}-diagram"), alt=describe_diagram(areas), width=400)
        if areas:
            marked = "; ".join(labels[a].lower() for a in labels if a in areas)
            st.caption(f"Ringed: the areas you marked ({marked}).")
        st.caption("A simple schematic drawn for psoas-check, not an anatomical drawing.")


def _answers(doc: SummaryContent) -> None:
    with st.expander(ANSWERS_HEADING):
        rows = [f"- {label}: {plain(value)}" for label, value in doc.answers]
        st.markdown("\n".join(rows) or "No answers yet.")
    if doc.unanswered:
        st.markdown("**Not answered:** " + "; ".join(doc.unanswered) + ".")
