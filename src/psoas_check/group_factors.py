"""How many attendees each contributing factor applies to, for the roster's factor chart.

A factor applies to an attendee when any of its rules' conditions holds for their answers,
whether or not the rule's suggestions were kept: after a warning sign, or before the
warning signs are answered, poses are withheld and pose-only rules leave no trace in the
record, yet the factor is still there for the class. A factor the roster never asked
(none of its rules reads a column the roster has) is left out rather than shown as zero.

Example::

    >>> factor_counts(screen_files(["signups.csv"]))
    [('Long hours sitting', 3), ('Stress', 1)]
"""

from __future__ import annotations

import numpy as np

from .answers import FIELDS, KG_FIELD
from .batch import fired_rules
from .roster import RosterScreen

__all__ = ["asked_factors", "factor_counts"]


def asked_factors(result: RosterScreen) -> list[str]:
    """Factors, in rule order, with a rule that reads some field a screened sheet gives."""
    asked: set[str] = set()
    for sheet, fields, _ in result.parts:
        if sheet.is_summaries:
            asked.update(FIELDS)  # a summary carries every question of the self-check
        else:
            asked.update("abdominal_excess_lb" if f == KG_FIELD else f for f in fields.values())
    factors: dict[str, None] = {}
    for rule in result.ruleset.rules:
        read = {test.field for test in rule.condition.tests()}
        # The warning signs gate many rules (belly weight, in pregnancy); a factor counts
        # as asked for its own questions, not for that gate.
        if (read - {"red_flags"} or read) & asked:
            factors[rule.factor] = None
    return list(factors)


def factor_counts(result: RosterScreen) -> list[tuple[str, int]]:
    """(factor, attendees it applies to) for each asked factor, most common first."""
    rules = result.ruleset.rules
    factors = asked_factors(result)
    if not factors:
        return []
    # Rules x factors: which factor each rule belongs to.
    member = np.array([[rule.factor == f for f in factors] for rule in rules], dtype=bool)
    counts = np.zeros(len(factors), dtype=np.int64)
    for sheet, fields, _ in result.parts:
        if sheet.is_summaries:
            fired = np.array([[rule.fires(p.answers) for rule in rules] for p in sheet.parsed],
                             dtype=bool).reshape(len(sheet.parsed), len(rules))
        elif fields and sheet.rows:
            fired = fired_rules(sheet.frame, fields, result.ruleset)
        else:
            continue
        # A person counts once per factor, however many of its rules hold for them.
        counts += ((fired.astype(np.int64) @ member.astype(np.int64)) > 0).sum(axis=0)
    order = sorted(range(len(factors)), key=lambda i: -int(counts[i]))
    return [(factors[i], int(counts[i])) for i in order]
