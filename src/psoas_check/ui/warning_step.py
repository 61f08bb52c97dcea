"""The first step of the questionnaire: warning signs and readiness, asked before anything else.

Exercise-readiness screens (the PAR-Q+ among them) ask these first, and so do we: a
person who ticks one is sent to a clinician and offered no pose, and a person who leaves
them all unticked has not answered, so their results hold no pose either. The signs are
grouped (:data:`psoas_check.options.RED_FLAG_GROUPS`) so the step reads on a phone;
pregnancy is its own gentle question, not a warning sign.
"""

from __future__ import annotations

import streamlit as st

from ..answers import FieldSpec
from ..options import RED_FLAG_GROUP, RED_FLAG_GROUPS
from .checkboxes import Group, checkbox_set

__all__ = ["GROUP_NOTES", "INTRO", "NONE_APPLY", "UNANSWERED", "warning_field"]

NONE_APPLY = "None of these apply to me"
INTRO = (
    "A few signs mean your back needs a clinician before any yoga: if one applies, your "
    "results say whom to see and how soon, and suggest no poses. Tick any that apply now, "
    f"or “{NONE_APPLY}” at the end."
)
#: A line under each group's heading.
GROUP_NOTES = {
    "now": "With back pain, any of these that is new needs help straight away.",
    "doctor": "These are worth a doctor's look before you start or change a practice.",
    "exercise": "The questions readiness checks ask before any new exercise.",
    "pregnancy": (
        "Pregnancy and the months after a birth change which poses suit you. If this "
        "applies, your results will suggest checking with your midwife or doctor before "
        "trying new poses."
    ),
}
UNANSWERED = (
    f"Not answered yet: tick what applies, or “{NONE_APPLY}”. Until then no poses are "
    "suggested."
)


def warning_field(spec: FieldSpec) -> None:
    """The warning-sign question, grouped under small headings, then "none of these"."""
    st.markdown(INTRO)
    st.markdown(f"**{spec.question}**")
    groups = [
        Group(heading, [flag for flag in spec.options if RED_FLAG_GROUP[flag] == group],
              GROUP_NOTES.get(group))
        for group, heading in RED_FLAG_GROUPS.items()
    ]
    current = checkbox_set(spec, groups, NONE_APPLY, none_heading="If none of them applies")
    if current is None:
        st.caption(UNANSWERED)
