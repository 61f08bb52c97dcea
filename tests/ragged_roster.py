"""A roster whose every name holds an unquoted comma, for the ragged-row tests."""

from __future__ import annotations

import random

from psoas_check.options import RED_FLAG_TIER

ROWS = 400
URGENT = sorted(f for f, tier in RED_FLAG_TIER.items() if tier == "urgent")
OTHER = sorted(f for f, tier in RED_FLAG_TIER.items() if tier != "urgent")


def ragged_roster(
    rows: int = ROWS, seed: int = 7, initials: int = 0
) -> tuple[str, dict[int, str]]:
    """A roster whose every name holds an unquoted comma (each row one cell too long).

    The warning-sign column comes before others, so the shift moves a sign into another
    field's column (and the name's second part into the warning signs: each different,
    or one of ``initials`` when given). Returns the CSV and, per data row (1-based), the
    urgent sign written.
    """
    rng = random.Random(seed)  # noqa: S311 (test data, not secrets)
    # Yes/no questions in a row: shifted by one, each answer still reads (as its neighbour's).
    header = ["attendee", "red_flags", "back_fatigue", "knee_discomfort_sitting",
              "balance_difficulty", "arms_overhead_difficulty", "pain_lying_on_back",
              "money_stress"]
    lines = [",".join(header)]
    urgent: dict[int, str] = {}
    for row in range(1, rows + 1):
        signs = []
        if rng.random() < 0.1:
            signs.append(rng.choice(URGENT))
            urgent[row] = signs[0]
        if rng.random() < 0.2:
            signs.append(rng.choice(OTHER))
        initial = row % initials if initials else row
        cells = [f"Smith, J{initial}", "; ".join(signs) or rng.choice(["none", ""]),
                 *(rng.choice(["yes", "no", ""]) for _ in header[2:-1]), rng.choice(["yes", "no"])]
        lines.append(",".join(cells))
    return "\n".join(lines) + "\n", urgent
