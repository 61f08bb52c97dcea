"""The project's one small exception tree.

    PsoasCheckError              anything the project raises on purpose
    ├── AnswerError              one value of one field could not be read (field, reason)
    ├── RulesError               a rule set could not be loaded; carries every RuleProblem
    └── InputError               a whole input is unusable: missing file, unreadable
                                 format, no recognisable columns (the CLI's exit 2)

Messages say where, what, and how to fix; callers chain with ``raise ... from err``.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["AnswerError", "InputError", "PsoasCheckError", "RuleProblem", "RulesError"]


class PsoasCheckError(Exception):
    """Base class for every error psoas-check raises on purpose."""


class AnswerError(PsoasCheckError, ValueError):
    """A single answer value was unreadable or out of range."""

    def __init__(self, field: str, reason: str, shown: str | None = None) -> None:
        self.field = field
        self.reason = reason
        self.shown = shown
        # ``shown`` names the field in the message when it is a person's raw key.
        super().__init__(f"{shown or field}: {reason}")

    def __reduce__(self) -> tuple[type[AnswerError], tuple[str, str, str | None]]:
        # Picklable with its own arguments: uploads are read in a child process.
        return (type(self), (self.field, self.reason, self.shown))


@dataclass(frozen=True)
class RuleProblem:
    """One problem found while loading rules: where it is and what is wrong."""

    file: str
    rule: str | None
    key: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.rule:
            where += f", rule {self.rule}"
        if self.key:
            where += f", {self.key}"
        return f"{where}: {self.message}"


class RulesError(PsoasCheckError):
    """A rule set failed validation; ``problems`` lists every problem found in one pass."""

    def __init__(self, problems: list[RuleProblem]) -> None:
        self.problems = problems
        count = len(problems)
        first = str(problems[0]) if problems else "no problems recorded"
        more = f" (and {count - 1} more)" if count > 1 else ""
        super().__init__(f"{first}{more}")


class InputError(PsoasCheckError):
    """A whole input file or document is unusable; the message is one line for the user."""
