"""Reading a file the user named, with a one-line message for every way that can fail.

Kept apart from the roster readers so that ``assess`` can use it without importing pandas.
"""

from __future__ import annotations

from pathlib import Path

from .errors import InputError

__all__ = ["read_file"]


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
