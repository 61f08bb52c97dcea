"""Reading a file the user named, with a one-line message for every way that can fail.

Kept apart from the roster readers so that ``assess`` can use it without importing pandas.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path, PurePath

from .errors import InputError

__all__ = ["distinct_name", "read_file"]


def read_file(path: str | Path) -> bytes:
    """The file's bytes, or :class:`InputError` naming the file and what went wrong."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a file") from None
    except OSError as err:
        raise InputError(f"{path}: cannot be read ({err.strerror or err})") from err


def distinct_name(name: str, taken: Collection[str]) -> str:
    """``name``, or ``"a (2).csv"`` and on when a file of that name is already taken.

    Two uploads of one name in one batch are both kept, told apart, never one silently
    replacing the other; the suffix stays last, since it picks the reader.
    """
    if name not in taken:
        return name
    path = PurePath(name)
    stem, suffix = (name[: -len(path.suffix)], path.suffix) if path.suffix else (name, "")
    number = 2
    while f"{stem} ({number}){suffix}" in taken:
        number += 1
    return f"{stem} ({number}){suffix}"
