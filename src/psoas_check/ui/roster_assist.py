"""What the mapping view proposes: a field per unknown column, and what still needs a person.

For each column no field name recognises, :func:`assist` takes the suggestion of
:func:`psoas_check.suggestions.suggest_fields` and decides whether it can be preselected
without asking: it must be confident, its sample values must read as that field's answers,
and no other column of the same sheet may already give that field. Everything else with a
suggestion is left for the teacher to decide; columns with no suggestion stay ignored.
The work is done once per set of loaded sheets and kept in the session (it compares every
header, and a sheet may have thousands).
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from ..answers import FIELDS, KG_FIELD, parse_answers
from ..headers import normalise_header
from ..readers import Sheet, column_field
from ..suggestions import Suggestion, suggest_fields

__all__ = ["ASSIST", "DECIDED", "Assist", "Choice", "assist", "current_assist", "missing_fields"]

ASSIST = "roster_assist"  # (the sheets it was worked out for, their Assist)
DECIDED = "roster_decided"  # headers the teacher has chosen for by hand


class Choice(NamedTuple):
    """One unknown column: its suggestion (if any), whether it was preselected, and why not."""

    header: str
    suggestion: Suggestion | None
    preselected: bool
    question: str  # why a person should look at it; "" when nothing needs deciding


@dataclass(frozen=True)
class Assist:
    """Every unknown column's choice, in sheet order, and the fields preselected for them."""

    choices: dict[str, Choice]
    preselect: dict[str, str]

    def undecided(self, decided: set[str] | frozenset[str] = frozenset()) -> list[str]:
        """Headers still waiting for a person, leaving out those already chosen by hand."""
        return [h for h, c in self.choices.items() if c.question and h not in decided]


def _label(field: str) -> str:
    return "Extra weight around the belly (kg)" if field == KG_FIELD else FIELDS[field].label


def _fits(field: str, values: Sequence[str]) -> bool:
    """Whether every sample value reads as an answer to ``field`` (a blank column does)."""
    return all(not parse_answers({field: v}).errors for v in values)


def assist(sheets: Sequence[Sheet], unknown: Mapping[str, list[str]],
           mapping: Mapping[str, str]) -> Assist:
    """Propose a field for each unknown header (``unknown``: header -> its sample values).

    Headers already in ``mapping`` keep what it says. The strongest suggestions are
    placed first, so that when two columns point at one field the closer one gets it.
    """
    chosen = {normalise_header(h): f for h, f in mapping.items()}
    # Per sheet, the fields its columns already give, and which sheets hold each header.
    taken: list[set[str]] = []
    holders: dict[str, list[int]] = {}
    for number, sheet in enumerate(p for s in sheets for p in s.parts()):  # each worksheet
        given: set[str] = set()
        for header in sheet.headers:
            key = normalise_header(header)
            field = chosen.get(key) if key in chosen else column_field(header)
            if field:
                given.add(field)
            holders.setdefault(key, []).append(number)
        taken.append(given)
    suggestions = suggest_fields(h for h in unknown if normalise_header(h) not in chosen)
    choices = {h: Choice(h, None, False, "") for h in unknown}
    preselect: dict[str, str] = {}
    for header, found in sorted(suggestions.items(), key=lambda item: -item[1].score):
        field, label = found.field, _label(found.field)
        where = holders.get(normalise_header(header), [])
        if any(field in taken[n] for n in where):
            question = f"another column already gives “{label}”"
        elif not _fits(field, unknown[header]):
            question = f"its values do not read as answers to “{label}”"
        else:
            for n in where:
                taken[n].add(field)
            preselect[header] = field
            question = "" if found.confident else "a close match, not an exact one"
        choices[header] = Choice(header, found, header in preselect, question)
    return Assist(choices, preselect)


def current_assist(state: MutableMapping[Any, Any], sheets: Sequence[Sheet],
                   unknown: Mapping[str, list[str]], mapping_key: str) -> Assist:
    """The :class:`Assist` for these sheets, worked out once; its preselections join the mapping.

    Choices already in the mapping (made by hand, or loaded) are kept over suggestions.
    """
    stored = state.get(ASSIST)
    if stored is not None and len(stored[0]) == len(sheets) and all(
        a is b for a, b in zip(stored[0], sheets, strict=True)
    ):
        found: Assist = stored[1]
        return found
    mapping: dict[str, str] = dict(state.get(mapping_key, {}))
    result = assist(sheets, unknown, mapping)
    state[mapping_key] = {**result.preselect, **mapping}
    state[ASSIST] = (list(sheets), result)
    return result


def missing_fields(sheets: Sequence[Sheet], mapping: Mapping[str, str]) -> list[str]:
    """Fields no column of any table sheet gives (with the mapping), in form order.

    JSON summaries carry every field, so a roster of summaries misses nothing.
    """
    tables = [s for s in sheets if not s.is_summaries]
    if not tables:
        return []
    chosen = {normalise_header(h): f for h, f in mapping.items()}
    given: set[str] = set()
    for sheet in [p for s in tables for p in s.parts()]:
        for header in sheet.headers:
            key = normalise_header(header)
            field = chosen.get(key) if key in chosen else column_field(header)
            if field:
                given.add("abdominal_excess_lb" if field == KG_FIELD else field)
    return [name for name in FIELDS if name not in given]
