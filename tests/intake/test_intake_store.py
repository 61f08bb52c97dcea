"""The intake store on SQLite and on a real PostgreSQL server: every test runs on both."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import nacl.pwhash
import pytest
from intake_helpers import Clock, answers
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from psoas_check.intake import Intake, IntakeError, Limits, sealing
from psoas_check.intake.models import SubmissionRow, WorkshopRow

MakeIntake = Callable[..., Intake]


def rows(intake: Intake) -> tuple[int, int]:
    """How many workshop and submission rows the database really holds."""
    with intake.reading() as session:
        workshops = session.scalar(select(func.count()).select_from(WorkshopRow))
        submissions = session.scalar(select(func.count()).select_from(SubmissionRow))
    return int(workshops or 0), int(submissions or 0)


def names(intake: Intake, code: str, key: str) -> list[str]:
    return [s.document["answers"]["attendee"] for s in intake.unlock(code, key).submissions()]


def test_create_then_find__code_any_case_with_spaces_or_dashes__same_workshop(
    make_intake: MakeIntake, clock: Clock
) -> None:
    intake = make_intake(clock=clock)
    made = intake.create("  Saturday   hips ", days=7)
    code = made.workshop.code
    typed = f" {code[:4].lower()}-{code[4:].lower()} "
    found = intake.find(typed)
    assert (found.code, found.title, found.submissions, found.link) == (
        code, "Saturday hips", 0, f"/?workshop={code}")
    assert (found.created, found.expires.isoformat()) == (clock.now, "2030-05-08T09:00:00+00:00")


def test_submit_update_withdraw__teacher_reads__arrival_order_and_latest_answers(
    make_intake: MakeIntake, clock: Clock
) -> None:
    intake = make_intake(clock=clock)
    made = intake.create("Evening class")
    code, key = made.workshop.code, made.key
    sent_at = clock.now
    first = intake.submit(code, answers("Ana", sitting_hours=9))
    clock.advance(seconds=30)
    intake.submit(code.lower(), answers("Ben"))
    clock.advance(seconds=30)
    third = intake.submit(code, answers("Chloé"))
    clock.advance(seconds=30)
    intake.update(code, first, answers("Ana", sitting_hours=3, red_flags=["night_pain"]))
    intake.withdraw(code, third)
    subs = intake.unlock(code, key).submissions()
    assert [s.document["answers"]["attendee"] for s in subs] == ["Ana", "Ben"]
    assert subs[0].document["answers"]["sitting_hours"] == 3
    # An update keeps the first arrival time (and so its place), and records its own.
    assert (subs[0].submitted_at, subs[0].updated_at) == (sent_at, clock.now)
    assert intake.find(code).submissions == 2
    with pytest.raises(IntakeError, match="withdrawn or deleted"):
        intake.withdraw(code, third)
    with pytest.raises(IntakeError, match="withdrawn or deleted"):
        intake.update(code, "not-a-token", answers("Eve"))


def test_unlock__screen__roster_records_in_arrival_order_with_names(
    make_intake: MakeIntake,
) -> None:
    intake = make_intake()
    made = intake.create("Screened class")
    code = made.workshop.code
    intake.submit(code, answers("Dev", red_flags=["saddle_numbness"]))
    intake.submit(code, {"attendee": "Ana"})  # a bare object: warning signs never asked
    result = intake.unlock(code, made.key).screen()
    assert [(r.row, r.attendee, r.status) for r in result.records] == [
        (1, "Dev", "urgent"), (2, "Ana", "incomplete")]
    answers_of_dev, assessment = result.person(0)
    assert (answers_of_dev.attendee, assessment.status) == ("Dev", "urgent")


def test_unlock__wrong_key__refused_in_one_sentence(make_intake: MakeIntake) -> None:
    intake = make_intake()
    made = intake.create("Locked")
    wrong = "AAAA-" + made.key[5:]
    with pytest.raises(IntakeError) as err:
        intake.unlock(made.workshop.code, wrong)
    assert str(err.value) == (f"That key does not open workshop {made.workshop.code}; check it "
                              "and try again.")
    # The key is read in any case, with or without its dashes.
    unlocked = intake.unlock(made.workshop.code, made.key.lower().replace("-", " "))
    assert unlocked.workshop.code == made.workshop.code


def test_unknown_code__refused_without_echoing_odd_input(make_intake: MakeIntake) -> None:
    intake = make_intake()
    with pytest.raises(IntakeError, match=r"^No open workshop has the code ZZZZ2222; "):
        intake.find("zzzz-2222")
    with pytest.raises(IntakeError, match=r"^No open workshop has the code that code; "):
        intake.submit("<script>", answers("Ana"))


def test_expiry__injected_clock__ended_then_purged_rows_really_deleted(
    make_intake: MakeIntake, clock: Clock
) -> None:
    intake = make_intake(clock=clock)
    short = intake.create("One day", days=1)
    long = intake.create("Two weeks", days=14)
    intake.submit(short.workshop.code, answers("Ana"))
    intake.submit(long.workshop.code, answers("Ben"))
    clock.advance(days=1)  # exactly at expiry: closed, not yet "before" the purge time
    with pytest.raises(IntakeError, match="has ended and no longer takes answers"):
        intake.submit(short.workshop.code, answers("Late"))
    with pytest.raises(IntakeError, match="has ended"):
        intake.unlock(short.workshop.code, short.key)
    clock.advance(minutes=2)  # the next call purges (at most once a minute)
    with pytest.raises(IntakeError, match="No open workshop"):
        intake.find(short.workshop.code)
    assert rows(intake) == (1, 1)
    assert names(intake, long.workshop.code, long.key) == ["Ben"]


def test_purge__as_of__counts_and_deletes_only_the_expired(
    make_intake: MakeIntake, clock: Clock
) -> None:
    intake = make_intake(clock=clock)
    for days in (1, 2, 30):
        made = intake.create(f"{days} days", days=days)
        intake.submit(made.workshop.code, answers("Ana"))
    assert intake.purge(clock.now.replace(day=4)) == 2
    assert rows(intake) == (1, 1)
    assert intake.purge(clock.now.replace(day=4)) == 0


def test_start__purges_what_expired_while_no_server_ran(
    make_intake: MakeIntake, clock: Clock
) -> None:
    first = make_intake(clock=clock)
    made = first.create("Old", days=1)
    first.submit(made.workshop.code, answers("Ana"))
    first.close()
    clock.advance(days=3)
    second = make_intake(clock=clock)
    assert rows(second) == (0, 0)


def test_teacher_delete__workshop_and_answers_gone(make_intake: MakeIntake) -> None:
    intake = make_intake()
    made = intake.create("Short lived")
    intake.submit(made.workshop.code, answers("Ana"))
    other = intake.create("Stays")
    intake.submit(other.workshop.code, answers("Ben"))
    with pytest.raises(IntakeError, match="does not open"):
        intake.delete(made.workshop.code, other.key)
    intake.delete(made.workshop.code, made.key)
    assert rows(intake) == (1, 1)
    with pytest.raises(IntakeError, match="No open workshop"):
        intake.find(made.workshop.code)


def test_limits__full_workshop__refused_but_update_and_withdraw_still_work(
    make_intake: MakeIntake,
) -> None:
    assert Limits().max_submissions == 500
    intake = make_intake(limits=Limits(max_submissions=3))
    made = intake.create("Small room")
    code = made.workshop.code
    tokens = [intake.submit(code, answers(f"P{i}")) for i in range(3)]
    with pytest.raises(IntakeError) as err:
        intake.submit(code, answers("Fourth"))
    assert str(err.value) == f"Workshop {code} is full: it already holds 3 answers."
    intake.update(code, tokens[0], answers("P0 again"))
    intake.withdraw(code, tokens[1])
    intake.submit(code, answers("Fourth"))
    assert names(intake, code, made.key) == ["P0 again", "P2", "Fourth"]


def test_limits__open_workshops_days_title_and_payload__each_one_sentence(
    make_intake: MakeIntake, clock: Clock
) -> None:
    intake = make_intake(limits=Limits(max_open_workshops=2, max_payload_bytes=300), clock=clock)
    intake.create("A", days=1)
    second = intake.create("B")
    with pytest.raises(IntakeError, match="as many open workshops as it allows"):
        intake.create("C")
    clock.advance(days=2)  # the first has ended, so there is room again
    intake.create("C")
    with pytest.raises(IntakeError, match=r"^Keep the answers for 1 to 365 days\.$"):
        intake.create("D", days=366)
    with pytest.raises(IntakeError, match=r"^Give the workshop a title in plain text\.$"):
        intake.create("   ")
    with pytest.raises(IntakeError, match=r"too large to send \(\d+ bytes; at most 300\)\.$"):
        intake.submit(second.workshop.code, answers("x" * 400))
    assert intake.find(second.workshop.code).submissions == 0


def test_rate_limit__per_sender__refused_until_the_wait_is_over(
    make_intake: MakeIntake, clock: Clock
) -> None:
    intake = make_intake(limits=Limits(min_seconds_between_sends=5), clock=clock)
    code = intake.create("Busy").workshop.code
    token = intake.submit(code, answers("Ana"), sender="session-a")
    with pytest.raises(IntakeError, match=r"^Please wait 5 seconds between sends"):
        intake.update(code, token, answers("Ana 2"), sender="session-a")
    intake.submit(code, answers("Ben"), sender="session-b")  # another session is not slowed
    intake.submit(code, answers("Cli"))  # nor the command line, which has no sender
    clock.advance(seconds=5)
    intake.update(code, token, answers("Ana 2"), sender="session-a")
    assert intake.find(code).submissions == 3


def test_organiser_passphrase__needed_when_configured(make_intake: MakeIntake) -> None:
    secret = "studio secret"  # noqa: S105 - a test value, not a credential
    guarded = make_intake(organiser_passphrase=secret)
    for given in (None, "", secret[:-1]):
        with pytest.raises(IntakeError, match="needs the organiser passphrase"):
            guarded.create("Class", passphrase=given)
    assert guarded.create("Class", passphrase=secret).workshop.title == "Class"
    assert make_intake().create("Open", passphrase=None).workshop.title == "Open"


def test_bad_answers_file__refused_like_assess_and_nothing_stored(
    make_intake: MakeIntake,
) -> None:
    intake = make_intake()
    code = intake.create("Files").workshop.code
    with pytest.raises(IntakeError, match=r"^the answers: is not a JSON summary"):
        intake.submit(code, b"not json")
    with pytest.raises(IntakeError, match=r"expected a JSON object of answers, found list"):
        intake.submit(code, "[1, 2]")
    with pytest.raises(IntakeError, match=r"is not psoas-check/answers@1"):
        intake.submit(code, {"schema": "other@9", "answers": {}})
    assert intake.find(code).submissions == 0


def test_concurrent_submits__two_servers_many_threads__none_lost(
    make_intake: MakeIntake,
) -> None:
    servers = [make_intake(), make_intake()]  # two replicas sharing one database
    made = servers[0].create("Crowded")
    code = made.workshop.code
    failures: list[BaseException] = []

    def send(server: Intake, who: int) -> None:
        try:
            for n in range(5):
                server.submit(code, answers(f"T{who}-{n}"))
        except BaseException as err:  # collected and reported by the main thread
            failures.append(err)

    threads = [threading.Thread(target=send, args=(servers[i % 2], i)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    got = names(servers[1], code, made.key)
    assert sorted(got) == sorted(f"T{i}-{n}" for i in range(8) for n in range(5))
    # Each sender's own submissions keep their order among the arrivals.
    for i in range(8):
        assert [g for g in got if g.startswith(f"T{i}-")] == [f"T{i}-{n}" for n in range(5)]


def test_concurrent_submits__at_the_limit__never_more_than_allowed(
    make_intake: MakeIntake,
) -> None:
    intake = make_intake(limits=Limits(max_submissions=10))
    code = intake.create("Last seats").workshop.code
    outcomes: list[str] = []

    def send(who: int) -> None:
        try:
            intake.submit(code, answers(f"T{who}"))
            outcomes.append("stored")
        except IntakeError:
            outcomes.append("full")

    threads = [threading.Thread(target=send, args=(i,)) for i in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert (outcomes.count("stored"), outcomes.count("full")) == (10, 6)
    assert intake.find(code).submissions == 10


def test_concurrent_creates__two_servers__never_more_open_workshops_than_allowed(
    make_intake: MakeIntake, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Cheap key derivation keeps the test quick; the pause after counting widens the
    # window in which two servers, each seeing room for one more, would both insert.
    monkeypatch.setattr(sealing, "OPSLIMIT", nacl.pwhash.argon2id.OPSLIMIT_MIN)
    monkeypatch.setattr(sealing, "MEMLIMIT", nacl.pwhash.argon2id.MEMLIMIT_MIN)
    counted = Intake._count_open

    def slow_count(self: Intake, session: Session) -> int:
        found = counted(self, session)
        time.sleep(0.3)
        return found

    monkeypatch.setattr(Intake, "_count_open", slow_count)
    servers = [make_intake(limits=Limits(max_open_workshops=2)) for _ in range(2)]
    outcomes: list[str] = []

    def create(who: int) -> None:
        try:
            servers[who % 2].create(f"Class {who}")
            outcomes.append("open")
        except IntakeError as err:
            outcomes.append(str(err))

    threads = [threading.Thread(target=create, args=(i,)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    refused = "This server already holds as many open workshops as it allows; delete one or " \
        "try again after one ends."
    assert (outcomes.count("open"), outcomes.count(refused)) == (2, 4)
    assert rows(servers[0]) == (2, 0)


def test_misses__unknown_codes_and_wrong_keys__that_session_waits_others_do_not(
    make_intake: MakeIntake, clock: Clock
) -> None:
    intake = make_intake(limits=Limits(max_misses=3, miss_window_seconds=600), clock=clock)
    made = intake.create("Guess me")
    code = made.workshop.code
    for guess in ("AAAAAAAA", "BBBBBBBB"):
        with pytest.raises(IntakeError, match=r"^No open workshop has the code"):
            intake.find(guess, sender="mallory")
    with pytest.raises(IntakeError, match=r"^That key does not open"):
        intake.unlock(code, "ABCD-EFGH", sender="mallory")
    waits = (r"^Too many codes or keys that did not match were tried from this browser; "
             r"wait 10 minutes and try again\.$")
    with pytest.raises(IntakeError, match=waits):
        intake.find(code, sender="mallory")  # even the right code, for a while
    with pytest.raises(IntakeError, match=waits):
        intake.unlock(code, made.key, sender="mallory")
    assert intake.find(code, sender="ana").code == code  # another browser is not slowed
    assert intake.find(code).code == code  # nor the command line
    clock.advance(minutes=10)
    assert intake.unlock(code, made.key, sender="mallory").workshop.code == code


def test_payload_bombs__deep_object_or_lone_surrogate__one_sentence_nothing_stored(
    make_intake: MakeIntake,
) -> None:
    intake = make_intake()
    code = intake.create("Bombs").workshop.code
    deep: dict[str, object] = {}
    inner = deep
    for _level in range(100_000):
        inner["a"] = inner = {}
    with pytest.raises(IntakeError, match=r"^the answers: cannot be written as JSON\.$"):
        intake.submit(code, deep)
    with pytest.raises(IntakeError, match=r"^the answers: holds characters that are not text\.$"):
        intake.submit(code, '{"attendee": "\ud800", "red_flags": []}')
    with pytest.raises(IntakeError, match=r"nested too deeply"):
        intake.submit(code, "[" * 20_000 + "]" * 20_000)
    with pytest.raises(IntakeError, match=r'the key "red_flags" is given twice'):
        intake.submit(code, '{"attendee": "A", "red_flags": ["night_pain"], "red_flags": []}')
    with pytest.raises(IntakeError, match=r"too large to send \(10,000,000 bytes"):
        intake.submit(code, "x" * 10_000_000)
    assert intake.find(code).submissions == 0
