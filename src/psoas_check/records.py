"""Plain records for the rules, the catalogue and the results, checked by pydantic at load.

Every record is a frozen standard-library dataclass: defining one needs nothing beyond the
standard library, so the command line and the app's first page never import pydantic's
model machinery (``assess`` used to spend more time importing it than assessing).

The rule and catalogue files are still validated strictly when they are read
(:mod:`psoas_check.rules_load`): pydantic validates a dataclass as it would a model,
honouring ``__pydantic_config__`` and the :class:`Check` constraints written in the
annotations, and its errors say which key is wrong and why. The rules cache
(:mod:`psoas_check.rules_cache`) and :func:`psoas_check.assess.assess` build records from
values checked already, so nothing is validated twice.

Example::

    >>>     >>> @dataclass(frozen=True)
    ... class Pointer:
    ...     __pydantic_config__ = STRICT
    ...     id: str
    ...     reason: NonEmpty
    >>> validate(Pointer, {"id": "intro", "reason": ""})  # raises pydantic's ValidationError
"""

from __future__ import annotations

import dataclasses
import functools
import typing
from collections.abc import Callable, Mapping
from typing import Annotated, Any, TypeVar

__all__ = [
    "ID", "STRICT", "Check", "NonEmpty", "build", "field_names", "field_types", "to_json",
    "validate",
]

Record = TypeVar("Record")


class Check:
    """Constraints pydantic applies to an annotated value when it validates a file.

    ``Check(min_length=1)`` or ``Check(pattern=...)``: the keys of pydantic-core's own
    string schema, so the messages are pydantic's ("String should have at least 1
    character"). Defining one imports nothing; pydantic calls the hook below only while
    validating (the documented ``__get_pydantic_core_schema__`` protocol).
    """

    def __init__(self, **checks: Any) -> None:
        self.checks = checks

    def __repr__(self) -> str:
        return f"Check({', '.join(f'{k}={v!r}' for k, v in self.checks.items())})"

    def __get_pydantic_core_schema__(
        self, source: Any, handler: Callable[[Any], dict[str, Any]]
    ) -> dict[str, Any]:
        return {**handler(source), **self.checks}


#: Unknown keys are refused: a misspelt key in a rule file is an error, never ignored.
STRICT: Mapping[str, Any] = {"extra": "forbid"}
#: Text that must say something.
NonEmpty = Annotated[str, Check(min_length=1)]
#: An id: lower-case letters and digits joined by single hyphens (`long-sitting`).
ID = Annotated[str, Check(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


def validate(record: type[Record], data: Any) -> Record:
    """``data`` checked and read into ``record``; raises pydantic's ``ValidationError``."""
    adapter: Any = _adapter(record)  # type: ignore[arg-type]  # classes are hashable
    return adapter.validate_python(data)  # type: ignore[no-any-return]


@functools.cache
def _adapter(record: Any) -> Any:
    from pydantic import TypeAdapter  # only when a file is validated: see the module docs

    return TypeAdapter(record)


def build(record: type[Record], data: Mapping[str, Any]) -> Record:
    """``record`` rebuilt from :func:`to_json`'s output, nested records included, unchecked."""
    kind: Any = record  # a class is hashable: it keys the caches below
    hints = field_types(kind)
    return record(**{name: _value(hints[name], data[name]) for name in field_names(kind)})


@functools.cache
def field_types(record: Any) -> dict[str, Any]:
    """Each field's type (annotations resolved once per record class)."""
    return typing.get_type_hints(record)


@functools.cache
def field_names(record: Any) -> tuple[str, ...]:
    """The fields a file or :func:`to_json` gives, in order (not those set after init)."""
    return tuple(f.name for f in dataclasses.fields(record) if f.init)


def _value(hint: Any, raw: Any) -> Any:
    if dataclasses.is_dataclass(hint):
        return build(hint, raw)  # type: ignore[arg-type]
    if typing.get_origin(hint) is list:
        (item,) = typing.get_args(hint)
        return [_value(item, entry) for entry in raw]
    return raw  # text, numbers, literals and mappings are stored as they are


def to_json(value: Any) -> Any:
    """A record (or a list of them, or a plain value) as JSON values, fields in order.

    Records hold only text, numbers, yes/no, None, lists, mappings and other records; the
    fields created outside ``__init__`` (a rule's parsed condition) are left out.
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: to_json(getattr(value, name)) for name in field_names(type(value))}
    if isinstance(value, list):
        return [to_json(item) for item in value]
    return value
