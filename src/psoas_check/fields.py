"""Field specifications: what the app, the readers and the rules know about each question.

:data:`FIELDS` is built from :class:`~psoas_check.answer_model.Answers` itself, so a
label, a range or an option is written once, in the model. It is importable from
:mod:`psoas_check.answers` as before.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    for name, info in Answers.model_fields.items():
        extra = info.json_schema_extra
        assert isinstance(extra, dict)
        minimum = maximum = None
        for constraint in info.metadata:
            minimum = getattr(constraint, "ge", minimum)
            maximum = getattr(constraint, "le", maximum)
        specs[name] = FieldSpec(
            name=name,
            kind=extra["kind"],  # type: ignore[arg-type]
            label=info.title or name,
            question=str(extra["question"]),
            help=info.description or "",
            section=str(extra["section"]),
            step=str(extra["step"]),
            options=dict(extra["options"]),  # type: ignore[arg-type]
            unit=extra["unit"],  # type: ignore[arg-type]
            minimum=minimum,
            maximum=maximum,
            evidence=extra.get("evidence"),  # type: ignore[arg-type]
        )
    return specs


#: Field name -> specification, in form order.
FIELDS: dict[str, FieldSpec] = _specs()
