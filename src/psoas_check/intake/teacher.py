"""An unlocked workshop: the teacher's view, holding the private key in memory only.

Decrypted submissions become a roster screen through the same code path as uploading
many JSON summaries on the roster page (:func:`psoas_check.readers.read_bytes` then
:func:`psoas_check.roster.screen`), so the dashboard reuses the roster view unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from nacl.public import PrivateKey
from sqlalchemy import delete, select

from . import sealing
from .models import SubmissionRow, WorkshopRow
from .records import IntakeError, Submission, Workshop

if TYPE_CHECKING:
    from ..roster import RosterScreen
    from ..rules import RuleSet
    from .service import Intake

__all__ = ["Unlocked", "screen_submissions", "submission_file_name"]


def submission_file_name(index: int) -> str:
    """The name a submission goes by in the roster path (its 1-based arrival number)."""
    return f"arrival-{index:03d}.json"


def screen_submissions(
    submissions: Sequence[Submission], ruleset: RuleSet | None = None
) -> RosterScreen:
    """Screen decrypted submissions as uploaded JSON summaries: row n = n-th arrival."""
    from ..readers import read_bytes  # pandas: only the teacher's view needs it
    from ..roster import screen

    sheets = [read_bytes(submission_file_name(i), json.dumps(s.document).encode("utf-8"))
              for i, s in enumerate(submissions, start=1)]
    return screen(sheets, None, ruleset)


class Unlocked:
    """A workshop opened with its key; ``workshop`` holds the facts last read."""

    def __init__(self, intake: Intake, workshop_id: int, private_key: PrivateKey,
                 workshop: Workshop) -> None:
        self._intake = intake
        self._id = workshop_id
        self._private = private_key
        self.workshop = workshop
        #: Each submission's (id, last change) as :meth:`refresh` last read them: it
        #: changes whenever one arrives, is updated or is withdrawn, so a caller can tell
        #: whether decrypting again would show anything new. None until the first refresh.
        self.stamp: tuple[tuple[int, Any], ...] | None = None
        self._opened: dict[tuple[int, Any], dict[str, Any]] = {}  # (id, last change) -> doc

    def __repr__(self) -> str:  # never shows the key
        return f"Unlocked({self.workshop.code!r})"

    def refresh(self) -> Workshop:
        """Re-read the count, the expiry and :attr:`stamp` (no decryption); IntakeError once
        the workshop is gone. Expired workshops are purged on the way, as on every call."""
        self._intake.purge_due()
        changes = (select(SubmissionRow.id, SubmissionRow.updated_at)
                   .where(SubmissionRow.workshop_id == self._id).order_by(SubmissionRow.id))
        with self._intake.reading() as session:
            row = session.get(WorkshopRow, self._id)
            if row is None or row.expires <= self._intake.now():
                raise IntakeError(f"Workshop {self.workshop.code} has ended or was deleted.")
            self.stamp = tuple((ident, when) for ident, when in session.execute(changes))
            self.workshop = Workshop(row.code, row.title, row.created, row.expires,
                                     len(self.stamp))
        return self.workshop

    def submissions(self) -> list[Submission]:
        """Every submission, decrypted, oldest first.

        Only what arrived or changed since the last call is fetched and unsealed: the rest
        comes from this object's memory (it lives as long as the teacher's session).
        """
        listing = (select(SubmissionRow.id, SubmissionRow.submitted_at, SubmissionRow.updated_at)
                   .where(SubmissionRow.workshop_id == self._id)
                   .order_by(SubmissionRow.submitted_at, SubmissionRow.id))
        with self._intake.reading() as session:
            rows = session.execute(listing).all()
            wanted = [ident for ident, _, when in rows if (ident, when) not in self._opened]
            sealed = dict(session.execute(
                select(SubmissionRow.id, SubmissionRow.sealed)
                .where(SubmissionRow.workshop_id == self._id, SubmissionRow.id.in_(wanted))
            ).all()) if wanted else {}
        opened = {(ident, when): self._opened.get((ident, when)) for ident, _, when in rows}
        found: list[Submission] = []
        for ident, submitted_at, updated_at in rows:
            document = opened[(ident, updated_at)]
            if document is None:
                blob = sealed.get(ident)
                if blob is None:  # replaced or withdrawn between the two reads: next time
                    continue
                document = opened[(ident, updated_at)] = self._open(blob)
            found.append(Submission(submitted_at, document, updated_at))
        self._opened = {k: v for k, v in opened.items() if v is not None}
        return found

    def forget(self) -> None:
        """Drop the decrypted answers kept in memory (the next call unseals them all)."""
        self._opened = {}

    def screen(self, ruleset: RuleSet | None = None) -> RosterScreen:
        """The submissions as a roster screen (arrival order, names kept)."""
        return screen_submissions(self.submissions(), ruleset)

    def delete(self) -> None:
        """Delete this workshop and every submission now."""
        with self._intake.writing() as session, session.begin():
            session.execute(delete(SubmissionRow).where(SubmissionRow.workshop_id == self._id))
            session.execute(delete(WorkshopRow).where(WorkshopRow.id == self._id))

    def _open(self, sealed: bytes) -> dict[str, Any]:
        try:
            document = json.loads(sealing.unseal(self._private, sealed))
        except (sealing.SealingError, ValueError):
            raise IntakeError(f"A stored answer in workshop {self.workshop.code} fails its "
                              "integrity check: the database was altered.") from None
        if not isinstance(document, dict):
            raise IntakeError(f"A stored answer in workshop {self.workshop.code} is not an "
                              "answers document.")
        return document
