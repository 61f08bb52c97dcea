"""Which field an unrecognised column probably answers: the mapping view's suggestions.

Sign-up forms head their columns with question text, "Your name", or the app's own label.
:func:`suggest_fields` proposes a field for each: the field's name, label or question
word for word, a usual name for the attendee column, or a close text found with
:mod:`difflib`. Headers are compared in :func:`header_words` form, built on the shared
normaliser :func:`psoas_check.headers.normalise_header` (NFKC, format characters dropped).

Example::

    >>> suggest_fields(["Your name", "Timestamp"])
    {'Your name': Suggestion(field='attendee', score=1.0, reason='matches a usual name for it')}
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from .answers import FIELDS, KG_FIELD
from .headers import normalise_header

__all__ = [
    "CONFIDENT",
    "POSSIBLE",
    "Suggestion",
    "exact_field",
    "header_words",
    "suggest_fields",
]

#: A fuzzy match at least this close is taken without asking (the page checks the values).
CONFIDENT = 0.86
#: Below this nothing is suggested; between the two the teacher is asked to decide.
POSSIBLE = 0.6
#: Headers longer than this (in words form) are not compared fuzzily: no question is so long.
FUZZY_LIMIT = 160
#: Distinct headers compared fuzzily; a sheet wider than this is no sign-up export.
FUZZY_HEADERS = 2_000
#: Words too common to say two texts are about the same thing.
STOP_WORDS = frozenset((
    "the", "and", "you", "your", "are", "any", "how", "many", "much", "what", "which",
    "with", "for", "from", "does", "did", "have", "has", "this", "that", "these", "those",
    "about", "over", "when", "while", "one", "not",
))
#: Names sign-up forms give the attendee's name or code column.
NAME_HEADERS = (
    "name", "your name", "full name", "your full name", "first and last name",
    "name and surname", "attendee", "attendee name", "participant", "participant name",
    "student", "student name", "client", "client name", "member", "member name",
    "name or code", "code", "attendee code", "participant code", "nickname",
)

Matcher = tuple["difflib.SequenceMatcher[str]", str, str]  # (matcher of a text, field, text)


class Suggestion(NamedTuple):
    """A field proposed for a header, how close the match is (0 to 1), and why."""

    field: str
    score: float
    reason: str

    @property
    def confident(self) -> bool:
        """Close enough to take without asking."""
        return self.score >= CONFIDENT


def header_words(text: str) -> str:
    """Lower-case words only (punctuation and underscores as spaces), for matching texts."""
    return " ".join(re.sub(r"[\W_]+", " ", normalise_header(text).casefold()).split())


@lru_cache(maxsize=1)
def _known() -> dict[str, tuple[str, str]]:
    """Words form of each field's name, label, question and usual names -> (field, why)."""
    known: dict[str, tuple[str, str]] = {}
    for spec in FIELDS.values():
        known[header_words(spec.name)] = (spec.name, "the field's name")
    known[header_words(KG_FIELD)] = (KG_FIELD, "the field's name")
    for spec in FIELDS.values():
        known.setdefault(header_words(spec.label), (spec.name, "the field's label"))
        known.setdefault(header_words(spec.question), (spec.name, "the question's text"))
    known.setdefault(header_words("Extra weight around the belly (kg)"),
                     (KG_FIELD, "the field's label"))
    for alias in NAME_HEADERS:
        known.setdefault(header_words(alias), ("attendee", "a usual name for it"))
    return known


def exact_field(header: str) -> str | None:
    """The field a header names word for word (name, label, question or usual name)."""
    found = _known().get(header_words(header))
    return found[0] if found else None


def _tokens(words: str) -> set[str]:
    return {w for w in words.split() if len(w) > 2 and w not in STOP_WORDS}


def _fuzzy(words: str, index: dict[str, list[Matcher]]) -> Suggestion | None:
    best: Suggestion | None = None
    # Only texts sharing a word with the header are compared: a pair with no word in
    # common is never close, and skipping them keeps thousands of headers quick.
    candidates = {id(m): m for t in _tokens(words) for m in index.get(t, ())}
    for matcher, field, text in candidates.values():
        matcher.set_seq1(words)
        # The cheap upper bounds first: most pairs are ruled out without the full ratio.
        floor = best.score if best else POSSIBLE
        if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
            continue
        score = matcher.ratio()
        if score >= floor and (best is None or score > best.score):
            best = Suggestion(field, round(score, 2), f"close to “{text}”")
    return best


def _index() -> dict[str, list[Matcher]]:
    """Each word of a known text -> matchers of the texts holding it (built per call)."""
    index: dict[str, list[Matcher]] = {}
    for text, (field, _) in _known().items():
        if len(text) > 3:  # "name" or "code" alone would match too much by spelling
            matcher: difflib.SequenceMatcher[str] = difflib.SequenceMatcher(None, autojunk=False)
            matcher.set_seq2(text)
            for token in _tokens(text):
                index.setdefault(token, []).append((matcher, field, text))
    return index


def suggest_fields(headers: Iterable[str]) -> dict[str, Suggestion]:
    """A suggestion for each header that has one (each distinct words form worked out once).

    A word-for-word match of a field's name, label or question, or of a usual name for
    the attendee column, scores 1; otherwise the closest text by :mod:`difflib`, if at
    least :data:`POSSIBLE` alike. Only the first :data:`FUZZY_HEADERS` distinct headers
    are compared fuzzily, so a sheet of thousands of columns stays quick.
    """
    known = _known()
    index = _index()
    done: dict[str, Suggestion | None] = {}
    found: dict[str, Suggestion] = {}
    for header in headers:
        words = header_words(header)
        if words not in done:
            if words in known:
                field, why = known[words]
                done[words] = Suggestion(field, 1.0, f"matches {why}")
            elif not words or len(words) > FUZZY_LIMIT or len(done) >= FUZZY_HEADERS:
                done[words] = None
            else:
                done[words] = _fuzzy(words, index)
        suggestion = done[words]
        if suggestion is not None:
            found[header] = suggestion
    return found
