"""The plain values the intake service hands out: limits, workshops, submissions, errors."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..errors import InputError

__all__ = ["Created", "IntakeError", "Limits", "Submission", "Workshop"]


class IntakeError(InputError):
    """A refusal or failure of the intake, as one plain sentence safe to show to anyone."""


@dataclass(frozen=True)
class Limits:
    """What one server accepts; each refusal is an :class:`IntakeError`."""

    max_open_workshops: int = 200
    max_submissions: int = 500
    max_payload_bytes: int = 64_000
    #: Per sender (one browser session); the command line sends without a sender.
    min_seconds_between_sends: float = 5.0
    max_days: int = 365
    max_title_chars: int = 120
    #: Per sender: unknown codes and wrong keys allowed within the window, then refused.
    max_misses: int = 10
    miss_window_seconds: float = 600.0


@dataclass(frozen=True)
class Workshop:
    """A workshop's public facts, readable without the teacher's key."""

    code: str
    title: str
    created: datetime
    expires: datetime
    submissions: int
    #: The app's address for this workshop's self-check, relative to the app's root.
    link: str = ""

    def __post_init__(self) -> None:
        if not self.link:
            object.__setattr__(self, "link", f"/?workshop={self.code}")


@dataclass(frozen=True)
class Created:
    """A new workshop and the teacher's key, which is shown once and never stored."""

    workshop: Workshop
    key: str


@dataclass(frozen=True)
class Submission:
    """One decrypted submission: the answers document as the app downloads it."""

    submitted_at: datetime
    document: dict[str, Any]
    #: When it was last replaced by "update what I sent" (equal to submitted_at if never).
    updated_at: datetime | None = None
