"""The screened roster: counts, the factor chart, the table, each attendee, the downloads.

Attendee names and cell values are shown only through ``st.dataframe`` or escaped with
:func:`~psoas_check.ui.safe.plain`. Files are built when their button is pressed, from
values captured at render time (the download thread cannot read session state).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import altair as alt
import pandas as pd
import streamlit as st

from ..assess import STATUSES
from ..export import pdf_builder, summaries_zip
from ..group_factors import asked_factors
from ..people_report import people_csv, people_xlsx
from ..roster import RosterScreen
from .common import STATUS_ICONS
from .results import show_results
from .roster_state import STATUS_LABELS, prevalence
from .safe import plain

__all__ = ["MAX_PDFS", "PAGE_SIZE", "UNSCREENED_HELP", "show_roster"]

#: Attendees listed per page below the table (each opens to the full results).
PAGE_SIZE = 10
#: The most PDF summaries put in one zip (each takes a moment to draw).
MAX_PDFS = 300
BAR_COLOR = "#0f766e"  # the theme's primary colour
#: Under the note that a file never asked the warning signs.
UNSCREENED_HELP = (
    "Their results hold reading but no poses. Ask each of them the warning-sign questions "
    "(the self-check's first step, or the red_flags column of the blank roster) before "
    "they practise."
)


def _named(stem: str, extension: str) -> str:
    return f"psoas-check-{stem}-{date.today().isoformat()}.{extension}"


def _counts(result: RosterScreen) -> None:
    st.header("Who may practise")
    note = result.tally.unscreened_note()
    if note:
        st.warning(f"**{plain(note[0].upper() + note[1:])}.** {UNSCREENED_HELP}",
                   icon=":material/warning:")
    with st.container(horizontal=True):
        for status in STATUSES:
            st.metric(
                STATUS_LABELS[status],
                f"{result.tally.counts.get(status, 0):,}",
                border=True,
                width="content",
            )
    st.caption(plain(result.tally.line()))


def _factors(result: RosterScreen) -> None:
    st.header("Factors in the group")
    counts = prevalence(st.session_state, result)
    if not counts:
        st.info("This roster asks none of the questions the contributing factors come from.")
        return
    if not any(count for _, count in counts):
        st.info("No contributing factor came up for anyone in this roster.")
        return
    st.markdown("How many attendees each contributing factor applies to, whatever their "
                "status: useful for planning the class itself.")
    unasked = {r.factor for r in result.ruleset.rules} - set(asked_factors(result))
    if unasked:
        st.caption("Left out, as the roster never asks about them: "
                   + ", ".join(sorted(plain(f) for f in unasked)) + ".")
    frame = pd.DataFrame(counts, columns=["Factor", "Attendees"])
    described = "; ".join(f"{factor}: {count}" for factor, count in counts)
    # Altair rather than st.bar_chart: its axis would cut long factor names short.
    chart = (
        alt.Chart(frame)
        .mark_bar(color=BAR_COLOR)
        .encode(
            x=alt.X("Attendees:Q", title="Attendees", axis=alt.Axis(tickMinStep=1)),
            y=alt.Y("Factor:N", sort=None, title=None, axis=alt.Axis(labelLimit=0)),
            tooltip=["Factor", "Attendees"],
        )
    )
    st.altair_chart(chart, alt=f"Bar chart of attendees per factor. {described}.")


def _filtered(result: RosterScreen, table: pd.DataFrame) -> pd.DataFrame:
    present = [s for s in STATUSES if result.tally.counts.get(s, 0)]
    chosen = st.pills(
        "Show attendees whose status is",
        present,
        selection_mode="multi",
        default=present,
        format_func=lambda s: STATUS_LABELS[s],
        key="roster_filter",
    )
    labels = {STATUS_LABELS[s] for s in chosen or []}
    return table[table["Status"].isin(labels)]


def _table(visible: pd.DataFrame, several_files: bool) -> None:
    # Who, status, why and what to change fit at 1280 px; reading, poses and every answer
    # are one click away, in the attendee's own results below.
    columns = ["Attendee", "Status", "Why", "What to change", "Row"]
    if several_files:
        columns.append("File")
    # Every column is sent to the browser, shown or not: the table holds only short texts
    # that many rows share (an unreadable row's errors are counted, not quoted; the
    # attendee's own results and the downloads quote them).
    st.dataframe(
        visible,
        hide_index=True,
        column_order=columns,
        column_config={
            "Attendee": st.column_config.TextColumn("Attendee", width=120),
            "Status": st.column_config.TextColumn("Status", width=110),
            "Why": st.column_config.TextColumn(
                "Why", help="The warning sign, caution or unreadable answers behind the status",
                width=230),
            "What to change": st.column_config.TextColumn(
                "What to change", help="The cautions: how to adapt a pose for this person",
                width="large"),
            "Row": st.column_config.NumberColumn("Row", help="Data row in the file(s)", width=60),
        },
        key="roster_table_view",
    )
    st.caption("Open an attendee below for what to read, the poses and every answer.")


def _attendees(result: RosterScreen, visible: pd.DataFrame) -> None:
    st.header("Each attendee")
    if visible.empty:
        st.markdown("No attendee has the chosen status.")
        return
    indexes = visible["index"].tolist()
    pages = (len(indexes) + PAGE_SIZE - 1) // PAGE_SIZE
    page = 1
    if pages > 1:
        st.caption(f"{len(indexes):,} attendees, {PAGE_SIZE} per page, in the table's order.")
        page = st.pagination(pages, key="roster_page")
    st.caption("Open an attendee to see the same results they would see themselves.")
    for index in indexes[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]:
        record = result.records[index]
        name = plain(record.attendee) if record.attendee else "no name"
        label = f"Row {record.row}: {name} · {STATUS_LABELS[record.status]}"
        box = st.expander(label, icon=STATUS_ICONS[record.status], key=f"roster_open_{index}",
                          on_change="rerun")
        if box.open:  # drawn only when opened: a roster can hold thousands
            with box:
                answers, assessment = result.person(index)
                show_results(answers, assessment, result.ruleset, key=f"roster-{index}")


def _zip(result: RosterScreen, rows: list[int]) -> Callable[[], bytes]:
    def build() -> bytes:
        return summaries_zip(result, builder=pdf_builder, extension="pdf", rows=rows)

    return build


def _downloads(result: RosterScreen, visible: pd.DataFrame) -> None:
    st.header("Downloads")
    st.markdown("The roster report lists every attendee, most urgent first, in plain words: "
                "status, why, what to change, and what to read and practise. Row is their "
                "row in your file. The Excel file opens with the notice and a legend.")
    rows = visible["index"].tolist()
    with st.container(horizontal=True):
        st.download_button(
            "Roster report (CSV)",
            lambda: people_csv(result).encode("utf-8-sig"),
            file_name=_named("roster", "csv"),
            mime="text/csv",
            key="roster_csv",
            on_click="ignore",
            icon=":material/table_view:",
        )
        st.download_button(
            "Roster report (Excel)",
            lambda: people_xlsx(result),
            file_name=_named("roster", "xlsx"),
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="roster_xlsx",
            on_click="ignore",
            icon=":material/grid_on:",
        )
        st.download_button(
            f"PDF summaries (zip, {len(rows):,})",
            _zip(result, rows),
            file_name=_named("summaries", "zip"),
            mime="application/zip",
            key="roster_zip",
            on_click="ignore",
            icon=":material/folder_zip:",
            disabled=not rows or len(rows) > MAX_PDFS,
        )
    if len(rows) > MAX_PDFS:
        st.caption(f"PDF summaries come for up to {MAX_PDFS} attendees at a time; choose fewer "
                   "statuses above to make the zip.")
    else:
        st.caption("The zip holds one PDF per attendee shown in the table.")


def show_roster(result: RosterScreen, table: pd.DataFrame) -> None:
    """Everything below "Screen roster" once a result is in the session."""
    _counts(result)
    _factors(result)
    st.header("Attendees, most urgent first")
    visible = _filtered(result, table)
    _table(visible, result.files > 1)
    _downloads(result, visible)
    _attendees(result, visible)
