""""Start here": the one or two things to do this week, drawn from the rules that fired.

The plan is data, not prose written per page: the habit comes from the catalogue's
``habits`` (the first whose rule fired), the pose is the first suggested pose in the
catalogue's own order (the article's sequence starts from rest), with its ``practice``
line, and the advice on when to see someone is firmer when the pain has lasted more than
three months. The app, the PDF and the Markdown all show the same :class:`StartHere`.

Example::

    >>> plan = start_here(answers, assess(answers), default_rules().catalog)
    >>> plan.pose.title if plan and plan.pose else None
    'Constructive Rest Position'
"""

from __future__ import annotations

from dataclasses import dataclass

from .answers import Answers
from .assess import Assessment
from .catalog import Catalog, Pose
from .messages import SEE_SOMEONE, SEE_SOMEONE_LONG_PAIN

__all__ = ["LONG_PAIN", "START_HERE", "PlanPose", "StartHere", "start_here"]

START_HERE = "Start here"
#: ``pain_duration`` answers that count as pain lasting more than three months.
LONG_PAIN = frozenset({"over_3_months", "months_3_plus"})
#: Statuses whose banner already says what to do first: no plan competes with it.
_NO_PLAN = frozenset({"urgent", "see_clinician"})


@dataclass(frozen=True)
class PlanPose:
    """The one pose to try this week: which, how long and how often, and how."""

    id: str
    title: str
    practice: str
    steps: list[str]


@dataclass(frozen=True)
class StartHere:
    """At most one habit and one pose, then when to see someone if it does not help."""

    habit: str | None
    pose: PlanPose | None
    see_someone: str


def start_here(answers: Answers, assessment: Assessment, catalog: Catalog) -> StartHere | None:
    """This week's plan, or None when the result's own instruction must stand alone.

    None for urgent and see-a-clinician results, for pregnancy (the banner sends the
    person to their midwife or doctor first) and when no rule points to a habit or a pose.
    """
    if assessment.status in _NO_PLAN or any(f.id == "pregnancy" for f in assessment.red_flags):
        return None
    fired = {f.rule for f in assessment.fired}
    habit = next((h.text for h in catalog.habits if fired & set(h.rules)), None)
    suggested = set(assessment.poses)
    first = next((p for p in catalog.poses if p.id in suggested), None)
    if habit is None and first is None:
        return None
    return StartHere(habit=habit, pose=_plan_pose(first), see_someone=see_someone(answers))


def see_someone(answers: Answers) -> str:
    """When to see a professional; firmer once the pain has lasted over three months.

    Read defensively: summaries saved before the pain questions existed have no
    ``pain_duration``.
    """
    duration = getattr(answers, "pain_duration", None)
    return SEE_SOMEONE_LONG_PAIN if duration in LONG_PAIN else SEE_SOMEONE


def _plan_pose(pose: Pose | None) -> PlanPose | None:
    if pose is None:
        return None
    practice = pose.practice or "A few minutes once a day, gently."
    return PlanPose(id=pose.id, title=pose.title, practice=practice, steps=list(pose.steps))
