"""The attendee's side of a live workshop in AppTest: the link, the code, consent, send,
update, withdraw; what the store holds is read back with the teacher's key."""

from __future__ import annotations

from datetime import UTC

import pytest
from sqlalchemy.exc import OperationalError
from streamlit.testing.v1 import AppTest
from ui_helpers import answer, see_results
from workshop_helpers import attendee, clock, store_fixture, texts  # noqa: F401 - fixture

from psoas_check.answers import parse_answers
from psoas_check.assess import assess
from psoas_check.intake import Created, Intake
from psoas_check.report import summary_document
from psoas_check.rules import default_rules
from psoas_check.ui.safe import plain
from psoas_check.ui.workshop_common import UNREACHABLE
from psoas_check.ui.workshop_join import ENTRY_OPEN
from psoas_check.ui.workshop_send import CONSENT, NAME, NO_CONSENT, consent_label, send_label

TITLE = "Tuesday hips"


@pytest.fixture
def made(store: Intake) -> Created:
    return store.create(TITLE, days=10)


def deleted_on(made: Created) -> str:
    expires = made.workshop.expires.astimezone(UTC)
    return f"{expires.day} {expires:%B %Y}"


def held(store: Intake, made: Created) -> list[dict[str, object]]:
    """What the workshop holds, as its teacher reads it."""
    return [s.document for s in store.unlock(made.workshop.code, made.key).submissions()]


def results_with(at: AppTest, **answers: object) -> None:
    for field, value in answers.items():
        answer(at, field, value)
    see_results(at)


def banners(at: AppTest) -> list[str]:
    return [text for text in texts(at, "info") if text.startswith("**Workshop:")]


def send_button(at: AppTest):  # type: ignore[no-untyped-def]
    return at.button(key="workshop_send")


def test_link__known_code__banner_with_title_reader_and_deletion_day(
    store: Intake, made: Created
) -> None:
    at = attendee(made.workshop.code.lower())

    assert not at.exception
    [banner] = banners(at)
    assert banner.startswith(f"**Workshop: {plain(TITLE)}.**")
    assert "only the teacher who holds this workshop's key can read them" in banner
    assert f"deleted on {deleted_on(made)}" in banner
    assert "Nothing is sent unless you press Send" in banner
    assert not [t for t in at.text_input if t.label == "Workshop code"]


def test_link__unknown_code__one_sentence_and_the_check_works_alone(store: Intake) -> None:
    at = attendee("ZZZZ9999")

    assert texts(at, "warning") == [plain(
        "No open workshop has the code ZZZZ9999; check the code with your teacher.")
        + " The self-check works on its own."]
    results_with(at, red_flags=[])

    assert not at.exception
    assert "Your results" in [h.value for h in at.header]
    assert not [b for b in at.button if b.key == "workshop_send"]


def test_link__ended_workshop__purged_and_says_so(store: Intake) -> None:
    made = store.create(TITLE, days=1)
    clock(store).advance(days=1, seconds=1)
    at = attendee(made.workshop.code)

    # An ended workshop is deleted (not hidden) as the app runs: its code is unknown now.
    assert texts(at, "warning") == [plain(
        f"No open workshop has the code {made.workshop.code}; check the code with your "
        "teacher.") + " The self-check works on its own."]
    assert not banners(at)


def test_typed_code__first_page__joins_and_puts_it_in_the_address(
    store: Intake, made: Created
) -> None:
    at = attendee()
    at.session_state[ENTRY_OPEN] = True  # the person opens "Joining a workshop?"
    at.run()
    at.text_input(key="workshop_typed").set_value(f" {made.workshop.code[:4]}-"
                                                  f"{made.workshop.code[4:]} ")
    at.button(key="FormSubmitter:workshop_join_form-Join workshop").click().run()

    assert banners(at)[0].startswith(f"**Workshop: {plain(TITLE)}.**")
    assert at.query_params["workshop"] == made.workshop.code

    at.button(key="workshop_leave").click().run()

    assert not banners(at)
    assert "workshop" not in at.query_params


def test_typed_code__guessing__that_browser_waits_and_the_check_works_alone(
    store: Intake, made: Created
) -> None:
    at = attendee()
    at.session_state[ENTRY_OPEN] = True
    at.run()
    for guess in range(11):  # ten misses, then even the right code waits
        code = f"{guess:08d}" if guess < 10 else made.workshop.code
        at.text_input(key="workshop_typed").set_value(code)
        at.button(key="FormSubmitter:workshop_join_form-Join workshop").click().run()

    assert not at.exception
    assert not banners(at)
    assert texts(at, "warning")[0] == plain(
        "Too many codes or keys that did not match were tried from this browser; wait 10 "
        "minutes and try again.") + " The self-check works on its own."
    assert banners(attendee(made.workshop.code))  # a phone that did not guess joins


def test_send__without_consent__nothing_sent(store: Intake, made: Created) -> None:
    at = attendee(made.workshop.code)
    results_with(at, red_flags=[])

    assert send_button(at).label == send_label(TITLE)
    assert at.checkbox(key=CONSENT).label == consent_label(TITLE)
    assert at.checkbox(key=CONSENT).value is False

    send_button(at).click().run()

    assert texts(at, "error") == [plain(NO_CONSENT)]
    assert held(store, made) == []


def test_send_update_withdraw__store_follows_each_step(store: Intake, made: Created) -> None:
    at = attendee(made.workshop.code)
    results_with(at, red_flags=[], sitting_hours=9)
    at.text_input(key=NAME).set_value("Ana")
    at.checkbox(key=CONSENT).check()
    send_button(at).click().run()

    assert any(t.startswith(plain(f"Sent to {TITLE} at ")) for t in texts(at, "success"))
    parsed = parse_answers({"red_flags": [], "sitting_hours": 9})
    expected = summary_document(parsed.answers, assess(parsed.answers, default_rules()))
    expected["answers"]["attendee"] = "Ana"
    assert held(store, made) == [expected]  # the JSON the download holds, with the name given

    at.button(key="psoas_change").click().run()
    answer(at, "sitting_hours", 3)
    see_results(at)

    assert any("changed since you sent them" in text for text in texts(at, "info"))

    at.button(key="workshop_update").click().run()  # within the rate limit's five seconds

    assert texts(at, "error") == [plain("Please wait 5 seconds between sends, then try again.")]
    assert held(store, made)[0]["answers"]["sitting_hours"] == 9

    clock(store).advance(seconds=6)
    at.button(key="workshop_update").click().run()

    assert plain(f"Updated: {TITLE} now has your current answers.") in texts(at, "success")
    documents = held(store, made)
    assert len(documents) == 1
    assert documents[0]["answers"]["sitting_hours"] == 3
    assert documents[0]["answers"]["attendee"] == "Ana"

    at.button(key="workshop_withdraw").click().run()

    assert plain(f"Withdrawn: your answers are deleted from {TITLE}.") in texts(at, "success")
    assert held(store, made) == []
    assert at.checkbox(key=CONSENT).value is False  # sending again asks again


def in_page_order(node: object) -> list[object]:
    """Every element and block under ``node``, depth first, as the page shows them."""
    children = getattr(node, "children", {})
    found = [node]
    for index in sorted(children):
        found += in_page_order(children[index])
    return found


def test_send__urgent_result__allowed_after_the_instruction(store: Intake, made: Created) -> None:
    at = attendee(made.workshop.code)
    results_with(at, red_flags=["saddle_numbness"])
    page = in_page_order(at.main)
    urgent = next(i for i, e in enumerate(page) if type(e).__name__ == "Error")
    panel = next(i for i, e in enumerate(page) if type(e).__name__ == "Expander"
                 and str(getattr(e, "label", "")).startswith(send_label(TITLE)))
    downloads = [i for i, e in enumerate(page) if type(e).__name__ == "DownloadButton"]

    assert urgent < min(downloads) < panel  # the instruction and the downloads come first
    assert send_label(TITLE) not in [h.value for h in at.subheader]  # no heading: it is quiet

    at.checkbox(key=CONSENT).check()
    send_button(at).click().run()

    assert held(store, made)[0]["assessment"]["status"] == "urgent"


def test_joined_workshop_deleted__results_say_so_and_no_send_panel(
    store: Intake, made: Created
) -> None:
    at = attendee(made.workshop.code)
    store.delete(made.workshop.code, made.key)
    results_with(at, red_flags=[])

    assert not at.exception
    assert any("No open workshop has the code" in w for w in texts(at, "warning"))
    assert not [b for b in at.button if b.key == "workshop_send"]


def test_no_workshop__results__no_panel_and_downloads_as_before(store: Intake) -> None:
    at = attendee()
    results_with(at, red_flags=[])

    assert not [b for b in at.button if b.key == "workshop_send"]
    assert [b.label for b in at.get("download_button")][:3] == [
        "PDF", "Markdown", "JSON (to load again later)"]


def test_send__database_broken__one_sentence_and_results_stay(
    store: Intake, made: Created, caplog: pytest.LogCaptureFixture
) -> None:
    at = attendee(made.workshop.code)
    results_with(at, red_flags=[])
    with store.engine.begin() as connection:  # the store fails underneath, as an outage would
        connection.exec_driver_sql("DROP TABLE submissions")
    at.checkbox(key=CONSENT).check()
    send_button(at).click().run()

    assert not at.exception
    assert texts(at, "error") == [plain(UNREACHABLE)]
    assert "Your results" in [h.value for h in at.header]
    assert "workshop store call failed" in caplog.text  # the detail is in the server log


def test_withdraw__store_unreachable__token_kept_and_withdraw_works_later(
    store: Intake, made: Created, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = attendee(made.workshop.code)
    results_with(at, red_flags=[])
    at.checkbox(key=CONSENT).check()
    send_button(at).click().run()
    assert len(held(store, made)) == 1

    def outage(code: str, token: str) -> None:
        raise OperationalError("DELETE", {}, ConnectionError("server closed the connection"))

    monkeypatch.setattr(store, "withdraw", outage)
    at.button(key="workshop_withdraw").click().run()

    assert texts(at, "error") == [plain(UNREACHABLE)]
    assert len(held(store, made)) == 1  # still there, so the way to withdraw must stay
    monkeypatch.delattr(store, "withdraw")  # the server is back
    at.button(key="workshop_withdraw").click().run()

    assert plain(f"Withdrawn: your answers are deleted from {TITLE}.") in texts(at, "success")
    assert held(store, made) == []
