"""The source page is linked (never fetched) from the About page."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from psoas_check.rules import default_rules

#: The address the author's site gives its Psoas Muscle Resources page.
URL = "https://www.yoganatomy.com/psoas-muscle-resources/"
#: Sources named in ../shared/spec/evidence.md, or the words that say a habit is ours alone.
EVIDENCE_NAMES = ("WHO 2020", "Baradaran Mahdavi", "Shiri", "Yang and Haldeman",
                  "Our suggestion")


def test_catalogue__source_page__has_the_authors_address() -> None:
    assert default_rules().catalog.page.url == URL


def test_about_page__sources__link_the_page(page_app: Callable[[str], AppTest]) -> None:
    at = page_app("about")
    page = default_rules().catalog.page

    assert not at.exception
    credits = next(m.value for m in at.markdown if m.value.startswith("- The sections to read"))
    assert f"“{page.title}” page ([{URL}]({URL}))." in credits
    assert "never fetches it" in credits


def test_catalogue__habits__name_rules_that_exist() -> None:
    rules = default_rules()
    ids = {rule.id for rule in rules.rules}
    for habit in rules.catalog.habits:
        assert set(habit.rules) <= ids, habit.id
        # Each habit names what backs it, or says it is only our suggestion.
        assert any(name in habit.evidence for name in EVIDENCE_NAMES), habit.id
    assert all(pose.practice for pose in rules.catalog.poses)
