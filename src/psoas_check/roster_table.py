"""The screened roster as the page's display table (built where the screening runs).

Kept out of :mod:`psoas_check.ui` so the worker's child, which screens an upload out of
the server's way (:mod:`psoas_check.roster_job`), can build it too; it needs pandas but
not Streamlit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from .people import PersonRow, person_rows
from .roster import RosterScreen

__all__ = ["QUOTED_ERRORS", "SIGN_LOOK_UPS", "TABLE_TEXT", "result_table"]

#: Urgent and see-clinician rows whose warning signs the table names (read back per row).
SIGN_LOOK_UPS = 2_000
#: Unreadable rows whose errors the table's "Why" quotes; any beyond count them.
QUOTED_ERRORS = 2_000
#: Characters of "Why" the page's table keeps per row.
TABLE_TEXT = 300


def result_table(result: RosterScreen, quotes: int = QUOTED_ERRORS) -> pd.DataFrame:
    """Every record as a display row, urgent first (then see_clinician, invalid, ...).

    Who, status, why and what to change come first; the ``index`` column is the record's
    position in ``result.records``, for :meth:`RosterScreen.person`. The warning signs
    behind the first :data:`SIGN_LOOK_UPS` urgent or see-clinician rows are named; any
    beyond say to open the attendee (each takes a moment to read back). The first
    ``quotes`` unreadable rows quote their errors in why; any beyond count them
    (:func:`~psoas_check.people.errors_counted`): each error names its value or row, so
    quoted they differ on every row of a ragged roster (a quarter of a GiB to hold, send
    back and convert for the browser); the attendee's own view and the downloads quote
    them all.
    """
    columns = ["index", "Row", "Attendee", "Status", "Why", "What to change", "Read", "Poses",
               "File"]
    rows = person_rows(result, SIGN_LOOK_UPS, quotes=quotes)
    cells: list[tuple[Any, ...]] = (list(zip(*rows, strict=True)) if rows
                                     else [() for _ in PersonRow._fields])
    del cells[PersonRow._fields.index("errors")]  # left empty: see the docstring
    del rows  # column by column: the rows are never all held twice
    # Texts repeat (people of one outcome share them): as categories the table, and the
    # copy st.dataframe sends, hold each text once (100,000 rows: 5 MiB, not 50 MiB).
    # Plain Python objects (pandas would otherwise copy every text into Arrow buffers, which
    # a roster of long, distinct error texts made ten times larger than the texts).
    # Column by column, each let go once converted: the full texts of one column at most
    # are held beside the table. Many warning signs make a long why: the table keeps the
    # start, the attendee's own view and the downloads name them all.
    data: dict[str, Any] = {}
    for i, name in enumerate(columns):
        values, cells[i] = cells[i], ()
        if name in ("index", "Row", "Attendee"):
            data[name] = pd.Series(values, dtype=object if name == "Attendee" else "int64")
            continue
        if name == "Why":
            values = tuple(t if len(t) <= TABLE_TEXT else t[: TABLE_TEXT - 1] + "…"
                           for t in values)
        data[name] = _texts(values)
    return pd.DataFrame(data, columns=columns)


def _texts(values: Sequence[str]) -> pd.Categorical:
    """A column of repeated texts as categories that stay Python strings."""
    codes, uniques = pd.factorize(np.asarray(values, dtype=object))
    return pd.Categorical.from_codes(codes, categories=pd.Index(uniques, dtype=object))
