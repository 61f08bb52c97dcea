"""The search that decides whether a cell may name a warning sign (roster_rows).

Every column not read as the warning signs is searched with it, so a miss here would let
a sign typed in the wrong column go unread. The pattern is built as a tree of shared
beginnings for speed; it must find exactly what the plain list of ids and labels finds.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from psoas_check.options import RED_FLAGS
from psoas_check.readers import plan_columns, read_bytes
from psoas_check.roster_rows import _sign_words, stray_signs

PLAIN = re.compile("|".join(
    [re.escape(option).replace("_", "[ _-]?") for option in RED_FLAGS]
    + [re.escape(label.lower()) for label in RED_FLAGS.values()]))
PIECES = sorted({w for o in RED_FLAGS for w in o.split("_")}
                | {w for label in RED_FLAGS.values() for w in label.lower().split()})


def test_sign_words__every_id_and_label__found_inside_other_text() -> None:
    for option, label in RED_FLAGS.items():
        for text in (option, option.replace("_", " "), option.replace("_", "-"),
                     option.replace("_", ""), label.lower()):
            assert _sign_words().search(f"name: {text}, later") is not None, text


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.sampled_from([" ", "_", "-", ", ", "x"])),
                max_size=12).map("".join))
def test_sign_words__text_made_of_sign_words__found_exactly_where_the_plain_list_finds(
    text: str,
) -> None:
    assert (_sign_words().search(text) is None) == (PLAIN.search(text) is None)


def test_stray_signs__sign_in_the_name_column_of_a_long_roster__row_reported() -> None:
    rows = [f"Attendee {i:05d},none" for i in range(3000)]
    rows[2071] = "Chest pain,none"
    sheet = read_bytes("class.csv", ("attendee,red_flags\n" + "\n".join(rows)).encode())

    found = stray_signs(sheet, plan_columns(sheet, None).fields)

    assert list(found) == [2071]
