""""Start here": the one or two things to do this week, drawn from the rules that fired.

The plan is data, not prose written per page: the habit comes from the catalogue's
``habits`` (the first whose rule fired), the pose is the first suggested pose in the
catalogue's own order (the article's sequence starts from rest), with its ``practice``
line, and the advice on when to see someone comes from :func:`follow_up.follow_up`, which
reads the pain rules that fired (long-lasting or very bothersome pain makes it firmer; the
thresholds live in ``rules/pain.yaml`` only). The app, the PDF and the Markdown all show
the same :class:`StartHere`.

Example::

    >>> plan = start_here(assess(answers), default_rules().catalog)
    >>> plan.pose.title if plan and plan.pose else None
    'Constructive Rest Position'
"""

from __future__ import annotations

from dataclasses import dataclass

from .assess import Assessment
from .catalog import Catalog, Pose
from .follow_up import USUAL_TEXT, follow_up

__all__ = ["PLAN_INTRO", "START_HERE", "PlanPose", "StartHere", "start_here"]

START_HERE = "Start here"
#: Opens the plan in every output: the habit and the how-long are ours, not the page's.
PLAN_INTRO = "This week (our suggestions from your answers; the page sets no schedule):"
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


def start_here(assessment: Assessment, catalog: Catalog) -> StartHere | None:
    """This week's plan, or None when the result's own instruction must stand alone.

    None for urgent and see-a-clinician results, for pregnancy (the banner sends the
    person to their midwife or doctor first) and when no rule points to a habit or a pose,
    unless the advice to see someone is firm: then the plan is that advice alone.
    """
    if assessment.status in _NO_PLAN or any(f.id == "pregnancy" for f in assessment.red_flags):
        return None
    fired = {f.rule for f in assessment.fired}
    habit = next((h.text for h in catalog.habits if fired & set(h.rules)), None)
    suggested = set(assessment.poses)
    first = next((p for p in catalog.poses if p.id in suggested), None)
    advice = follow_up(assessment)
    firm = advice is not None and advice.firm
    if habit is None and first is None and not firm:
        return None
    # follow_up is None only for the statuses excluded above; the usual line is the floor.
    see = advice.text if advice is not None else USUAL_TEXT
    return StartHere(habit=habit, pose=_plan_pose(first), see_someone=see)


def _plan_pose(pose: Pose | None) -> PlanPose | None:
    if pose is None:
        return None
    practice = pose.practice or "A few minutes once a day, gently."
    return PlanPose(id=pose.id, title=pose.title, practice=practice, steps=list(pose.steps))
