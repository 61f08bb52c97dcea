"""Live workshop intake (issue 11, contract section 6): attendees send, sealed; teachers read.

The UI and the command line use only these names; SQL and libsodium stay inside. This
package never imports Streamlit (``qr`` and ``poster`` draw the workshop's link).
"""

from __future__ import annotations

from .records import Created, IntakeError, Limits, Submission, Workshop
from .service import Intake, organiser_passphrase_from_env, utc_now
from .store import database_url
from .teacher import Unlocked, screen_submissions

__all__ = [
    "Created",
    "Intake",
    "IntakeError",
    "Limits",
    "Submission",
    "Unlocked",
    "Workshop",
    "database_url",
    "organiser_passphrase_from_env",
    "screen_submissions",
    "utc_now",
]
