"""When to see someone if the pain does not improve: the closing line of a results plan.

The thresholds live in the rules (``rules/pain.yaml``), never here: this module only reads
which of the pain rules fired for a person, so an instructor who edits a rule edits the
advice too. A person already sent to a clinician by a warning sign gets no follow-up line,
because their results open with a firmer instruction than this.

Example::

    >>> from psoas_check import Answers, assess
    >>> answers = Answers(pain_duration="over_3_months", red_flags=frozenset())
    >>> follow_up(assess(answers)).firm
    True
"""

from __future__ import annotations

from dataclasses import dataclass

from .assess import Assessment

__all__ = ["FIRM_RULES", "FIRM_TEXT", "FOLLOW_UP_RULES", "USUAL_TEXT", "FollowUp", "follow_up"]

#: Rules about how long and how much it hurts, in the order their reasons are given.
FOLLOW_UP_RULES = ("pain-long-lasting", "pain-high-bother", "pain-some-weeks")
#: The rules that make "see someone" firmer: long-lasting pain, pain that bothers a lot.
FIRM_RULES = frozenset({"pain-long-lasting", "pain-high-bother"})
USUAL_TEXT = (
    "If the pain has not eased after a few weeks of gentle practice, or it gets worse, "
    "see a GP or physiotherapist."
)
FIRM_TEXT = (
    "Have the pain assessed by a GP or physiotherapist alongside this reading, and go back "
    "to them if it does not improve over the next few weeks."
)


@dataclass(frozen=True)
class FollowUp:
    """The advice on seeing someone, how firm it is, and the rule sentences behind it."""

    firm: bool
    text: str
    #: (rule id, the rule's reason as filled in for this person), most pressing first.
    reasons: tuple[tuple[str, str], ...]


def follow_up(assessment: Assessment) -> FollowUp | None:
    """The "see someone if it does not improve" advice for one assessment.

    ``None`` when the status is ``urgent`` or ``see_clinician``: those results already say
    whom to see and how soon.
    """
    if assessment.status in ("urgent", "see_clinician"):
        return None
    found = {
        reason.rule: reason.text
        for suggestion in assessment.suggestions
        for reason in suggestion.reasons
        if reason.rule in FOLLOW_UP_RULES
    }
    reasons = tuple((rule, found[rule]) for rule in FOLLOW_UP_RULES if rule in found)
    firm = any(rule in FIRM_RULES for rule, _ in reasons)
    return FollowUp(firm, FIRM_TEXT if firm else USUAL_TEXT, reasons)
