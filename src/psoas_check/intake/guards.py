"""The intake's checks before anything is stored: the organiser passphrase, the answers
document (size first, then the same strict reading as ``assess``), and per-session brakes:
how often one browser may send, and how many codes or keys that did not match it may try.

Both live in the server's memory, keyed by an opaque sender id (one per browser session);
the command line passes no sender and is never slowed. A join code has about 40 bits and
a guessed one only lets someone send answers, never read them; the brake on misses makes
guessing from one session slow, and keeps a flood of wrong teacher keys from making the
server derive (Argon2id, 64 MiB each) a key per try.

"""

from __future__ import annotations

import hmac
import json
import threading
from datetime import datetime
from typing import Any

from ..errors import InputError
from ..report import load_summary
from .records import IntakeError

__all__ = ["FORGET_AFTER", "Document", "Misses", "Pace", "answers_payload", "check_organiser"]

#: What may be sent: the app's document, or a file's text or bytes.
Document = dict[str, Any] | str | bytes

#: Past this many senders, those whose entries no longer matter are forgotten.
FORGET_AFTER = 10_000


def check_organiser(expected: str | None, given: str | None) -> None:
    """Refuse creation without the operator's passphrase, when one is set (constant time)."""
    if expected is None:
        return
    if not hmac.compare_digest((given or "").encode("utf-8"), expected.encode("utf-8")):
        raise IntakeError("Creating a workshop here needs the organiser passphrase, and "
                          "the one given is missing or wrong.")


def answers_payload(document: Document, name: str, limit: int) -> bytes:
    """The bytes to seal: refused when over ``limit`` bytes (measured before any parsing or
    decoding), or when ``assess`` would refuse them (bad JSON, a repeated key, NaN, too
    deep, not answers)."""
    if isinstance(document, dict):
        try:
            data = json.dumps(document, ensure_ascii=False, allow_nan=False).encode("utf-8")
        except (TypeError, ValueError, RecursionError) as err:
            raise IntakeError(f"{name}: cannot be written as JSON.") from err
    elif isinstance(document, str):
        if len(document) > limit:  # each character is at least one byte: no need to encode
            raise _too_large(name, len(document), limit)
        try:
            data = document.encode("utf-8")
        except UnicodeEncodeError as err:  # a lone surrogate: no UTF-8 text can hold it
            raise IntakeError(f"{name}: holds characters that are not text.") from err
    else:
        data = bytes(document)
    if len(data) > limit:
        raise _too_large(name, len(data), limit)
    try:
        load_summary(data, name=name)  # the strict reader `assess` uses (report, jsonload)
    except InputError as err:
        raise IntakeError(str(err)) from err
    return data


def _too_large(name: str, size: int, limit: int) -> IntakeError:
    return IntakeError(f"{name}: too large to send ({size:,} bytes; at most {limit:,}).")


class Pace:
    """At most one send per ``wait_s`` seconds from one sender."""

    def __init__(self, wait_s: float) -> None:
        self.wait_s = wait_s
        self._lock = threading.Lock()
        self._last: dict[str, datetime] = {}

    def check(self, sender: str | None, now: datetime) -> None:
        """Refuse (IntakeError) a send that comes too soon; otherwise note it."""
        if sender is None or self.wait_s <= 0:
            return
        with self._lock:
            last = self._last.get(sender)
            if last is not None and (now - last).total_seconds() < self.wait_s:
                raise IntakeError(f"Please wait {self.wait_s:g} seconds between sends, then "
                                  "try again.")
            self._last[sender] = now
            if len(self._last) > FORGET_AFTER:
                self._last = {s: t for s, t in self._last.items()
                              if (now - t).total_seconds() < self.wait_s}


class Misses:
    """At most ``allowed`` unknown codes or wrong keys per sender within ``window_s``."""

    def __init__(self, allowed: int, window_s: float) -> None:
        self.allowed = allowed
        self.window_s = window_s
        self._lock = threading.Lock()
        self._times: dict[str, list[datetime]] = {}

    def _recent(self, sender: str, now: datetime) -> list[datetime]:
        kept = [t for t in self._times.get(sender, []) if (now - t).total_seconds() < self.window_s]
        self._times[sender] = kept
        return kept

    def check(self, sender: str | None, now: datetime) -> None:
        """Refuse (IntakeError) a lookup from a sender who missed too often lately."""
        if sender is None:
            return
        with self._lock:
            if len(self._recent(sender, now)) >= self.allowed:
                minutes = max(1, round(self.window_s / 60))
                raise IntakeError("Too many codes or keys that did not match were tried from "
                                  f"this browser; wait {minutes} minutes and try again.")

    def missed(self, sender: str | None, now: datetime) -> None:
        """Note one unknown code or wrong key from ``sender``."""
        if sender is None:
            return
        with self._lock:
            self._recent(sender, now).append(now)
            if len(self._times) > FORGET_AFTER:
                self._times = {s: ts for s, ts in self._times.items()
                               if ts and (now - ts[-1]).total_seconds() < self.window_s}

