"""The contract's options: ids and the labels people see, and each red flag's tier.

Ids are fixed by the contract (section 1 and 3); the labels are ours. Files may give
either the id or the label.
"""

from __future__ import annotations

from typing import Literal

__all__ = [
    "PAIN_AREAS",
    "RED_FLAGS",
    "RED_FLAG_TIER",
    "STRETCH_BREAKS",
    "PainArea",
    "RedFlag",
    "StretchBreaks",
]

STRETCH_BREAKS = {
    "rarely": "Rarely or never",
    "every_few_hours": "Every few hours",
    "hourly": "About every hour",
}
PAIN_AREAS = {
    "low_back": "Low back",
    "si_joint": "SI joint (back of the pelvis, beside the tailbone)",
    "leg": "Leg",
    "hip_front": "Front of the hip or groin",
}
RED_FLAGS = {
    "bladder_bowel": "New trouble starting, stopping or controlling urine or bowels",
    "saddle_numbness": "Numbness or tingling around the genitals, buttocks or inner thighs",
    "leg_weakness": "Leg weakness or numbness that is getting worse, or pain in both legs",
    "major_trauma": "The back pain began after a major accident or fall",
    "fever_unwell": "Fever, or feeling very unwell, along with the back pain",
    "cancer_history": "Cancer now or in the past",
    "weight_loss": "Weight loss you cannot explain",
    "night_pain": "Constant pain, worse at night, not eased by rest or by moving",
    "pregnancy": "Pregnant, or gave birth in the last few months",
}
#: Contract section 3: which tier each red flag routes to.
RED_FLAG_TIER: dict[str, Literal["urgent", "see_clinician"]] = {
    "bladder_bowel": "urgent",
    "saddle_numbness": "urgent",
    "leg_weakness": "urgent",
    "major_trauma": "urgent",
    "fever_unwell": "see_clinician",
    "cancer_history": "see_clinician",
    "weight_loss": "see_clinician",
    "night_pain": "see_clinician",
    "pregnancy": "see_clinician",
}

StretchBreaks = Literal["rarely", "every_few_hours", "hourly"]
PainArea = Literal["low_back", "si_joint", "leg", "hip_front"]
RedFlag = Literal[
    "bladder_bowel",
    "saddle_numbness",
    "leg_weakness",
    "major_trauma",
    "fever_unwell",
    "cancer_history",
    "weight_loss",
    "night_pain",
    "pregnancy",
]
