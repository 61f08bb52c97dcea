"""warning-signs.yaml validated at load: every problem named by file, key and fix."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from psoas_check.options import RED_FLAGS
from psoas_check.rules import check_rules
from psoas_check.signs import SHIPPED

WriteRules = Callable[[str, str], Path]
SHIPPED_SIGNS = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))["signs"]


@pytest.fixture
def problems(write_rules: WriteRules, balance_rules: str) -> Callable[..., list[str]]:
    """Every problem ``check_rules`` finds in a folder with these signs (none: it loads)."""

    def check(signs: list[dict[str, object]]) -> list[str]:
        write_rules("warning-signs.yaml", yaml.safe_dump({"signs": signs}, sort_keys=False))
        ruleset, found = check_rules(write_rules("a.yaml", balance_rules).parent)
        assert (ruleset is None) == bool(found)
        return [str(problem) for problem in found]

    return check


def edited(index: int, **changes: object) -> list[dict[str, object]]:
    signs = [dict(sign) for sign in SHIPPED_SIGNS]
    signs[index].update(changes)
    return [{k: v for k, v in sign.items() if v is not None} for sign in signs]


def test_signs__shipped_file_copied__loads_every_sign_in_contract_order(
    problems: Callable[..., list[str]], rules_dir: Path
) -> None:
    assert problems(SHIPPED_SIGNS) == []
    ruleset, _ = check_rules(rules_dir)
    assert ruleset is not None
    assert list(ruleset.signs) == list(RED_FLAGS)


@pytest.mark.parametrize(
    ("signs", "expected"),
    [
        (
            edited(0, advice=None, advise="Go now."),
            [
                "warning-signs.yaml, signs[0].advice: is required",
                "warning-signs.yaml, signs[0].advise: unknown key (did you mean `advice`?)",
            ],
        ),
        (
            edited(1, advice=""),
            ["warning-signs.yaml, signs[1].advice: String should have at least 1 character"],
        ),
        (
            edited(0, timing="later"),
            [
                "warning-signs.yaml, signs[0].timing: Input should be 'now', 'same_day', "
                "'soon' or 'before_practice'"
            ],
        ),
        (
            edited(0, timing="soon"),
            [
                "warning-signs.yaml, signs[0].timing: `bladder_bowel` is urgent in the "
                "contract, so its timing must be `now`"
            ],
        ),
        (
            edited(0, id="bladder_bowels"),
            [
                "warning-signs.yaml, signs[0]: unknown sign `bladder_bowels` "
                "(did you mean `bladder_bowel`?)",
                "warning-signs.yaml, signs: sign `bladder_bowel` is missing",
            ],
        ),
        (
            [*SHIPPED_SIGNS, dict(SHIPPED_SIGNS[0])],
            [
                f"warning-signs.yaml, signs[{len(SHIPPED_SIGNS)}]: sign `bladder_bowel` "
                "appears twice"
            ],
        ),
    ],
    ids=["misspelt-key", "empty-advice", "unknown-timing", "urgent-not-now", "unknown-id",
         "twice"],
)
def test_signs__broken_file__every_problem_named_and_the_folder_refused(
    problems: Callable[..., list[str]], signs: list[dict[str, object]], expected: list[str]
) -> None:
    assert problems(signs) == expected
