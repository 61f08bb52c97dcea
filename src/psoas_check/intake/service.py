"""The intake service: workshops, sealed submissions, unlocking, retention.

The Streamlit pages and the command line reach the store only through :class:`Intake`.
One instance may be shared by every session of a server (it is thread-safe); several
servers may share one PostgreSQL database.

Example::

    >>> intake = Intake("sqlite:///workshop.sqlite3")
    >>> made = intake.create("Saturday hips", days=7)
    >>> token = intake.submit(made.workshop.code, {"attendee": "Ana", "red_flags": []})
    >>> intake.unlock(made.workshop.code, made.key).submissions()[0].document["attendee"]
    'Ana'
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from . import sealing
from .guards import Document, Misses, Pace, answers_payload, check_organiser
from .models import SubmissionRow, WorkshopRow
from .records import Created, IntakeError, Limits, Workshop
from .store import CREATE_LOCK, database_url, make_engine, migrate, write_engine
from .teacher import Unlocked

__all__ = ["ENV_PASSPHRASE", "Intake", "organiser_passphrase_from_env", "utc_now"]

ENV_PASSPHRASE = "PSOAS_ORGANISER_PASSPHRASE"  # noqa: S105 - the variable's name
#: Expired workshops are purged at start and then at most this often, during calls.
PURGE_EVERY = timedelta(minutes=1)


def utc_now() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


def organiser_passphrase_from_env() -> str | None:
    """``$PSOAS_ORGANISER_PASSPHRASE``, or None when it is unset or blank (creation open)."""
    value = os.environ.get(ENV_PASSPHRASE, "")
    return value if value.strip() else None


def _shown_code(code: str) -> str:
    """The code for a message: only if it looks like one (never echo arbitrary input)."""
    return code if code.isalnum() and len(code) <= 16 else "that code"


class Intake:
    """The workshop store: create, find, submit, update, withdraw, unlock, delete, purge."""

    def __init__(
        self,
        url: str | None = None,
        *,
        limits: Limits = Limits(),  # noqa: B008 - frozen, so one shared default is safe
        organiser_passphrase: str | None = None,
        clock: Callable[[], datetime] = utc_now,
        purge_on_start: bool = True,
    ) -> None:
        self.url = database_url(url)
        self.limits = limits
        self.clock = clock
        self._organiser = organiser_passphrase
        self.engine = make_engine(self.url)
        self._writer = write_engine(self.engine)
        self._lock = threading.Lock()
        self._pace = Pace(limits.min_seconds_between_sends)
        self._misses = Misses(limits.max_misses, limits.miss_window_seconds)
        self._last_purge: datetime | None = None
        migrate(self.engine)
        if purge_on_start:
            self._maybe_purge()

    def close(self) -> None:
        """Close the database connections (a new call opens them again)."""
        self.engine.dispose()

    # Sessions: reads may run side by side; writes take SQLite's write lock up front.
    def reading(self) -> Session:
        """A session for reading."""
        return Session(self.engine, expire_on_commit=False)

    def writing(self) -> Session:
        """A session for writing."""
        return Session(self._writer, expire_on_commit=False)

    def now(self) -> datetime:
        """The injected clock's time (aware, UTC)."""
        return self.clock().astimezone(UTC)

    def create(self, title: str, days: int = 14, passphrase: str | None = None) -> Created:
        """Open a workshop; returns it with the teacher's key (shown once, never stored)."""
        self._maybe_purge()
        check_organiser(self._organiser, passphrase)
        title = " ".join(str(title).split())
        if not title or not title.isprintable():
            raise IntakeError("Give the workshop a title in plain text.")
        if len(title) > self.limits.max_title_chars:
            raise IntakeError(f"A workshop title can be at most {self.limits.max_title_chars} "
                              "characters.")
        if isinstance(days, bool) or not isinstance(days, int) or not (
                1 <= days <= self.limits.max_days):
            raise IntakeError(f"Keep the answers for 1 to {self.limits.max_days} days.")
        key = sealing.new_teacher_key()
        keys = sealing.new_workshop_keys(key)
        for _attempt in range(5):  # a clash of random codes is rare; try a fresh one
            now = self.now()
            row = WorkshopRow(code=sealing.new_join_code(), title=title, created=now,
                              expires=now + timedelta(days=days), public_key=keys.public_key,
                              sealed_private_key=keys.locked.sealed, kdf_salt=keys.locked.salt,
                              kdf_ops=keys.locked.ops, kdf_mem=keys.locked.mem)
            try:
                with self.writing() as session, session.begin():
                    # Servers sharing PostgreSQL take turns here (SQLite: BEGIN IMMEDIATE
                    # already does), so two counting at once cannot both pass the limit.
                    if session.get_bind().dialect.name == "postgresql":
                        session.execute(select(func.pg_advisory_xact_lock(CREATE_LOCK)))
                    if self._count_open(session) >= self.limits.max_open_workshops:
                        raise IntakeError(
                            "This server already holds as many open workshops as it allows; "
                            "delete one or try again after one ends.")
                    session.add(row)
            except IntegrityError:
                continue
            return Created(self._public(row, 0), key)
        raise IntakeError("Could not find a free workshop code; please try again.")

    def find(self, code: str, *, sender: str | None = None) -> Workshop:
        """The open workshop with this code (any case, spaces and dashes ignored).

        ``sender`` (one browser session) is refused for a while after too many misses.
        """
        self._maybe_purge()
        self._misses.check(sender, self.now())
        with self.reading() as session:
            row = self._open_row(session, code, sender=sender)
            return self._public(row, self._count(session, row.id))

    def submit(self, code: str, document: Document, *, sender: str | None = None,
               name: str = "the answers") -> str:
        """Seal and store one answers document; returns the secret token for update/withdraw."""
        self._maybe_purge()
        payload = answers_payload(document, name, self.limits.max_payload_bytes)
        self._pace.check(sender, self.now())
        token = sealing.new_token()
        with self.writing() as session, session.begin():
            row = self._open_row(session, code, lock=True)
            if self._count(session, row.id) >= self.limits.max_submissions:
                raise IntakeError(f"Workshop {row.code} is full: it already holds "
                                  f"{self.limits.max_submissions} answers.")
            now = self.now()
            sealed = sealing.seal(row.public_key, payload)
            session.add(SubmissionRow(workshop_id=row.id, sealed=sealed,
                                      token_hash=sealing.hash_token(token), submitted_at=now,
                                      updated_at=now))
        return token

    def update(self, code: str, token: str, document: Document, *, sender: str | None = None,
               name: str = "the answers") -> None:
        """Replace what the holder of ``token`` sent (it keeps its place in arrival order)."""
        self._maybe_purge()
        payload = answers_payload(document, name, self.limits.max_payload_bytes)
        self._pace.check(sender, self.now())
        with self.writing() as session, session.begin():
            row = self._open_row(session, code)
            found = self._own_submission(session, row, token)
            found.sealed = sealing.seal(row.public_key, payload)
            # Strictly later than before, even on a clock that stands still or lags a
            # replica's: the teacher's view notices a change by this time.
            found.updated_at = max(self.now(), found.updated_at + timedelta(microseconds=1))

    def withdraw(self, code: str, token: str) -> None:
        """Delete what the holder of ``token`` sent."""
        self._maybe_purge()
        with self.writing() as session, session.begin():
            row = self._open_row(session, code)
            session.delete(self._own_submission(session, row, token))

    def unlock(self, code: str, key: str, *, sender: str | None = None) -> Unlocked:
        """Open a workshop with the teacher's key (one Argon2id derivation); ``sender`` as
        for :meth:`find`: misses by one session are limited."""
        self._maybe_purge()
        self._misses.check(sender, self.now())
        with self.reading() as session:
            row = self._open_row(session, code, sender=sender)
            workshop = self._public(row, self._count(session, row.id))
        locked = sealing.LockedKey(row.sealed_private_key, row.kdf_salt, row.kdf_ops, row.kdf_mem)
        try:
            private = sealing.open_private_key(key, locked)
        except sealing.SealingError:
            self._misses.missed(sender, self.now())
            raise IntakeError(f"That key does not open workshop {row.code}; check it and try "
                              "again.") from None
        return Unlocked(self, row.id, private, workshop)

    def delete(self, code: str, key: str) -> None:
        """Delete a workshop and every submission now (needs the teacher's key)."""
        self.unlock(code, key).delete()

    def purge(self, as_of: datetime | None = None) -> int:
        """Delete every workshop that expired before ``as_of`` (default now), with its
        submissions; returns how many workshops went."""
        when = self.now() if as_of is None else _aware(as_of)
        with self.writing() as session, session.begin():
            ids = list(session.scalars(select(WorkshopRow.id).where(WorkshopRow.expires < when)))
            if ids:
                session.execute(delete(SubmissionRow).where(SubmissionRow.workshop_id.in_(ids)))
                session.execute(delete(WorkshopRow).where(WorkshopRow.id.in_(ids)))
        return len(ids)

    # -- helpers ----------------------------------------------------------------------
    def purge_due(self) -> None:
        """Purge expired workshops if the last purge was over a minute ago (cheap otherwise)."""
        self._maybe_purge()

    def _maybe_purge(self) -> None:
        now = self.now()
        with self._lock:
            if self._last_purge is not None and now - self._last_purge < PURGE_EVERY:
                return
            self._last_purge = now
        self.purge(now)

    def _open_row(self, session: Session, code: str, *, lock: bool = False,
                  sender: str | None = None) -> WorkshopRow:
        wanted = sealing.normalise_code(str(code))
        query = select(WorkshopRow).where(WorkshopRow.code == wanted)
        if lock:  # PostgreSQL: one submission at a time per workshop, so the limit holds
            query = query.with_for_update()
        row = session.scalar(query) if wanted else None
        if row is None:
            self._misses.missed(sender, self.now())
            raise IntakeError(f"No open workshop has the code {_shown_code(wanted)}; check the "
                              "code with your teacher.")
        if row.expires <= self.now():
            raise IntakeError(f"Workshop {row.code} has ended and no longer takes answers.")
        return row

    def _own_submission(self, session: Session, row: WorkshopRow, token: str) -> SubmissionRow:
        found = session.scalar(select(SubmissionRow).where(
            SubmissionRow.workshop_id == row.id,
            SubmissionRow.token_hash == sealing.hash_token(str(token))))
        if found is None:
            raise IntakeError(f"What you sent is no longer in workshop {row.code}: it was "
                              "withdrawn or deleted.")
        return found

    def _count(self, session: Session, workshop_id: int) -> int:
        query = select(func.count()).select_from(SubmissionRow).where(
            SubmissionRow.workshop_id == workshop_id)
        return int(session.scalar(query) or 0)

    def _count_open(self, session: Session) -> int:
        query = select(func.count()).select_from(WorkshopRow).where(
            WorkshopRow.expires > self.now())
        return int(session.scalar(query) or 0)

    @staticmethod
    def _public(row: WorkshopRow, submissions: int) -> Workshop:
        return Workshop(row.code, row.title, row.created, row.expires, submissions)


def _aware(moment: datetime) -> datetime:
    """A naive time is read as UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
