"""The reading catalogue: sections of the source page and the poses of its article.

Loaded from ``rules/catalog.yaml``; every summary, step and caution there is written in
the project's own words and names the part of the page it comes from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from .records import ID, STRICT, Check, NonEmpty

__all__ = ["CONTRACT_POSES", "CONTRACT_SECTIONS", "Catalog", "Entry", "Habit", "Page", "Pose"]

#: Contract section 2: ids every catalogue must provide (more may be added).
CONTRACT_SECTIONS = (
    "intro",
    "iliopsoas",
    "psoas-major",
    "iliacus",
    "back-pain",
    "trigger-points",
    "awareness-video",
)
CONTRACT_POSES = (
    "constructive-rest",
    "active-supine-stretch",
    "pigeon-lunge",
    "seated-poses",
    "standing-release",
    "tadasana",
    "vrksasana",
    "arms-overhead",
)

# Plain records (see records.py): checked by pydantic when catalog.yaml is read, never
# when the rules cache rebuilds them.
_HTTPS = Check(pattern=r"^https://[^\s<>()\[\]]+$")


@dataclass(frozen=True, kw_only=True)
class Page:
    """The source page and the books it points to."""

    __pydantic_config__ = STRICT

    title: str
    author: str
    article_author: str
    #: Where the page lives; summaries link to it and the app never fetches it.
    url: Annotated[str, _HTTPS] | None = None
    books: list[str] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class Entry:
    """A section of the source page, summarised in our own words."""

    __pydantic_config__ = STRICT

    id: ID
    title: NonEmpty
    summary: NonEmpty
    facts: list[str] = field(default_factory=list)
    read: NonEmpty


@dataclass(frozen=True, kw_only=True)
class Pose(Entry):
    """A pose from the page's "Release your Psoas" article, with steps and care points.

    ``cautions`` are the article's own care points (in our words); they travel with the
    pose in every output. ``after`` names poses the article builds this one on: when
    both are suggested, this one is listed after them.
    """

    steps: list[str] = field(default_factory=list)
    cautions: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)
    #: How long and how often to try it this week, in our words (the "Start here" plan).
    practice: str | None = None


@dataclass(frozen=True, kw_only=True)
class Habit:
    """An everyday habit the "Start here" plan offers when one of ``rules`` fired."""

    __pydantic_config__ = STRICT

    id: ID
    rules: Annotated[list[str], Check(min_length=1)]
    text: NonEmpty
    #: What backs the habit, by name, and which numbers are only our choice.
    evidence: NonEmpty


@dataclass(frozen=True, kw_only=True)
class Catalog:
    """All sections and poses, in reading order."""

    __pydantic_config__ = STRICT

    page: Page
    sections: list[Entry]
    poses: list[Pose]
    habits: list[Habit] = field(default_factory=list)

    def entry(self, item_id: str) -> Entry:
        """The section or pose with this id (KeyError if none)."""
        for item in (*self.sections, *self.poses):
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def sequence(self, pose_ids: list[str]) -> list[str]:
        """``pose_ids`` in the same order, except that a pose follows those it builds on."""
        builds_on = {p.id: set(p.after) for p in self.poses}
        placed: list[str] = []
        waiting = list(pose_ids)
        while waiting:
            ready = next(
                (p for p in waiting if not builds_on.get(p, set()) & (set(waiting) - {p})),
                waiting[0],  # a cycle of "after" keeps the given order instead of stalling
            )
            placed.append(ready)
            waiting.remove(ready)
        return placed

    @property
    def section_ids(self) -> list[str]:
        return [s.id for s in self.sections]

    @property
    def pose_ids(self) -> list[str]:
        return [p.id for p in self.poses]
