"""Small pieces both the self-check and the roster page use: status icons, one-off
messages, and letting go of uploaded bytes once they are read."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.runtime.uploaded_file_manager import UploadedFile

__all__ = ["STATUS_ICONS", "STATUS_MEANINGS", "release_uploads", "show_flashes"]

#: One icon per status (contract section 3), for banners and attendee rows, and one for
#: the gentler pregnancy result.
STATUS_ICONS = {
    "urgent": ":material/emergency:",
    "see_clinician": ":material/stethoscope:",
    "invalid": ":material/error:",
    "incomplete": ":material/pending_actions:",
    "caution": ":material/info:",
    "ok": ":material/check_circle:",
    "pregnancy": ":material/pregnant_woman:",
}

#: When each status applies, in the contract's order (the first that applies wins).
STATUS_MEANINGS = {
    "urgent": "any sign under “Get help now”: emergency care now, and nothing else.",
    "see_clinician": "any other sign: see a doctor (or a midwife, in pregnancy) first, as "
    "soon as that sign needs; reading may be shown, poses are not.",
    "invalid": "an answer could not be read or is out of range; when that answer is the "
    "warning signs, no poses are suggested.",
    "incomplete": "the warning signs were not answered: reading may be shown, and poses "
    "come once they are.",
    "caution": "poses are suggested, and at least one comes with a caution for you.",
    "ok": "poses are suggested, none with a caution of its own for you.",
}


def show_flashes(key: str) -> None:
    """Show, once, the (kind, text) messages a callback left under ``key``."""
    shown = {"success": st.success, "warning": st.warning, "error": st.error}
    for kind, text in st.session_state.pop(key, []):
        shown[kind](text)


def release_uploads(files: Sequence[UploadedFile]) -> None:
    """Drop uploaded bytes from Streamlit's in-memory store once they have been read.

    The caller also gives its uploader a fresh key, so the widget's value (which holds
    the same bytes) leaves the session state too.
    """
    ctx = get_script_run_ctx()
    if ctx is not None and isinstance(ctx.uploaded_file_mgr, MemoryUploadedFileManager):
        for file in files:
            ctx.uploaded_file_mgr.remove_file(session_id=ctx.session_id, file_id=file.file_id)
