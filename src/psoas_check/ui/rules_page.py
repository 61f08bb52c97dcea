"""The "How suggestions are made" page: every rule, rendered from the rule objects."""

from __future__ import annotations

import streamlit as st

from ..answers import FIELDS
from ..messages import STATUS_TEXT
from ..options import RED_FLAG_TIER
from ..rules import Rule, RuleSet, describe
from .safe import guarded
from .state import get_rules

__all__ = ["render"]


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


def _red_flags() -> None:
    st.header("Warning signs come first")
    st.markdown(
        "Before any rule is read, the warning signs decide whether poses are suggested at "
        "all. Any sign in the first tier means emergency care now; any other sign means "
        "seeing a doctor first. Either way no poses are suggested. The two tiers follow "
        "the split NHS pages use, with the cauda equina signs first; NICE guideline NG59 "
        "asks clinicians to rule out serious causes such as cancer, infection and trauma."
    )
    labels = FIELDS["red_flags"].options
    rows = ["| Warning sign | What the results say |", "| --- | --- |"]
    rows += [f"| {labels[flag]} | {STATUS_TEXT[tier][0]} |" for flag, tier in RED_FLAG_TIER.items()]
    st.markdown("\n".join(rows))


@guarded
def render() -> None:
    """Every rule, grouped by factor, then the red-flag triage table."""
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
    _red_flags()
    for factor, rules in groups.items():
        st.header(factor)
        for rule in rules:
            _rule(rule, ruleset)
