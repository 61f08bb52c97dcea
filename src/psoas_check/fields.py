"""Field specifications: what the app, the readers and the rules know about each question.

:data:`FIELDS` is built from :class:`~psoas_check.answer_model.Answers` itself, so a
label, a range or an option is written once, in the record. It is importable from
:mod:`psoas_check.answers` as before.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from .answer_model import Answers, Kind

__all__ = ["FIELDS", "KG_FIELD", "KG_MAX", "KG_PER_LB", "FieldSpec"]

KG_PER_LB = 0.45359237
#: The belly weight in kilograms: accepted from files and the form, stored as pounds.
KG_FIELD = "abdominal_excess_kg"
KG_MAX = 136.0


@dataclass(frozen=True)
class FieldSpec:
    """Everything the app, the readers and the rules know about one field."""

    name: str
    kind: Kind
    label: str
    question: str
    help: str
    section: str
    step: str
    options: dict[str, str]
    unit: str | None
    minimum: float | None
    maximum: float | None
    #: The screens or guidance a question follows, by name (None: the page alone).
    evidence: str | None = None


def _specs() -> dict[str, FieldSpec]:
    specs: dict[str, FieldSpec] = {}
    for info in fields(Answers):
        meta = info.metadata
        specs[info.name] = FieldSpec(
            name=info.name,
            kind=meta["kind"],
            label=meta["title"],
            question=meta["question"],
            help=meta["help"],
            section=meta["section"],
            step=meta["step"],
            options=dict(meta["options"]),
            unit=meta["unit"],
            minimum=meta["minimum"],
            maximum=meta["maximum"],
            evidence=meta["evidence"],
        )
    return specs


#: Field name -> specification, in form order.
FIELDS: dict[str, FieldSpec] = _specs()
