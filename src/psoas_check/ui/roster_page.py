"""The instructors' page: hand out the template, upload a roster, match columns, screen it.

The page holds no screening logic: files are read by :mod:`psoas_check.readers`, screened
by :func:`psoas_check.roster.screen` (both in the worker's bounded child), and the session
bookkeeping is in :mod:`.roster_state`; the mapping controls and the screened view have
their own modules.
"""

from __future__ import annotations

import streamlit as st

from ..answers import FIELDS
from ..errors import InputError
from ..messages import NOTICE
from ..readers import Sheet
from ..roster_job import screen_bounded
from ..template import template_csv, template_xlsx
from ..template_pdf import template_pdf
from .common import release_uploads, show_flashes
from .roster_assist import missing_fields
from .roster_mapping import needs_decision, show_mapping
from .roster_state import (
    FLASH,
    MAPPING,
    RESULT,
    SHEETS,
    TABLE,
    add_files,
    clear,
    usable_mapping,
)
from .roster_view import show_roster
from .safe import guarded, plain
from .state import get_rules

__all__ = ["ACCEPTED", "render"]

ACCEPTED = ["csv", "xlsx", "json"]


def upload_limit_mb() -> int:
    """The server's upload limit (``server.maxUploadSize`` in .streamlit/config.toml)."""
    return int(st.get_option("server.maxUploadSize"))


def _upload_key() -> str:
    return f"roster_upload_{st.session_state.get('roster_uploads', 0)}"


def _uploaded() -> None:
    files = st.session_state.get(_upload_key()) or []
    if not files:
        return
    st.session_state[FLASH] = add_files(st.session_state, files, upload_limit_mb())
    release_uploads(files)
    # A fresh uploader: the old widget, and the files it held, leave the session state.
    st.session_state["roster_uploads"] = int(st.session_state.get("roster_uploads", 0)) + 1


def _clear() -> None:
    clear(st.session_state)
    st.session_state[FLASH] = [
        ("success", "Cleared: the roster, the column mapping and the results are gone.")
    ]


def _intro() -> None:
    st.title("Screen a workshop roster")
    st.markdown(
        "Before class, upload your attendees' answers (your sign-up form's export, an Excel "
        "file, or the JSON summaries attendees downloaded) and get one table: who should not "
        "practise yet, who needs which modification, and what each attendee should read."
    )
    st.info(f"**Not a diagnosis.** {NOTICE}", icon=":material/info:")
    st.markdown(
        "psoas-check does not replace a pre-participation screen. For that, use the PAR-Q+, "
        "published by the PAR-Q+ Collaboration (find it at eparmedx.com)."
    )


def _template() -> None:
    st.header("Hand out the questions")
    st.markdown(
        "Print the question sheet for attendees to fill in on paper, or share the roster "
        "file, one row per attendee and one column per question, headed with the questions "
        "themselves. The allowed answers are listed in both; every answer is optional. "
        "Uploaded back, its columns are matched without asking."
    )
    with st.container(horizontal=True):
        st.download_button(
            "Question sheet (PDF, to print)",
            template_pdf,
            file_name="psoas-check-questions.pdf",
            mime="application/pdf",
            key="roster_template_pdf",
            on_click="ignore",
            icon=":material/print:",
        )
        st.download_button(
            "Blank roster (CSV)",
            lambda: template_csv(questions=True).encode("utf-8-sig"),
            file_name="psoas-check-roster-template.csv",
            mime="text/csv",
            key="roster_template_csv",
            on_click="ignore",
            icon=":material/download:",
        )
        st.download_button(
            "Blank roster (Excel)",
            lambda: template_xlsx(questions=True),
            file_name="psoas-check-roster-template.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="roster_template_xlsx",
            on_click="ignore",
            icon=":material/download:",
        )


def _uploader(sheets: list[Sheet]) -> None:
    st.header("Upload the answers")
    st.file_uploader(
        "Roster files: .csv, .xlsx, or any number of .json summaries",
        type=ACCEPTED,
        accept_multiple_files=True,
        key=_upload_key(),
        on_change=_uploaded,
        help=f"Up to {upload_limit_mb()} MB per file. Files are read in this session only; "
        "nothing is stored.",
    )
    show_flashes(FLASH)
    if not sheets:
        st.info(
            "Nothing uploaded yet. Upload a CSV (comma, semicolon or tab separated) or an "
            "Excel .xlsx file with one row per attendee, or select several JSON summaries "
            "at once. Column headers named as in the blank roster above are recognised; "
            "any other column (a sign-up form's question text, say) can be matched to a "
            "field here.",
            icon=":material/upload_file:",
        )
        return
    lines = [f"- {plain(s.name)}: {s.rows:,} row{'' if s.rows == 1 else 's'}"
             for s in sheets if not s.is_summaries]
    summaries = sum(1 for s in sheets if s.is_summaries)
    if summaries:
        lines.append(f"- {summaries} JSON {'summary' if summaries == 1 else 'summaries'}")
    st.markdown("**Loaded:**\n" + "\n".join(lines))
    st.button(
        "Clear everything",
        key="roster_clear",
        on_click=_clear,
        icon=":material/delete:",
        help="Forget the files, the column mapping and the results in this session.",
    )


AUTO = "roster_auto"  # the sheets list last screened without a click


def _auto(sheets: list[Sheet], waiting: list[str]) -> bool:
    """Screen at once, once per upload, when no column needs a person's decision."""
    if st.session_state.get(AUTO) is sheets or st.session_state.get(RESULT) is not None:
        return False
    mapping = st.session_state.get(MAPPING, {})
    if waiting or len(missing_fields(sheets, mapping)) == len(FIELDS):
        return False
    st.session_state[AUTO] = sheets
    return True


def _screen(sheets: list[Sheet]) -> None:
    st.header("Screen")
    waiting = needs_decision(sheets)
    if waiting:
        count = "1 column needs" if len(waiting) == 1 else f"{len(waiting):,} columns need"
        st.markdown(f"{count} your decision above; screen once the matches look right.")
    if len(missing_fields(sheets, st.session_state.get(MAPPING, {}))) == len(FIELDS):
        st.markdown("No column is matched to a question yet: above, choose the question at "
                    "least one column answers, then screen.")
    auto = _auto(sheets, waiting)
    clicked = st.button("Screen roster", key="roster_screen", type="primary",
                        icon=":material/play_arrow:")
    if not (clicked or auto):
        return
    mapping = usable_mapping(sheets, st.session_state.get(MAPPING, {}))
    total = sum(s.rows for s in sheets)
    with st.status(f"Screening {total:,} rows…", expanded=True) as status:
        # Screened out of the server's way (a bounded child), so other visitors' pages
        # stay quick; one sentence if the roster is too large to screen within the limits.
        st.caption("Screening every row and building the table; a large roster takes a "
                   "few seconds.")
        try:
            result, table = screen_bounded(sheets, mapping, get_rules())
        except InputError as err:
            status.update(label="Could not screen the roster", state="error")
            # The readers' hint names the command line's option; this page has its own.
            reason = str(err).split(" (--map ")[0]
            st.error(f"Could not screen the roster. {plain(reason)}")
            st.markdown("Check the column matches above, then screen again.")
            return
        status.update(label=f"Screened {len(result.records):,} rows", state="complete",
                      expanded=False)
    st.session_state[RESULT] = result
    st.session_state[TABLE] = table


@guarded
def render() -> None:
    """The instructors' roster page."""
    _intro()
    _template()
    sheets: list[Sheet] = st.session_state.get(SHEETS, [])
    _uploader(sheets)
    if not sheets:
        return
    show_mapping(sheets)
    _screen(sheets)
    result = st.session_state.get(RESULT)
    table = st.session_state.get(TABLE)
    if result is not None and table is not None:
        show_roster(result, table)
