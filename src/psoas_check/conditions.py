"""Rule conditions: a small tree of tests joined by ``all``, ``any`` and ``not``.

A test is ``{field: NAME, op: OPERATOR, value: VALUE}``; the operator comes from the table
in :mod:`psoas_check.operators`. Evaluation uses three values (True, False, None for "not
answered") so that a blank never makes a rule fire, not even through ``not``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .answers import FIELDS, Answers, parse_value, suggest_name
from .errors import AnswerError
from .operators import OPERATORS
from .values import quoted

__all__ = ["Condition", "Group", "Negation", "Test", "parse_condition"]


@dataclass(frozen=True)
class Test:
    """``field op value``: the leaf of every condition."""

    field: str
    op: str
    value: Any = None

    def evaluate(self, answers: Answers) -> bool | None:
        return OPERATORS[self.op].evaluate(getattr(answers, self.field), self.value)

    def render(self) -> str:
        return OPERATORS[self.op].render(FIELDS[self.field], self.value)

    def witnesses(self, answers: Answers) -> Iterator[Test]:
        if self.evaluate(answers):
            yield self

    def tests(self) -> Iterator[Test]:
        yield self


@dataclass(frozen=True)
class Group:
    """``all`` (every part holds) or ``any`` (at least one part holds)."""

    kind: str
    parts: tuple[Condition, ...]

    def evaluate(self, answers: Answers) -> bool | None:
        results = [part.evaluate(answers) for part in self.parts]
        decisive = self.kind == "any"  # any: one True decides; all: one False decides
        if decisive in results:
            return decisive
        if None in results:
            return None
        return not decisive

    def render(self) -> str:
        joiner = " and " if self.kind == "all" else " or "
        clauses = [
            f"({part.render()})" if isinstance(part, Group) else part.render()
            for part in self.parts
        ]
        return joiner.join(clauses)

    def witnesses(self, answers: Answers) -> Iterator[Test]:
        for part in self.parts:
            if part.evaluate(answers):
                yield from part.witnesses(answers)

    def tests(self) -> Iterator[Test]:
        for part in self.parts:
            yield from part.tests()


@dataclass(frozen=True)
class Negation:
    """``not``: holds when its part is answered and does not hold."""

    part: Condition

    def evaluate(self, answers: Answers) -> bool | None:
        result = self.part.evaluate(answers)
        return None if result is None else not result

    def render(self) -> str:
        return f"it is not the case that {self.part.render()}"

    def witnesses(self, answers: Answers) -> Iterator[Test]:
        # The answers that made the inner part false are the reason here.
        for test in self.part.tests():
            if test.evaluate(answers) is not None:
                yield test

    def tests(self) -> Iterator[Test]:
        yield from self.part.tests()


Condition = Test | Group | Negation


def parse_condition(raw: Any, key: str, problems: list[tuple[str, str]]) -> Condition | None:
    """Build a condition from YAML data, appending ``(key, message)`` for each problem.

    Returns ``None`` when the condition is unusable; every problem is still reported.
    """
    if not isinstance(raw, dict):
        problems.append((key, "must be a test {field, op, value} or one of all / any / not"))
        return None
    odd = [k for k in raw if not isinstance(k, str)]
    if odd:  # YAML allows `1: x` or `null: x`; only words are keys here
        shown = ", ".join(quoted(k) for k in odd)
        problems.append((key, f"keys must be words; found {shown}"))
        return None
    joins = [k for k in ("all", "any", "not") if k in raw]
    if joins:
        join = joins[0]
        extra = sorted(set(raw) - {join})
        if extra:
            problems.append((key, f"`{join}` stands alone; unexpected key(s): {', '.join(extra)}"))
        inner = raw[join]
        if join == "not":
            part = parse_condition(inner, f"{key}.not", problems)
            if part is None:
                return None
            for test in part.tests():
                if OPERATORS[test.op].blank is not None:  # e.g. `answered`: false on a blank
                    problems.append((
                        f"{key}.not",
                        f"`{test.op}` under `not` would fire when {test.field} is blank, "
                        "and a blank answer never fires a rule",
                    ))
                    return None
            return Negation(part)
        if not isinstance(inner, list) or not inner:
            problems.append((f"{key}.{join}", "must be a non-empty list of conditions"))
            return None
        parts = [parse_condition(p, f"{key}.{join}[{i}]", problems) for i, p in enumerate(inner)]
        if any(p is None for p in parts):
            return None
        return Group(join, tuple(p for p in parts if p is not None))
    return _parse_test(raw, key, problems)


def _parse_test(raw: dict[str, Any], key: str, problems: list[tuple[str, str]]) -> Test | None:
    before = len(problems)
    unknown = sorted(set(raw) - {"field", "op", "value"})
    for name in unknown:
        hint = suggest_name(name, ["field", "op", "value", "all", "any", "not"])
        problems.append((f"{key}.{name}", f"unknown key{hint}"))
    field, op = raw.get("field"), raw.get("op")
    if field is None or op is None:
        missing = " and ".join(k for k in ("field", "op") if raw.get(k) is None)
        problems.append((key, f"a test needs {missing}"))
        return None
    if str(field) not in FIELDS:
        problems.append(
            (f"{key}.field", f"unknown field `{field}`{suggest_name(str(field), FIELDS)}")
        )
        return None
    if str(op) not in OPERATORS:
        hint = suggest_name(str(op), OPERATORS)
        problems.append(
            (f"{key}.op", f"unknown operator `{op}`{hint}; known: {' '.join(OPERATORS)}")
        )
        return None
    spec, operator = FIELDS[str(field)], OPERATORS[str(op)]
    if spec.kind not in operator.kinds:
        problems.append((f"{key}.op", f"`{op}` does not apply to {field} (a {spec.kind} field)"))
        return None
    value = _parse_value(spec.name, spec.kind, operator.value, raw, f"{key}.value", problems)
    if len(problems) > before:
        return None
    return Test(spec.name, operator.name, value)


def _parse_value(
    field: str,
    kind: str,
    shape: str,
    raw: dict[str, Any],
    key: str,
    problems: list[tuple[str, str]],
) -> Any:
    if shape == "none":
        if "value" in raw:
            problems.append((key, "this operator takes no value"))
        return None
    if "value" not in raw or raw["value"] is None:
        problems.append((key, "a value is needed"))
        return None
    given = raw["value"]
    if shape == "list":
        if not isinstance(given, list) or not given:
            problems.append((key, "must be a non-empty list"))
            return None
        items = [_one(field, kind, item, key, problems) for item in given]
        return tuple(items)
    if isinstance(given, list):
        problems.append((key, "must be a single value, not a list"))
        return None
    return _one(field, kind, given, key, problems)


def _one(field: str, kind: str, given: Any, key: str, problems: list[tuple[str, str]]) -> Any:
    if kind == "bool" and not isinstance(given, bool):
        problems.append((key, f"{given!r} must be true or false"))
        return None
    if kind in ("number", "integer") and (
        isinstance(given, bool) or not isinstance(given, int | float)
    ):
        problems.append((key, f"{given!r} must be a number"))
        return None
    try:
        if kind == "set":
            value = next(iter(parse_value(field, [given]) or ()), None)
        else:
            value = parse_value(field, given)
    except AnswerError as err:
        problems.append((key, err.reason))
        return None
    if value is None:  # a blank (or "none") would never match an answer
        problems.append((key, f"{quoted(given)} is blank; give a value"))
    return value
