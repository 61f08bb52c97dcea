"""Sealed at rest: what the database file, its WAL and a pg_dump show without the key."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import postgres_cluster
import pytest
from intake_helpers import answers
from sqlalchemy import select, update

from psoas_check.intake import Intake, IntakeError, sealing
from psoas_check.intake.models import SubmissionRow

# Distinctive strings that must never appear in the clear: a name, an answer value of
# each kind (number, choice, set id), and the field names that would frame them.
NAME = "Quetzalia Vonnegrubb"
SECRETS = [NAME, "Quetzalia", "saddle_numbness", "every_few_hours", "17.25", "attendee",
           "red_flags", "stretch_breaks", "sitting_hours"]


def secret_answers() -> dict[str, object]:
    return answers(NAME, red_flags=["saddle_numbness"], stretch_breaks="every_few_hours",
                   sitting_hours=17.25)


def test_seal_unseal__round_trip__padded_json_reads_back() -> None:
    key = sealing.new_teacher_key()
    keys = sealing.new_workshop_keys(key)
    blob = sealing.seal(keys.public_key, b'{"a": 1}')
    assert len(blob) % sealing.PAD_TO == 48 % sealing.PAD_TO  # padding plus the box overhead
    opened = sealing.unseal(sealing.open_private_key(key, keys.locked), blob)
    assert opened.rstrip(b" ") == b'{"a": 1}'


def test_open_private_key__wrong_key__refused() -> None:
    keys = sealing.new_workshop_keys(sealing.new_teacher_key())
    with pytest.raises(sealing.SealingError, match="wrong key"):
        sealing.open_private_key(sealing.new_teacher_key(), keys.locked)


def test_unseal__one_byte_changed__refused() -> None:
    key = sealing.new_teacher_key()
    keys = sealing.new_workshop_keys(key)
    blob = bytearray(sealing.seal(keys.public_key, b'{"a": 1}'))
    blob[60] ^= 1
    with pytest.raises(sealing.SealingError, match="integrity"):
        sealing.unseal(sealing.open_private_key(key, keys.locked), bytes(blob))


def test_secrets__formats__easy_to_type_and_random() -> None:
    key = sealing.new_teacher_key()
    groups = key.split("-")
    assert (len(groups), {len(g) for g in groups}) == (8, {4})
    code = sealing.new_join_code()
    assert len(code) == 8
    assert set(code) <= set(sealing.CODE_ALPHABET)
    assert not set("01OIL") & set(sealing.CODE_ALPHABET)
    assert len({sealing.new_join_code() for _ in range(50)}) == 50
    assert sealing.normalise_code(" ab-cd 23 ") == "ABCD23"


def test_tampered_row__teacher_told_in_one_sentence(tmp_path: Path) -> None:
    intake = Intake(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    try:
        made = intake.create("Tamper")
        intake.submit(made.workshop.code, secret_answers())
        with intake.writing() as session, session.begin():
            blob = bytearray(session.scalars(select(SubmissionRow.sealed)).one())
            blob[-1] ^= 1
            session.execute(update(SubmissionRow).values(sealed=bytes(blob)))
        with pytest.raises(IntakeError, match=r"fails its integrity check: the database was "
                                              r"altered\.$"):
            intake.unlock(made.workshop.code, made.key).submissions()
    finally:
        intake.close()


def fill(intake: Intake) -> tuple[str, str, str]:
    """One workshop with two sealed submissions; returns (code, key, token)."""
    made = intake.create("Open day")
    token = intake.submit(made.workshop.code, secret_answers())
    intake.submit(made.workshop.code, secret_answers())
    return made.workshop.code, made.key, token


def assert_nothing_in_clear(raw: bytes, key: str, token: str) -> None:
    leaked = [s for s in [*SECRETS, key, sealing.normalise_key(key), token]
              if s.encode("utf-8") in raw]
    assert leaked == []


def test_sqlite_file_and_wal__no_name_no_answer__only_counts_and_times(tmp_path: Path) -> None:
    path = tmp_path / "intake.sqlite3"
    intake = Intake(f"sqlite:///{path}")
    try:
        code, key, token = fill(intake)
        # Read while the server still runs: recent writes live in the -wal file.
        wal = path.with_name(path.name + "-wal")
        assert wal.is_file()
        raw = path.read_bytes() + wal.read_bytes()
        assert_nothing_in_clear(raw, key, token)
        assert code.encode() in raw  # the public facts are there
        assert b"Open day" in raw
        with sqlite3.connect(path) as plain:
            count, first = plain.execute(
                "SELECT count(*), min(submitted_at) FROM submissions").fetchone()
        plain.close()
        assert (count, first[:4]) == (2, str(intake.now().year))
        # ... and the key still opens everything.
        subs = intake.unlock(code, key).submissions()
        assert [s.document["answers"]["attendee"] for s in subs] == [NAME, NAME]
    finally:
        intake.close()


def test_pg_dump__no_name_no_answer__only_counts_and_times(
    postgres_cluster: postgres_cluster.Cluster,
) -> None:
    url = postgres_cluster.create_database("sealing_dump")
    intake = Intake(url)
    try:
        code, key, token = fill(intake)
    finally:
        intake.close()
    dump = postgres_cluster.dump("sealing_dump")
    assert_nothing_in_clear(dump.encode("utf-8"), key, token)
    assert code in dump
    assert "Open day" in dump
    assert "COPY public.submissions (id, workshop_id, sealed, token_hash, submitted_at, " \
           "updated_at) FROM stdin;" in dump
    copied = dump.split("COPY public.submissions", 1)[1].split("\\.", 1)[0]
    assert len(copied.strip().splitlines()) == 3  # the COPY line and two sealed rows


def test_token__stored_only_as_its_hash(tmp_path: Path) -> None:
    intake = Intake(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    try:
        _code, _key, token = fill(intake)
        with intake.reading() as session:
            hashes = list(session.scalars(select(SubmissionRow.token_hash)))
        assert sealing.hash_token(token) in hashes
        assert token not in hashes
    finally:
        intake.close()


def test_key_derivation__many_unlocks_at_once__at_most_two_derive_together(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each derivation takes 64 MiB: a burst of unlocks (or wrong keys) waits its turn."""
    busy = [0]
    most = [0]
    guard = threading.Lock()
    derive = sealing._derive

    def watched(*args: Any) -> bytes:
        with guard:
            busy[0] += 1
            most[0] = max(most[0], busy[0])
        time.sleep(0.2)  # long enough that, unqueued, the six would overlap
        try:
            return derive(*args)
        finally:
            with guard:
                busy[0] -= 1

    monkeypatch.setattr(sealing, "_derive", watched)
    teacher = sealing.new_teacher_key()
    locked = sealing.new_workshop_keys(teacher).locked
    threads = [threading.Thread(target=sealing.open_private_key, args=(teacher, locked))
               for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most[0] == sealing.KDF_AT_ONCE == 2
