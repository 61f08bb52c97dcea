"""Fired rules -> screen outcomes, for many groups of rows at once.

This is :func:`~psoas_check.assess.assess`'s combination step written over arrays: each
fired rule votes for its sections (unless an urgent sign leaves nothing but its one
instruction) and its poses and cautions (unless poses are withheld: a red flag, or warning
signs unanswered or unreadable); sections and poses are ranked by votes, ties in catalogue
order, then a pose follows those it builds on; a caution is kept for a suggested pose, texts
in rule order without repeats, beside the pose's own care points; the status is the first
of urgent, see_clinician, invalid, incomplete, caution, ok that applies. Distinct rankings
and caution lists are few, so each is turned into Python tuples once.
:mod:`psoas_check.batch` checks results against assess() itself on every sheet.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import compress
from typing import NamedTuple

import numpy as np
import pandas as pd

from .answers import Answers
from .assess import STATUSES, Caution, Status, care_points
from .rules import RuleSet, fill

__all__ = ["Outcome", "Votes", "collector_paused", "combine", "distinct_rows"]


class Outcome(NamedTuple):
    """What assess() decides for every row alike for screening."""

    status: Status
    sections: tuple[str, ...]
    poses: tuple[str, ...]
    cautions: tuple[Caution, ...]
    rules: tuple[str, ...]
    care_points: tuple[Caution, ...]  # the article's own, for each suggested pose


class Votes:
    """What each rule adds when it fires, as arrays, prepared once per rule set."""

    def __init__(self, ruleset: RuleSet) -> None:
        rules, catalog = ruleset.rules, ruleset.catalog
        self.catalog = catalog
        self.rule_ids = [r.id for r in rules]
        self.section_ids, self.pose_ids = catalog.section_ids, catalog.pose_ids
        self.sections = np.zeros((len(rules), len(self.section_ids)), np.int32)
        self.poses = np.zeros((len(rules), len(self.pose_ids)), np.int32)
        self.specs: list[tuple[int, int, str]] = []  # (rule, pose, text) in assess order
        for i, rule in enumerate(rules):
            for pointer in rule.suggest.sections:
                self.sections[i, self.section_ids.index(pointer.id)] += 1
            for pointer in rule.suggest.poses:
                self.poses[i, self.pose_ids.index(pointer.id)] += 1
            self.specs += [(i, self.pose_ids.index(c.pose), c.text) for c in rule.cautions]
        self.has_sections: np.ndarray = self.sections.sum(axis=1) > 0
        self.has_poses: np.ndarray = self.poses.sum(axis=1) > 0
        with_cautions = np.array([bool(r.cautions) for r in rules], dtype=bool)
        self.has_more: np.ndarray = self.has_poses | with_cautions
        # A text without placeholders is filled once (fill also turns {{ into {).
        self.plain = {t: fill(t, Answers()) for _, _, t in self.specs if "{" not in t}
        self.made: dict[tuple[str, str], Caution] = {}

    def caution(self, pose: str, text: str) -> Caution:
        found = self.made.get((pose, text))
        if found is None:
            found = self.made[(pose, text)] = Caution(pose=pose, text=text)
        return found


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while screening or writing a large roster.

    Both make tens of thousands of small tuples that hold no cycles, and each batch of
    them would set the collector rescanning every object alive (a fifth of the time for
    100,000 rows). Usable as a decorator; the collector is resumed only if it was on.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _tuples(table: np.ndarray, names: list[str]) -> tuple[list[tuple[str, ...]], np.ndarray]:
    """Distinct rows of index lists (-1 padded) as tuples of names, and each row's one."""
    first, inverse = distinct_rows(table)
    rows = table[first].tolist()
    return [tuple(names[j] for j in row if j >= 0) for row in rows], inverse


def _subsets(mask: np.ndarray, names: list[str]) -> tuple[list[tuple[str, ...]], np.ndarray]:
    """Distinct rows of a boolean table as tuples of the names marked (in column order),
    and each row's one."""
    width = mask.shape[1]
    if width > 62:
        first, inverse = distinct_rows(mask)
        return [tuple(compress(names, row)) for row in mask[first].tolist()], inverse
    # Each row as the bits of one integer: one product and one hash instead of a column loop.
    inverse, codes = pd.factorize(mask.astype(np.int64) @ (1 << np.arange(width, dtype=np.int64)))
    bits = (codes[:, None] >> np.arange(width, dtype=np.int64)) & 1
    return [tuple(compress(names, row)) for row in bits.tolist()], inverse.astype(np.intp)


def distinct_rows(table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The first index of each distinct row of a 2-D integer array, and each row's number.

    Columns are folded into one integer code, re-numbered by hashing (pandas.factorize)
    whenever it grows large, so no row-wise sort is needed.
    """
    rows = table.shape[0]
    code = np.zeros(rows, np.int64)
    for column in table.T:
        values = column.astype(np.int64)
        if rows:
            values = values - values.min()
            code = code * (int(values.max()) + 1) + values
            if int(code.max()) > 2**40:
                code = pd.factorize(code)[0].astype(np.int64)
    numbers = pd.factorize(code)[0].astype(np.intp)  # numbered in order of first appearance
    # So a row is the first of its kind exactly when its number exceeds every one before it:
    # one pass, where np.unique(return_index=True) sorted every row.
    fresh = np.ones(rows, bool)
    if rows:
        np.greater(numbers[1:], np.maximum.accumulate(numbers)[:-1], out=fresh[1:])
    return np.flatnonzero(fresh), numbers


def _ranking(votes: np.ndarray) -> np.ndarray:
    """Per row, the voted columns most-voted first, ties by column order; -1 padded."""
    width = votes.shape[1]
    key = np.where(votes > 0, -votes * (width + 1) + np.arange(width), np.iinfo(np.int32).max)
    order = np.argsort(key, axis=1, kind="stable")
    return np.where(np.arange(width) < (votes > 0).sum(axis=1, keepdims=True), order, -1)


def _sequenced(rank: np.ndarray, votes: Votes) -> np.ndarray:
    """Each ranking row reordered so that a pose follows those it builds on."""
    if not rank.size:
        return rank
    first, inverse = distinct_rows(rank)
    rows = []
    for row in rank[first].tolist():
        names = votes.catalog.sequence([votes.pose_ids[j] for j in row if j >= 0])
        order = [votes.pose_ids.index(name) for name in names]
        rows.append(order + [-1] * (len(row) - len(order)))
    table: np.ndarray = np.asarray(rows, dtype=rank.dtype)[inverse]
    return table


def combine(votes: Votes, fired: np.ndarray, withhold: np.ndarray, tier: np.ndarray,
            errors: np.ndarray, unscreened: np.ndarray,
            person: Callable[[int], Answers]) -> list[Outcome]:
    """One outcome per group: ``fired`` is groups x rules; ``person(g)`` gives answers.

    ``tier`` is 2 for an urgent sign, 1 for another red flag, else 0; ``unscreened`` marks
    groups whose warning signs were not answered.
    """
    groups = fired.shape[0]
    fired = fired & (tier != 2)[:, None]  # an urgent sign leaves one instruction only
    offer = fired & ~withhold[:, None]
    # Rankings depend only on the rules that vote, whose distinct combinations are few:
    # each is ranked once and spread over the groups.
    first, inverse = distinct_rows(fired[:, votes.has_sections])
    sections, section_of = _tuples(_ranking(fired[first].astype(np.int32) @ votes.sections),
                                   votes.section_ids)
    section_of = section_of[inverse]
    pose_votes = offer.astype(np.int32) @ votes.poses
    first, inverse = distinct_rows(offer[:, votes.has_poses])
    pose_rank = _sequenced(_ranking(pose_votes[first]), votes)[inverse]
    poses, pose_of = _tuples(pose_rank, votes.pose_ids)
    care = [tuple(care_points(votes.catalog, list(names))) for names in poses]
    made = fired & (votes.has_sections[None, :] | (offer & votes.has_more[None, :]))
    rules, rule_of = _subsets(made, votes.rule_ids)

    spec_rules = np.array([r for r, _, _ in votes.specs], np.intp)
    spec_poses = np.array([p for _, p, _ in votes.specs], np.intp)
    active = (offer[:, spec_rules] & (pose_votes[:, spec_poses] > 0) if votes.specs
              else np.zeros((groups, 0), bool))
    fixed = all(t in votes.plain for _, _, t in votes.specs)
    if fixed:  # caution lists depend only on the pose ranking and the active cautions
        keys = np.concatenate([pose_rank, active.astype(pose_rank.dtype)], axis=1)
        first, caution_of = distinct_rows(keys)
        cautions = [_cautions(votes, pose_rank[g], active[g], None) for g in first.tolist()]
    else:
        cautions = [_cautions(votes, pose_rank[g], active[g], person(g)) for g in range(groups)]
        caution_of = np.arange(groups)

    kept = active.any(axis=1)
    status = np.select([tier == 2, tier == 1, errors, unscreened, kept], [0, 1, 2, 3, 4], 5)
    # Rows alike in every part share one outcome; each distinct one is built once.
    first, outcome_of = distinct_rows(np.column_stack(
        [status, section_of, pose_of, caution_of, rule_of]))
    picks = [part[first].tolist() for part in (status, section_of, pose_of, caution_of, rule_of)]
    made_once = list(map(Outcome, [STATUSES[s] for s in picks[0]],
                         map(sections.__getitem__, picks[1]), map(poses.__getitem__, picks[2]),
                         map(cautions.__getitem__, picks[3]), map(rules.__getitem__, picks[4]),
                         map(care.__getitem__, picks[2])))
    return list(map(made_once.__getitem__, outcome_of.tolist()))


def _cautions(votes: Votes, pose_rank: np.ndarray, active: np.ndarray,
              answers: Answers | None) -> tuple[Caution, ...]:
    texts: dict[int, list[str]] = {}
    for (_, pose, text), on in zip(votes.specs, active.tolist(), strict=True):
        if on:
            filled = votes.plain.get(text) or fill(text, answers or Answers())
            texts.setdefault(pose, []).append(filled)
    return tuple(votes.caution(votes.pose_ids[p], t) for p in pose_rank.tolist() if p >= 0
                 for t in dict.fromkeys(texts.get(p, ())))
