"""Warning-sign advice as data: what to do, and how soon, for each sign of contract section 3.

``rules/warning-signs.yaml`` gives every sign one piece of advice in plain words, how soon
to act (``timing``) and the public guidance it follows (``evidence``). The ids and their
tiers are fixed by the contract (:mod:`psoas_check.options`); this file only words them,
so the loader checks that every sign is there once, that no unknown one is, and that an
urgent sign says to act now. A rules folder without its own file uses the shipped one:
a custom rule set never leaves a warning sign without advice.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .answers import suggest_name
from .errors import RuleProblem
from .options import RED_FLAG_TIER, RED_FLAGS
from .records import STRICT, NonEmpty
from .yamlfile import read_yaml

__all__ = ["SIGNS_FILE", "TIMINGS", "SignAdvice", "Timing", "load_signs"]

SIGNS_FILE = "warning-signs.yaml"
#: The shipped advice, used by any rules folder that has no file of its own.
SHIPPED = Path(__file__).resolve().parents[2] / "rules" / SIGNS_FILE
Timing = Literal["now", "same_day", "soon", "before_practice"]
#: How soon, most pressing first; the results lead with the most pressing sign's timing.
TIMINGS: tuple[Timing, ...] = ("now", "same_day", "soon", "before_practice")


@dataclass(frozen=True)
class SignAdvice:
    """One warning sign's advice: what to do, how soon, and the guidance behind it."""

    # A plain record (see records.py): checked when the file is read, not when cached.
    __pydantic_config__ = STRICT

    id: str
    timing: Timing
    advice: NonEmpty
    evidence: NonEmpty


@dataclass(frozen=True)
class _File:
    __pydantic_config__ = STRICT
    signs: list[SignAdvice]


def load_signs(folder: Path, problems: list[RuleProblem]) -> dict[str, SignAdvice] | None:
    """Every sign's advice in contract order, or None with the reasons added to ``problems``."""
    path = folder / SIGNS_FILE
    if not path.is_file():
        path = SHIPPED
    data = read_yaml(path, problems)
    if data is None:
        if not problems or problems[-1].file != SIGNS_FILE:
            problems.append(RuleProblem(SIGNS_FILE, None, None, "is empty; expected `signs:`"))
        return None
    from .rules_load import checked  # here: rules_load imports this module

    parsed = checked(_File, data, SIGNS_FILE, None, problems)
    if parsed is None:
        return None
    found: dict[str, SignAdvice] = {}
    before = len(problems)
    for index, sign in enumerate(parsed.signs):
        where = f"signs[{index}]"
        if sign.id not in RED_FLAGS:
            hint = suggest_name(sign.id, RED_FLAGS)
            problems.append(RuleProblem(SIGNS_FILE, None, where, f"unknown sign `{sign.id}`{hint}"))
        elif sign.id in found:
            problems.append(RuleProblem(SIGNS_FILE, None, where, f"sign `{sign.id}` appears twice"))
        elif (RED_FLAG_TIER[sign.id] == "urgent") != (sign.timing == "now"):
            need = "`now`" if RED_FLAG_TIER[sign.id] == "urgent" else "not `now`"
            problems.append(
                RuleProblem(
                    SIGNS_FILE, None, f"{where}.timing",
                    f"`{sign.id}` is {RED_FLAG_TIER[sign.id]} in the contract, so its timing "
                    f"must be {need}",
                )
            )
        found.setdefault(sign.id, sign)
    for missing in [flag for flag in RED_FLAGS if flag not in found]:
        problems.append(RuleProblem(SIGNS_FILE, None, "signs", f"sign `{missing}` is missing"))
    if len(problems) > before:
        return None
    return {flag: found[flag] for flag in RED_FLAGS}
