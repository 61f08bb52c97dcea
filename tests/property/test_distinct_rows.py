"""``combine.distinct_rows``: the row grouping every screened roster rests on.

Rows alike share one outcome, so a wrong grouping hands one attendee another's result.
Checked against the plain definition (number each distinct row in order of first
appearance) on tables of every shape the screen makes: booleans, small codes, -1 padded
rankings, and values wide enough that the folded code must be renumbered on the way.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from psoas_check.combine import distinct_rows


def reference(table: np.ndarray) -> tuple[list[int], list[int]]:
    numbers: dict[tuple[int, ...], int] = {}
    firsts: list[int] = []
    each: list[int] = []
    for index, row in enumerate(map(tuple, table.tolist())):
        if row not in numbers:
            numbers[row] = len(numbers)
            firsts.append(index)
        each.append(numbers[row])
    return firsts, each


tables = st.one_of(
    hnp.arrays(np.bool_, hnp.array_shapes(min_dims=2, max_dims=2, min_side=0, max_side=40)),
    hnp.arrays(np.int32, hnp.array_shapes(min_dims=2, max_dims=2, min_side=0, max_side=30),
               elements=st.integers(-1, 3)),
    hnp.arrays(np.int64, hnp.array_shapes(min_dims=2, max_dims=2, min_side=0, max_side=12),
               elements=st.integers(-(2**40), 2**40)),
)


@settings(max_examples=300, deadline=None)
@given(tables)
def test_distinct_rows__any_table__numbered_in_order_of_first_appearance(
    table: np.ndarray,
) -> None:
    first, numbers = distinct_rows(table)

    assert (first.tolist(), numbers.tolist()) == reference(table)


def test_distinct_rows__a_roster_sized_table__same_as_the_plain_definition() -> None:
    rng = np.random.default_rng(12)
    table = rng.integers(0, 3, (20_000, 24)).astype(np.int32)
    table[::7] = table[3]  # many repeats of one row, far apart

    first, numbers = distinct_rows(table)

    assert (first.tolist(), numbers.tolist()) == reference(table)
