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

from collections.abc import Callable
from typing import NamedTuple

import numpy as np
import pandas as pd

from .answers import Answers
from .assess import STATUSES, Caution, Status, care_points
from .rules import RuleSet, fill

__all__ = ["Outcome", "Votes", "combine", "distinct_rows"]


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
        with_cautions = np.array([bool(r.cautions) for r in rules], dtype=bool)
        self.has_more: np.ndarray = (self.poses.sum(axis=1) > 0) | with_cautions
        # A text without placeholders is filled once (fill also turns {{ into {).
        self.plain = {t: fill(t, Answers()) for _, _, t in self.specs if "{" not in t}
        self.made: dict[tuple[str, str], Caution] = {}

    def caution(self, pose: str, text: str) -> Caution:
        found = self.made.get((pose, text))
        if found is None:
            found = self.made[(pose, text)] = Caution(pose=pose, text=text)
        return found


def _tuples(table: np.ndarray, names: list[str]) -> tuple[list[tuple[str, ...]], np.ndarray]:
    """Distinct rows of index lists (-1 padded) as tuples of names, and each row's one."""
    first, inverse = distinct_rows(table)
    rows = table[first].tolist()
    return [tuple(names[j] for j in row if j >= 0) for row in rows], inverse


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
    _, first = np.unique(numbers, return_index=True)
    return first, numbers


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
    sections, section_of = _tuples(_ranking(fired.astype(np.int32) @ votes.sections),
                                   votes.section_ids)
    pose_votes = offer.astype(np.int32) @ votes.poses
    pose_rank = _sequenced(_ranking(pose_votes), votes)
    poses, pose_of = _tuples(pose_rank, votes.pose_ids)
    care = [tuple(care_points(votes.catalog, list(names))) for names in poses]
    made = fired & (votes.has_sections[None, :] | (offer & votes.has_more[None, :]))
    rule_table = np.where(made, np.arange(len(votes.rule_ids)), -1)
    rules, rule_of = _tuples(rule_table, votes.rule_ids)

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
    shared: dict[tuple[int, ...], Outcome] = {}
    outcomes = []
    for key in zip(status.tolist(), section_of.tolist(), pose_of.tolist(),
                   caution_of.tolist(), rule_of.tolist(), strict=True):
        found = shared.get(key)
        if found is None:
            s, a, b, c, d = key
            found = shared[key] = Outcome(STATUSES[s], sections[a], poses[b], cautions[c],
                                          rules[d], care[b])
        outcomes.append(found)
    return outcomes


def _cautions(votes: Votes, pose_rank: np.ndarray, active: np.ndarray,
              answers: Answers | None) -> tuple[Caution, ...]:
    texts: dict[int, list[str]] = {}
    for (_, pose, text), on in zip(votes.specs, active.tolist(), strict=True):
        if on:
            filled = votes.plain.get(text) or fill(text, answers or Answers())
            texts.setdefault(pose, []).append(filled)
    return tuple(votes.caution(votes.pose_ids[p], t) for p in pose_rank.tolist() if p >= 0
                 for t in dict.fromkeys(texts.get(p, ())))
