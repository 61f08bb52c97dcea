"""Readers for single values as they arrive from spreadsheets, JSON and forms.

Each reader returns the clean value (``None`` for a blank) or raises
:class:`~psoas_check.errors.AnswerError` with a reason a person can act on.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from .errors import AnswerError

__all__ = [
    "as_text",
    "clean_text",
    "is_blank",
    "is_plain_text",
    "normalise",
    "quoted",
    "read_bool",
    "read_choice",
    "read_number",
    "read_set",
    "safe_name",
]

TRUE_WORDS = frozenset({"yes", "y", "true", "1"})
FALSE_WORDS = frozenset({"no", "n", "false", "0"})
NONE_WORDS = frozenset({"none", "none of these", "none of these apply to me", "no"})
SET_SEPARATORS = re.compile(r"[;,|]")
SHOWN = 40  # characters of a bad value quoted back in a message
_NOT_TEXT = "\x00"  # marks a list item that was not text (a JSON null, a number)


def is_blank(raw: Any) -> bool:
    """True for None, NaN, and strings that are empty or only white space."""
    if raw is None:
        return True
    if isinstance(raw, float) and math.isnan(raw):
        return True
    return isinstance(raw, str) and not raw.strip()


def as_text(raw: Any) -> str:
    """``str(raw)``, except that an integer too long for Python to print is described instead."""
    try:
        return str(raw)
    except ValueError:  # int beyond sys.get_int_max_str_digits(), e.g. from a JSON file
        if isinstance(raw, int):
            return f"a number of about {raw.bit_length() * 3 // 10} digits"
        return f"a {type(raw).__name__} holding a number too long to show"


def quoted(raw: Any) -> str:
    """The value as quoted back in a message, shortened and with control characters shown."""
    text = as_text(raw)
    if len(text) > SHOWN:
        text = text[: SHOWN - 1] + "…"
    return repr(text)


def normalise(word: str) -> str:
    """Lower-case, trimmed, with spaces and hyphens read as underscores."""
    return re.sub(r"[\s\-]+", "_", word.strip().lower())


#: Direction overrides can make a name display as something else; they are refused.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def is_plain_text(text: str) -> bool:
    """Printable text; invisible joiners (as in family emoji) pass, controls do not."""
    return text.isprintable() or all(
        ch.isprintable() or (unicodedata.category(ch) == "Cf" and ch not in BIDI_CONTROLS)
        for ch in text
    )


#: What Excel writes in a cell whose formula failed; never a name or an answer.
EXCEL_ERRORS = frozenset({"#n/a", "#value!", "#ref!", "#div/0!", "#num!", "#name?", "#null!",
                          "#spill!", "#calc!", "#getting_data", "#field!", "#blocked!",
                          "#connect!", "#busy!", "#unknown!"})


def clean_text(field: str, raw: Any, max_length: int) -> str:
    """Trimmed printable text of at most ``max_length`` characters.

    A list or object (from JSON) is refused rather than turned into its printed form,
    and so is an Excel error value such as ``#N/A``.
    """
    if isinstance(raw, list | tuple | set | frozenset | dict):
        kind = "an object" if isinstance(raw, dict) else "a list"
        raise AnswerError(field, f"is {kind}, not text; give a name or code")
    text = as_text(raw).strip()
    if text.lower() in EXCEL_ERRORS:
        raise AnswerError(field, f"{quoted(text)} is an Excel error value, not text; correct "
                                 "the cell")
    if not is_plain_text(text):
        raise AnswerError(field, f"{quoted(text)} contains control characters; use plain text")
    if len(text) > max_length:
        raise AnswerError(
            field, f"is {len(text)} characters long; the most allowed is {max_length}"
        )
    return text


def safe_name(raw: Any, max_length: int = 100) -> str:
    """A name that could not be read, in a form safe to show: spaces for tabs and line
    breaks, control characters written out (``\\x07``), at most ``max_length`` long.

    Used where dropping the name would leave an urgent attendee unidentifiable.
    """
    text = " ".join(as_text(raw).split())
    shown = "".join(
        ch if ch.isprintable() or (unicodedata.category(ch) == "Cf" and ch not in BIDI_CONTROLS)
        else (f"\\x{ord(ch):02x}" if ord(ch) < 256 else f"\\u{ord(ch):04x}")
        for ch in text
    )
    return shown if len(shown) <= max_length else shown[: max_length - 1] + "…"


def read_number(
    field: str,
    raw: Any,
    minimum: float | None,
    maximum: float | None,
    unit: str | None,
    *,
    whole: bool = False,
) -> Any:
    """A number in range; accepts a decimal comma ("7,5") as European spreadsheets write it."""
    if is_blank(raw):
        return None
    if isinstance(raw, bool):
        raise AnswerError(field, f"{quoted(raw)} is yes/no, not a number")
    if isinstance(raw, int | float):
        try:
            number = float(raw)
        except OverflowError:  # an integer beyond float range
            number = math.inf if raw > 0 else -math.inf
    else:
        text = as_text(raw).strip()
        if re.fullmatch(r"[+-]?\d+,\d+", text):
            text = text.replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            raise AnswerError(field, f"{quoted(raw)} is not a number") from None
    if not math.isfinite(number):
        raise AnswerError(field, f"{quoted(raw)} is not a finite number")
    span = f"{minimum:g} to {maximum:g}" + (f" {unit}" if unit else "")
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        raise AnswerError(field, f"{number:g} is outside the allowed range {span}")
    if whole:
        if not number.is_integer():
            raise AnswerError(field, f"{number:g} is not a whole number ({span})")
        return int(number)
    return number


def read_bool(field: str, raw: Any) -> bool:
    """yes no y n true false 1 0, in any case."""
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int | float) and raw in (0, 1):
        return bool(raw)
    word = as_text(raw).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise AnswerError(field, f"{quoted(raw)} is not yes or no (use yes/no, y/n, true/false, 1/0)")


def _lookup(word: str, options: dict[str, str]) -> str | None:
    key = normalise(word)
    if key in options:
        return key
    for option, label in options.items():
        if normalise(label) == key:
            return option
    return None


def read_choice(field: str, raw: Any, options: dict[str, str]) -> str:
    """One option, by id or by its label, in any case."""
    option = _lookup(as_text(raw), options)
    if option is None:
        allowed = ", ".join(options)
        raise AnswerError(field, f"{quoted(raw)} is not one of: {allowed}")
    return option


def _tokens(raw: Any, options: dict[str, str]) -> list[str]:
    if isinstance(raw, list | tuple | set | frozenset):
        # A null or a number in a JSON list is no option: quoted back, never read as "none".
        return [item if isinstance(item, str) else _NOT_TEXT + _json_text(item) for item in raw]
    text = as_text(raw)
    # Labels may contain commas; swap whole labels for their ids before splitting.
    for option, label in sorted(options.items(), key=lambda item: -len(item[1])):
        text = re.sub(re.escape(label), option, text, flags=re.IGNORECASE)
    return SET_SEPARATORS.split(text)


def _json_text(item: Any) -> str:
    if item is None:
        return "null"
    try:
        return repr(item)
    except ValueError:  # an integer past Python's 4,300-digit limit for turning it into text
        return "a number too long to show"


def read_set(field: str, raw: Any, options: dict[str, str]) -> tuple[frozenset[str] | None, str]:
    """Ids or labels separated by ``;`` ``,`` or ``|``; "none" is the empty set.

    Returns the readable items and a message naming any unreadable ones (empty when all
    were read), so one typo never hides the items beside it.
    """
    if is_blank(raw) and not isinstance(raw, list | tuple | set | frozenset):
        return None, ""
    found: list[str] = []
    bad: list[str] = []
    words = [w for w in _tokens(raw, options) if w.strip()]
    if len(words) == 1 and words[0].strip().lower() in NONE_WORDS:
        return frozenset(), ""
    for word in words:
        option = None if word.startswith(_NOT_TEXT) else _lookup(word, options)
        if option is None:
            bad.append(word.strip())
        else:
            found.append(option)
    if field == "red_flags" and isinstance(raw, list | tuple | dict):
        # A sign inside a nested list or an object ([["chest_pain"]], {"chest_pain": true})
        # is still reported as unreadable, but never lost: the row stays urgent.
        for item in [raw] if isinstance(raw, dict) else raw:
            found += [o for t in _nested_texts(item) if (o := _lookup(t, options))]
    message = ""
    if bad:
        listed = ", ".join(b[1:] if b.startswith(_NOT_TEXT) else quoted(b) for b in _unique(bad))
        message = f"{listed} not recognised; allowed: {', '.join(options)}"
    if not found and bad:
        return None, message
    return frozenset(found), message


def _nested_texts(item: Any) -> list[str]:
    """The strings inside a list or object item (its keys too), at any depth."""
    if isinstance(item, dict):
        return [t for k, v in item.items() for t in [*_nested_texts(k), *_nested_texts(v)]]
    if isinstance(item, list | tuple):
        return [t for inner in item for t in _nested_texts(inner)]
    return [item] if isinstance(item, str) else []


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
