"""The contract's options: ids and the labels people see, and each red flag's tier.

Ids are fixed by the contract (section 1 and 3); the labels are ours. Files may give
either the id or the label.
"""

from __future__ import annotations

from typing import Literal

__all__ = [
    "PAIN_AREAS",
    "PAIN_DURATION",
    "RED_FLAGS",
    "RED_FLAG_GROUP",
    "RED_FLAG_GROUPS",
    "RED_FLAG_TIER",
    "STRETCH_BREAKS",
    "PainArea",
    "PainDuration",
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
#: How long the pain has lasted, in the bands back-pain guidance uses (NICE NG59 and CKS:
#: acute pain under about six weeks; long-lasting, or chronic, beyond three months).
#: An extension of contract section 1.
PAIN_DURATION = {
    "under_6_weeks": "Less than 6 weeks",
    "6_to_12_weeks": "6 weeks to 3 months",
    "over_3_months": "More than 3 months",
}
#: Contract section 3, in the contract's order: warning signs, then readiness.
RED_FLAGS = {
    "bladder_bowel": "New trouble starting, stopping or controlling urine or bowels",
    "saddle_numbness": "Numbness or tingling around the genitals, buttocks or inner thighs",
    "leg_weakness": "Leg weakness or numbness that is getting worse, or pain in both legs",
    "walking_difficulty": "New difficulty walking or standing because of your legs",
    "sexual_dysfunction": "New loss of sexual function or feeling",
    "chest_pain": "Chest pain, or trouble breathing, along with the back pain",
    "major_trauma": "The back pain began after a recent serious accident or fall",
    "fever_unwell": "Fever, or feeling very unwell, along with the back pain",
    "cancer_history": "Cancer now or in the past",
    "weight_loss": "Weight loss you cannot explain",
    "night_pain": "Constant pain, worse at night, not eased by rest or by moving",
    "pregnancy": "Pregnant, or gave birth in the last few months",
    "bone_risk": "Long-term steroid tablets, osteoporosis, or pain after a minor fall",
    "immune_risk": "A weakened immune system, or injecting drugs",
    "upper_back_pain": "Pain between the shoulder blades or in the upper back",
    "back_shape_change": "A new lump, or a change in the shape of your back",
    "age_onset": "Back pain that began for the first time before age 20 or after 50",
    "not_improving": "Pain not improving after about six weeks, or steadily getting worse",
    "cough_sneeze_pain": "Pain made worse by coughing, sneezing or straining on the toilet",
    "heart_or_dizziness": "A heart condition, chest pain when active, or fainting or dizzy spells",
    "supervised_only": "A doctor has said to exercise only under medical supervision",
}
_URGENT = frozenset({
    "bladder_bowel",
    "saddle_numbness",
    "leg_weakness",
    "walking_difficulty",
    "sexual_dysfunction",
    "chest_pain",
    "major_trauma",
})
#: Contract section 3: which tier each red flag routes to.
RED_FLAG_TIER: dict[str, Literal["urgent", "see_clinician"]] = {
    flag: "urgent" if flag in _URGENT else "see_clinician" for flag in RED_FLAGS
}

#: How the form groups the signs so the step reads easily on a phone; pregnancy is its
#: own gentle question, not a warning sign.
RED_FLAG_GROUPS = {
    "now": "Get help now if any of these is new",
    "doctor": "Check with a doctor first",
    "exercise": "Before exercise",
    "pregnancy": "Pregnancy",
}
RED_FLAG_GROUP: dict[str, str] = {
    flag: (
        "now"
        if tier == "urgent"
        else "pregnancy"
        if flag == "pregnancy"
        else "exercise"
        if flag in ("heart_or_dizziness", "supervised_only")
        else "doctor"
    )
    for flag, tier in RED_FLAG_TIER.items()
}

StretchBreaks = Literal["rarely", "every_few_hours", "hourly"]
PainArea = Literal["low_back", "si_joint", "leg", "hip_front"]
PainDuration = Literal["under_6_weeks", "6_to_12_weeks", "over_3_months"]
RedFlag = Literal[
    "bladder_bowel",
    "saddle_numbness",
    "leg_weakness",
    "walking_difficulty",
    "sexual_dysfunction",
    "chest_pain",
    "major_trauma",
    "fever_unwell",
    "cancer_history",
    "weight_loss",
    "night_pain",
    "pregnancy",
    "bone_risk",
    "immune_risk",
    "upper_back_pain",
    "back_shape_change",
    "age_onset",
    "not_improving",
    "cough_sneeze_pain",
    "heart_or_dizziness",
    "supervised_only",
]
