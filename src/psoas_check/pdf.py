"""Assessment -> a PDF summary to read and practise from, laid out with fpdf2.

The PDF says what the Markdown summary says, in the same order: both render
:func:`psoas_check.summary.summary_content`. The non-diagnostic notice comes first, boxed
at the top of page 1, and again in full in the footer of every page, so a printed page
on its own still carries it; urgent and see-a-clinician statuses get a strong coloured
banner. The blocks are in :mod:`psoas_check.pdf_sections`, the text layout (and the
Windows-1252 text safety of :func:`pdf_text`) in :mod:`psoas_check.pdf_layout`.

The output is deterministic for the same inputs and ``today`` (the creation date is
set from it), so two builds compare byte for byte.

Example::

    >>> data = to_pdf(answers, assess(answers), today=date(2024, 5, 6))
    >>> data[:5]
    b'%PDF-'
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from fpdf import FPDF

from .answers import Answers
from .assess import Assessment
from .messages import NOTICE
from .pdf_layout import ENCODING, FONT, MARGIN, MUTED, pdf_text
from .pdf_sections import SummaryLayout
from .rules import RuleSet
from .summary import summary_content

__all__ = ["ENCODING", "FONT", "FOOTER_SIZE", "pdf_text", "to_pdf"]

FOOTER_SIZE = 6.6
_FOOTER_LINE = 2.9  # mm
_FOOTER_TOP = 17.0  # mm above the bottom edge where the footer starts


class _SummaryPDF(FPDF):
    """A4 portrait whose footer carries the whole notice and the page number."""

    def footer(self) -> None:
        self.set_y(-_FOOTER_TOP)
        self.set_draw_color(200, 200, 200)
        self.line(MARGIN, self.get_y(), self.w - MARGIN, self.get_y())
        self.set_y(self.get_y() + 1)
        self.set_font(FONT, "", FOOTER_SIZE)
        self.set_text_color(*MUTED)
        text = f"Not a diagnosis. {NOTICE} psoas-check summary, page {self.page_no()} of {{nb}}."
        self.multi_cell(0, _FOOTER_LINE, pdf_text(text), align="L")


def to_pdf(
    answers: Answers,
    assessment: Assessment,
    ruleset: RuleSet | None = None,
    today: date | None = None,
) -> bytes:
    """The person's summary as PDF bytes (same content and order as ``to_markdown``)."""
    doc = summary_content(answers, assessment, ruleset, today)
    pdf = _SummaryPDF(orientation="P", unit="mm", format="A4")
    pdf.core_fonts_encoding = ENCODING
    pdf.set_margins(MARGIN, 12, MARGIN)
    pdf.set_auto_page_break(auto=True, margin=_FOOTER_TOP + 3)
    pdf.set_creation_date(datetime(doc.date.year, doc.date.month, doc.date.day, tzinfo=UTC))
    pdf.set_title(doc.title)
    pdf.set_creator("psoas-check")
    pdf.set_lang("en")
    pdf.add_page()
    SummaryLayout(pdf).write(doc)
    return bytes(pdf.output())
