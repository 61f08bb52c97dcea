"""Small pieces both the self-check and the roster page use: status icons, one-off
messages, and letting go of uploaded bytes once they are read."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.runtime.uploaded_file_manager import UploadedFile

__all__ = ["STATUS_ICONS", "release_uploads", "show_flashes"]

#: One icon per status (contract section 3), for banners and attendee rows.
STATUS_ICONS = {
    "urgent": ":material/emergency:",
    "see_clinician": ":material/stethoscope:",
    "invalid": ":material/error:",
    "caution": ":material/info:",
    "ok": ":material/check_circle:",
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
