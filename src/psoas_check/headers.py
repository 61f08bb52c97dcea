"""Column headers as people type them, made comparable with field names.

Spreadsheets and web forms bring headers in full-width letters (``ＲＥＤ＿ＦＬＡＧＳ``), with
zero-width spaces or soft hyphens pasted in, or with a letter missing. The readers, the
roster page and the command line match them all through these two functions.

Example::

    >>> normalise_header("ＲＥＤ＿ＦＬＡＧＳ\u200b")
    'red_flags'
    >>> suggest_field("sittng hours")
    'sitting_hours'
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

__all__ = ["normalise_header", "suggest_field"]

#: How alike a header and a field name must be to be offered as "did you mean".
CUTOFF = 0.75
#: Longer headers are question text, never a misspelt field name; not worth comparing.
LONGEST = 60


def normalise_header(text: str) -> str:
    """NFKC, without format characters, lower-case, trimmed, spaces and hyphens as ``_``."""
    folded = unicodedata.normalize("NFKC", text)
    # Zero-width spaces, joiners, BOMs and soft hyphens are invisible in every spreadsheet.
    visible = "".join(ch for ch in folded if unicodedata.category(ch) != "Cf")
    return re.sub(r"[\s\-]+", "_", visible.strip().lower())


def suggest_field(header: str, fields: Iterable[str] | None = None) -> str | None:
    """The field name ``header`` was probably meant to be, or None when none is close."""
    key = normalise_header(header)
    if not key or len(key) > LONGEST:
        return None
    if fields is None:
        from .answers import FIELDS, KG_FIELD

        fields = [*FIELDS, KG_FIELD]
    names = list(fields)
    if key in names:
        return None
    close = difflib.get_close_matches(key, names, n=1, cutoff=CUTOFF)
    return close[0] if close else None
