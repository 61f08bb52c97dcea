"""Plain helpers shared by the intake tests: a hand-driven clock and answers documents."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

__all__ = ["Clock", "answers"]


class Clock:
    """A clock the test moves by hand; starts at a fixed aware UTC time."""

    def __init__(self, start: datetime = datetime(2030, 5, 1, 9, 0, tzinfo=UTC)) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def answers(name: str, **fields: Any) -> dict[str, Any]:
    """A downloaded-summary document for ``name`` with the given answers."""
    return {"schema": "psoas-check/answers@1",
            "answers": {"attendee": name, "red_flags": [], **fields}}
