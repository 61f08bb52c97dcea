"""The router and the two reading pages in AppTest."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest
from ui_helpers import REPO_ROOT, TIMEOUT_S, markdown_values

from psoas_check.answers import FIELDS
from psoas_check.assess import STATUSES
from psoas_check.messages import NOTICE, PREGNANCY_TEXT, STATUS_TEXT
from psoas_check.options import RED_FLAG_GROUP, RED_FLAG_GROUPS, RED_FLAGS
from psoas_check.rules import default_rules
from psoas_check.ui.about import ORDER, PRIVACY
from psoas_check.ui.form import STEPS
from psoas_check.ui.rules_page import TIMING_WORDS, says

PageApp = Callable[[str], AppTest]


def test_router__first_visit__self_check_is_the_default_page() -> None:
    at = AppTest.from_file(REPO_ROOT / "streamlit_app.py", default_timeout=TIMEOUT_S).run()

    assert not at.exception
    assert at.title[0].value == "Psoas self-check"


def test_rules_page__shipped_rules__every_rule_listed(page_app: PageApp) -> None:
    at = page_app("rules_page")
    ruleset = default_rules()

    assert not at.exception
    text = markdown_values(at)
    assert f"**{len(ruleset.rules)} rules** in {len(ruleset.by_factor())} groups." in text
    cards = [v.removeprefix("### ") for v in text if v.startswith("### ")]
    assert cards == [rule.title for rules in ruleset.by_factor().values() for rule in rules]
    assert [h.value for h in at.header][1:] == list(ruleset.by_factor())
    for rule in ruleset.rules:
        assert f"**When** {rule.sentence()}:" in "\n".join(text)


def test_rules_page__warning_signs__first_and_every_sign_with_advice_and_evidence(
    page_app: PageApp,
) -> None:
    at = page_app("rules_page")
    signs = default_rules().signs

    assert not at.exception
    assert at.header[0].value == "Warning signs come first"
    assert [s.value for s in at.subheader] == list(RED_FLAG_GROUPS.values())
    text = markdown_values(at)
    captions = [c.value for c in at.caption]
    grouped = [f for group in RED_FLAG_GROUPS for f in RED_FLAGS if RED_FLAG_GROUP[f] == group]
    cards = [v for v in text if v.startswith("**") and "The results say:" in v]
    assert [card.split("**")[1] for card in cards] == [RED_FLAGS[f] for f in grouped]
    for flag, card in zip(grouped, cards, strict=True):
        sign = signs[flag]
        assert f"The results say: *{says(flag)}*. How soon: {TIMING_WORDS[sign.timing]}." in card
        assert card.endswith(sign.advice.strip())
        assert f"Evidence: {sign.evidence.strip()}" in captions
    assert says("bladder_bowel") == STATUS_TEXT["urgent"][0]
    assert says("night_pain") == STATUS_TEXT["see_clinician"][0]
    assert says("pregnancy") == PREGNANCY_TEXT[0]


def test_rules_page__statuses__listed_in_the_contract_order(page_app: PageApp) -> None:
    at = page_app("rules_page")

    listed = next(v for v in markdown_values(at) if v.startswith("1. "))
    assert [line.split("(`")[1].split("`)")[0] for line in listed.splitlines()] == list(STATUSES)
    assert "**Poses come after the warning-sign questions** (`incomplete`)" in listed


def test_form_and_rules_page__warning_signs__first_in_both() -> None:
    assert STEPS[0] == "warning"
    assert FIELDS["red_flags"].step == "warning"


def test_about_page__opened__notice_credits_and_privacy(page_app: PageApp) -> None:
    at = page_app("about")
    page = default_rules().catalog.page

    assert not at.exception
    assert at.info[0].value == NOTICE
    text = "\n".join(markdown_values(at))
    assert f"**{page.author}**" in text
    assert f"**{page.article_author}**" in text
    for book in page.books:
        assert f"- {book}" in text
    assert PRIVACY in text
    assert "PAR-Q+" in text
    assert ORDER in text
    assert [line.split("`")[1] for line in text.splitlines() if line.startswith("- `")] == list(
        STATUSES
    )
