"""A one-page A4 poster a teacher prints or shows: scan, or type the code, to check in.

The QR code is drawn as vector squares from its module matrix (sharp at any print size,
no bitmap, nothing fetched). The poster says who reads what is sent and when it is
deleted, and keeps the non-diagnostic notice. Text goes through
:func:`psoas_check.pdf.pdf_text`, so any title builds with fpdf2's built-in font.

Example::

    >>> data = poster_pdf("Tuesday hips", "K7PQ-3MXD",
    ...                   "http://localhost:8501/?workshop=K7PQ-3MXD",
    ...                   datetime(2026, 12, 14, tzinfo=UTC))
    >>> data[:5]
    b'%PDF-'
"""

from __future__ import annotations

from datetime import UTC, datetime

from fpdf import FPDF

from ..messages import NOTICE
from ..pdf import pdf_text
from .qr import BORDER, qr_matrix

__all__ = ["day_text", "poster_pdf"]

FONT = "Helvetica"  # fpdf2's built-in font, as in the summary PDF
ENCODING = "windows-1252"  # what that font covers; pdf_text keeps titles inside it
MARGIN = 18.0
INK = (20, 20, 20)
MUTED = (80, 80, 80)
TEAL = (15, 118, 110)
QR_SIZE = 110.0  # mm: a phone reads it from a few metres away
TITLE_SIZES = (30, 24, 19, 15)  # the first that fits the title on two lines wins


def day_text(moment: datetime) -> str:
    """``14 December 2026`` (the UTC day), as the poster and the pages write dates."""
    day = moment.astimezone(UTC)
    return f"{day.day} {day:%B %Y}"


def poster_pdf(title: str, code: str, link: str, expires: datetime) -> bytes:
    """The workshop's poster as PDF bytes: title, QR code of ``link``, the code, the link,
    who sees the answers and when they are deleted, and the notice. Always one page."""
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.core_fonts_encoding = ENCODING
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(auto=False)
    pdf.set_creation_date(expires.astimezone(UTC))  # same inputs, same bytes
    pdf.set_title(pdf_text(f"{title}: check in"))
    pdf.set_creator("psoas-check")
    pdf.set_lang("en")
    pdf.add_page()
    width = pdf.w - 2 * MARGIN
    pdf.set_text_color(*TEAL)
    pdf.set_font(FONT, "B", 13)
    pdf.cell(width, 7, "Before class: a short, private self-check", align="C",
             new_x="LMARGIN", new_y="NEXT")
    _title(pdf, pdf_text(title), width)
    pdf.set_text_color(*MUTED)
    pdf.set_font(FONT, "", 13)
    pdf.cell(width, 7, "Point your phone's camera at the square", align="C",
             new_x="LMARGIN", new_y="NEXT")
    _qr(pdf, link, pdf.get_y() + 2)
    pdf.set_y(pdf.get_y() + QR_SIZE + 4)
    pdf.set_text_color(*INK)
    pdf.set_font(FONT, "", 12)
    pdf.cell(width, 6, "or open the self-check and type the code", align="C",
             new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "B", 46)
    pdf.cell(width, 20, pdf_text(code), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 10)
    pdf.multi_cell(width, 5, pdf_text(link), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    _who(pdf, width, day_text(expires))
    pdf.set_y(pdf.h - MARGIN - 16)
    pdf.set_text_color(*MUTED)
    pdf.set_font(FONT, "B", 8.5)
    pdf.cell(width, 4.5, "Not a diagnosis.", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 8.5)
    pdf.multi_cell(width, 4.2, pdf_text(NOTICE), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _title(pdf: FPDF, title: str, width: float) -> None:
    """The workshop's title, as large as fits on two lines (cut short beyond that)."""
    lines: list[str] = []
    for size in TITLE_SIZES:
        pdf.set_font(FONT, "B", size)
        found = pdf.multi_cell(width, size * 0.45, title, align="C", dry_run=True,
                               output="LINES")
        lines = [str(line) for line in found] if isinstance(found, list) else [title]
        if len(lines) <= 2:
            break
    if len(lines) > 2:
        lines = [lines[0], lines[1].rstrip().rsplit(" ", 1)[0] + "\u2026"]
    pdf.set_text_color(*INK)
    pdf.multi_cell(width, size * 0.45, "\n".join(lines), align="C",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _qr(pdf: FPDF, link: str, top: float) -> None:
    """The code as filled squares, one rectangle per run of dark modules in a row."""
    matrix = qr_matrix(link)
    module = QR_SIZE / (len(matrix) + 2 * BORDER)
    left = (pdf.w - QR_SIZE) / 2 + BORDER * module
    top += BORDER * module
    pdf.set_fill_color(0, 0, 0)
    for y, row in enumerate(matrix):
        x = 0
        while x < len(row):
            if not row[x]:
                x += 1
                continue
            start = x
            while x < len(row) and row[x]:
                x += 1
            # A hair of overlap so no white seam shows between neighbouring runs in print.
            pdf.rect(left + start * module, top + y * module, (x - start) * module + 0.02,
                     module + 0.02, style="F")


def _who(pdf: FPDF, width: float, deleted: str) -> None:
    lines = [
        "Nothing leaves your phone unless you press Send at the end and tick that you agree.",
        "What you send is sealed: only your teacher, who holds this workshop's key, can "
        "read it.",
        f"Everything sent to this workshop is deleted on {deleted}, or sooner if your "
        "teacher deletes it.",
    ]
    pdf.set_draw_color(*TEAL)
    pdf.set_line_width(0.4)
    top = pdf.get_y()
    pdf.set_x(MARGIN + 4)
    pdf.set_font(FONT, "B", 11)
    pdf.set_text_color(*INK)
    pdf.cell(width - 8, 6, "Who sees your answers", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 10.5)
    for line in lines:
        pdf.set_x(MARGIN + 4)
        pdf.multi_cell(width - 8, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.rect(MARGIN, top - 2, width, pdf.get_y() - top + 4)
