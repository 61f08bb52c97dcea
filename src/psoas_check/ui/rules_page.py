"""The "How suggestions are made" page: every rule, rendered from the rule objects."""

from __future__ import annotations

import streamlit as st

from ..assess import STATUSES
from ..messages import PREGNANCY_TEXT, STATUS_TEXT
from ..options import RED_FLAG_GROUP, RED_FLAG_GROUPS, RED_FLAG_TIER, RED_FLAGS
from ..rules import Rule, RuleSet, describe
from .common import STATUS_MEANINGS
from .safe import guarded
from .state import get_rules

__all__ = ["TIMING_WORDS", "render", "says"]

#: How soon each sign's advice asks the person to act, in words.
TIMING_WORDS = {
    "now": "now: an emergency department or the local emergency number",
    "same_day": "the same day: a doctor or an urgent-care line",
    "soon": "within a day or two: an urgent appointment with a doctor",
    "before_practice": "before starting or changing a practice: a routine appointment",
}


def says(flag: str) -> str:
    """The headline a result with only this sign opens with."""
    return PREGNANCY_TEXT[0] if flag == "pregnancy" else STATUS_TEXT[RED_FLAG_TIER[flag]][0]


def _rule(rule: Rule, ruleset: RuleSet) -> None:
    title = ruleset.catalog.entry
    with st.container(border=True):
        st.markdown(f"### {rule.title}")
        lines = [f"**When** {rule.sentence()}:"]
        lines += [
            f"- Read “{title(p.id).title}”: {describe(p.reason)}" for p in rule.suggest.sections
        ]
        lines += [f"- Try “{title(p.id).title}”: {describe(p.reason)}" for p in rule.suggest.poses]
        lines += [
            f"- Caution for “{title(c.pose).title}”: {describe(c.text)}" for c in rule.cautions
        ]
        st.markdown("\n".join(lines))
        facts = [f"**Source:** the page's section “{title(rule.source.section).title}”."]
        if rule.source.note:
            facts.append(f"**Note:** {rule.source.note}")
        if rule.evidence:
            facts.append(f"**Evidence:** {rule.evidence}")
        st.markdown("\n\n".join(facts))
        st.caption(f"Rule `{rule.id}` in rules/{rule.file}")


def _red_flags(ruleset: RuleSet) -> None:
    st.header("Warning signs come first")
    st.markdown(
        "The warning signs are the self-check's first step, and they decide whether poses "
        "are suggested at all. Any sign under “Get help now” means emergency care now; any "
        "other sign means seeing a doctor (or a midwife) first; either way no pose is "
        "suggested. Until the question is answered (“None of these apply to me” is an "
        "answer) no pose is suggested either. Each sign has its own advice, worded after "
        "the public guidance named under it, in `rules/warning-signs.yaml`."
    )
    st.markdown("A result's status is the first of these that applies:")
    st.markdown("\n".join(
        f"{n}. **{STATUS_TEXT[status][0]}** (`{status}`): {STATUS_MEANINGS[status]}"
        for n, status in enumerate(STATUSES, 1)
    ))
    for group, heading in RED_FLAG_GROUPS.items():
        st.subheader(heading)
        for flag in (f for f in RED_FLAGS if RED_FLAG_GROUP[f] == group):
            sign = ruleset.signs[flag]
            with st.container(border=True):
                st.markdown(
                    f"**{RED_FLAGS[flag]}**\n\n"
                    f"The results say: *{says(flag)}*. How soon: {TIMING_WORDS[sign.timing]}."
                    f"\n\n{sign.advice.strip()}"
                )
                st.caption(f"Evidence: {sign.evidence.strip()}")


@guarded
def render() -> None:
    """The warning signs and statuses first, then every rule, grouped by factor."""
    ruleset = get_rules()
    groups = ruleset.by_factor()
    st.title("How suggestions are made")
    st.markdown(
        "Each suggestion comes from a rule an instructor can read in the `rules/` folder. "
        "A rule fires only when every answer it needs was given; a question you skipped "
        "never fires one. Thresholds the page does not give are our own choices, and each "
        "rule says so in its note. The evidence lines say how strong the wider research is."
    )
    st.markdown(f"**{len(ruleset.rules)} rules** in {len(groups)} groups.")
    _red_flags(ruleset)
    for factor, rules in groups.items():
        st.header(factor)
        for rule in rules:
            _rule(rule, ruleset)
