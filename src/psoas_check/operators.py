"""The operator table: how each rule test is evaluated and how it says itself in English.

Built-in operators go through the same :func:`register` an extension would use. Nothing
here evaluates text: a test names a field, an operator from this table, and a value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from .answers import FieldSpec, format_value

__all__ = ["OPERATORS", "Operator", "register"]

ValueShape = Literal["none", "one", "list"]
ORDERED = frozenset({"number", "integer"})
SCALAR = frozenset({"number", "integer", "choice", "bool", "text"})
SETS = frozenset({"set"})


@dataclass(frozen=True)
class Operator:
    """One operator: which fields it applies to, what value it takes, how it tests and speaks."""

    name: str
    kinds: frozenset[str]
    value: ValueShape
    test: Callable[[Any, Any], bool]
    phrase: Callable[[FieldSpec, Any], str]
    #: The result when the field is blank: None ("unknown") for every operator but
    #: ``answered``, so that a blank never makes a rule fire.
    blank: bool | None = None

    def evaluate(self, actual: Any, value: Any) -> bool | None:
        """True, False, or None when the field was not answered."""
        if actual is None:
            return self.blank
        return self.test(actual, value)

    def render(self, spec: FieldSpec, value: Any) -> str:
        """The test as a plain-English clause, e.g. "hours sitting is 6 hours or more"."""
        return self.phrase(spec, value)


OPERATORS: dict[str, Operator] = {}


def register(operator: Operator) -> Operator:
    """Add an operator to the table (built-ins use this too)."""
    OPERATORS[operator.name] = operator
    return operator


def _shown(spec: FieldSpec, value: Any) -> str:
    return format_value(spec.name, value)


def _either(spec: FieldSpec, values: list[Any]) -> str:
    words = [format_value(spec.name, v if spec.kind != "set" else frozenset({v})) for v in values]
    if spec.kind in ("choice", "set", "text"):
        words = [f"“{word}”" for word in words]
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " or " + words[-1]


def _label(spec: FieldSpec) -> str:
    return f"“{spec.label}”"


def _equals_phrase(spec: FieldSpec, value: Any) -> str:
    if spec.kind == "bool":
        return f"{_label(spec)} is answered {_shown(spec, value)}"
    return f"{_label(spec)} is {_shown(spec, value)}"


register(Operator("==", SCALAR, "one", lambda a, v: bool(a == v), _equals_phrase))
register(
    Operator(
        "!=",
        SCALAR,
        "one",
        lambda a, v: bool(a != v),
        lambda s, v: f"{_label(s)} is answered, and not {_shown(s, v)}",
    )
)
register(
    Operator(
        ">=",
        ORDERED,
        "one",
        lambda a, v: bool(a >= v),
        lambda s, v: f"{_label(s)} is {_shown(s, v)} or more",
    )
)
register(
    Operator(
        ">",
        ORDERED,
        "one",
        lambda a, v: bool(a > v),
        lambda s, v: f"{_label(s)} is more than {_shown(s, v)}",
    )
)
register(
    Operator(
        "<=",
        ORDERED,
        "one",
        lambda a, v: bool(a <= v),
        lambda s, v: f"{_label(s)} is {_shown(s, v)} or less",
    )
)
register(
    Operator(
        "<",
        ORDERED,
        "one",
        lambda a, v: bool(a < v),
        lambda s, v: f"{_label(s)} is less than {_shown(s, v)}",
    )
)
register(
    Operator(
        "in", SCALAR, "list", lambda a, v: a in v, lambda s, v: f"{_label(s)} is {_either(s, v)}"
    )
)
register(
    Operator(
        "contains",
        SETS,
        "one",
        lambda a, v: v in a,
        lambda s, v: f"{_label(s)} includes {_either(s, [v])}",
    )
)
register(
    Operator(
        "contains_any",
        SETS,
        "list",
        lambda a, v: bool(set(a) & set(v)),
        lambda s, v: f"{_label(s)} includes {_either(s, v)}",
    )
)
register(
    Operator(
        "lacks",
        SETS,
        "one",
        lambda a, v: v not in a,
        lambda s, v: f"{_label(s)} is answered without {_either(s, [v])}",
    )
)
register(
    Operator(
        "answered",
        SCALAR | SETS,
        "none",
        lambda a, v: True,
        lambda s, v: f"{_label(s)} is answered",
        blank=False,
    )
)
