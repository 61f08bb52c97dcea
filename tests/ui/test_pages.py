"""The router and the two reading pages in AppTest."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest
from ui_helpers import REPO_ROOT, TIMEOUT_S, markdown_values

from psoas_check.answers import FIELDS
from psoas_check.messages import NOTICE, STATUS_TEXT
from psoas_check.options import RED_FLAG_TIER
from psoas_check.rules import default_rules
from psoas_check.ui.about import PRIVACY

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


def test_rules_page__red_flags__triage_table_names_every_sign(page_app: PageApp) -> None:
    at = page_app("rules_page")

    table = next(v for v in markdown_values(at) if v.startswith("| Warning sign |"))
    labels = FIELDS["red_flags"].options
    for flag, tier in RED_FLAG_TIER.items():
        assert f"| {labels[flag]} | {STATUS_TEXT[tier][0]} |" in table.splitlines()


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
