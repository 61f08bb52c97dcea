"""Which column gives which field: header matching, ``--map`` items and the column plan.

Headers are compared after :func:`~psoas_check.headers.normalise_header` (full-width
letters, zero-width spaces and soft hyphens do not hide a field); a header close to a field
name is named in the plan with a "did you mean", so the tally can say it. A header that is
word for word a field's label or question (the template's question headers) gives that
field too, unless another column names it or the mapping says otherwise: never fuzzily.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..answers import FIELDS, KG_FIELD, suggest_name
from ..errors import InputError
from ..headers import normalise_header, suggest_field
from .sheet import Sheet

__all__ = ["ACCEPTED", "ColumnPlan", "check_field", "column_field", "empty_message",
           "parse_mapping", "plan_columns"]

ACCEPTED = frozenset(FIELDS) | {KG_FIELD}


@dataclass(frozen=True)
class ColumnPlan:
    """Which column gives which field, which headers are ignored, and near misses."""

    fields: dict[int, str]
    ignored: list[str]
    #: Ignored header -> the field it is probably meant to be ("did you mean").
    close: dict[str, str] = field(default_factory=dict)


def column_field(header: str) -> str | None:
    """The field a header names (any case or width, spaces or hyphens for underscores)."""
    name = normalise_header(header)
    return name if name in ACCEPTED else None


def parse_mapping(items: Iterable[str]) -> dict[str, str]:
    """``HEADER=field`` strings (``HEADER=`` to ignore a column) -> a mapping; checks fields.

    One header mapped twice is refused, naming it: the second would silently win.
    """
    mapping: dict[str, str] = {}
    seen: dict[str, str] = {}
    for item in items:
        header, sep, name = item.rpartition("=")
        if not sep or not header.strip():
            raise InputError(f"--map {item!r}: write it as 'HEADER=field'")
        key = normalise_header(header)
        if key in seen:
            raise InputError(
                f"--map: the column {header.strip()!r} is mapped twice ({seen[key]!r} and "
                f"{item!r}); give it once"
            )
        seen[key] = item
        mapping[header.strip()] = check_field(name, f"--map {item!r}")
    return mapping


def check_field(name: str, where: str) -> str:
    """A mapping target read as a field name; blank means ignore the column."""
    if not name.strip():
        return ""
    field_name = normalise_header(name)
    if field_name not in ACCEPTED:
        hint = suggest_name(field_name, sorted(ACCEPTED))
        raise InputError(f"{where}: `{name.strip()}` is not a field{hint}")
    return field_name


def empty_message(sheet: Sheet) -> str:
    """Why a file gave no header row, naming the worksheets skipped (and why) if any."""
    skipped = f" (skipped sheets: {', '.join(sheet.skipped)})" if sheet.skipped else ""
    return f"{sheet.label}: is empty; expected a header row naming the fields{skipped}"


def plan_columns(sheet: Sheet, mapping: Mapping[str, str] | None = None) -> ColumnPlan:
    """Match headers to fields, ``mapping`` first; InputError if none is recognisable."""
    if not sheet.headers:
        raise InputError(empty_message(sheet))
    chosen = {normalise_header(h): check_field(f, f"mapping for {h!r}")
              for h, f in (mapping or {}).items()}
    fields: dict[int, str] = {}
    first: dict[str, str] = {}
    ignored: list[str] = []
    close: dict[str, str] = {}
    for index, header in enumerate(sheet.headers):
        key = normalise_header(header)
        name = chosen[key] if key in chosen else column_field(header)
        if not name:
            if header.strip():
                ignored.append(header)
                if key not in chosen:
                    guess = suggest_field(header)
                    if guess:
                        close[header] = guess
            elif (sheet.frame[index].str.strip() != "").any():
                ignored.append(f"column {index + 1} (no header)")
            continue
        if name in first:
            raise InputError(
                f"{sheet.label}: columns {first[name]!r} and {header!r} both give `{name}`; "
                "remove one or map it elsewhere"
            )
        first[name] = header
        fields[index] = name
    if not fields:
        shown = ", ".join(repr(h) for h in sheet.headers[:4]) or "nothing"
        hint = "".join(f"; {h!r}: did you mean `{f}`?" for h, f in list(close.items())[:2])
        raise InputError(
            f"{sheet.label}: no recognisable columns (found {shown}){hint}; name them as in "
            "the template (attendee, sitting_hours, ...) or map one to a field "
            "(--map 'HEADER=field' on the command line)"
        )
    return ColumnPlan(fields, ignored, close)
