"""The printable question sheet a teacher hands out: every roster question, with its answers.

One attendee fills in one sheet on paper: each question as the self-check asks it, tick
boxes for the allowed answers (or a line and the range for numbers), the warning signs
first as in the app, and the non-diagnostic notice on every page. The teacher copies the
answers into the question-headed roster (:func:`psoas_check.template.template_csv` with
``questions=True``), whose headers the app maps back on its own.

Example::

    >>> Path("questions.pdf").write_bytes(template_pdf())
"""

from __future__ import annotations

from datetime import UTC, datetime

from fpdf import FPDF

from .answers import FIELDS, FieldSpec
from .messages import NOTICE
from .pdf_layout import ENCODING, FONT, INK, MARGIN, MUTED, RED, pdf_text

__all__ = ["template_pdf"]

BOX = 3.2  # tick box side, mm
#: A fixed date keeps the file identical from one build to the next.
CREATED = datetime(2024, 1, 1, tzinfo=UTC)
NONE_LABEL = "None of these apply to me"


class _Sheet(FPDF):
    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(FONT, "", 7)
        self.set_text_color(*MUTED)
        self.multi_cell(0, 3.2, pdf_text(f"Not a diagnosis. {NOTICE}"), new_x="LMARGIN",
                        new_y="NEXT")
        self.set_text_color(*INK)


def _ask_order() -> list[FieldSpec]:
    """The name first, the warning signs next (as the self-check asks), then the rest."""
    specs = list(FIELDS.values())
    first = [s for s in specs if s.name == "attendee"] + [s for s in specs if s.name == "red_flags"]
    return first + [s for s in specs if s not in first]


def _boxes(pdf: FPDF, labels: list[str], columns: int) -> None:
    """Tick boxes with labels, ``columns`` to a row."""
    width = (pdf.w - 2 * MARGIN - 6) / columns
    pdf.set_font(FONT, "", 9)
    for start in range(0, len(labels), columns):
        pdf.set_x(MARGIN + 6)
        top = pdf.get_y()
        bottom = top
        for column, label in enumerate(labels[start : start + columns]):
            x = MARGIN + 6 + column * width
            pdf.rect(x, top + 0.8, BOX, BOX)
            pdf.set_xy(x + BOX + 1.5, top)
            pdf.multi_cell(width - BOX - 3, 4.6, pdf_text(label), new_x="LEFT", new_y="NEXT")
            bottom = max(bottom, pdf.get_y())
        pdf.set_y(bottom + 0.6)


def _line(pdf: FPDF, hint: str) -> None:
    pdf.set_font(FONT, "", 9)
    pdf.set_x(MARGIN + 6)
    y = pdf.get_y() + 5
    pdf.line(MARGIN + 6, y, MARGIN + 66, y)
    pdf.set_xy(MARGIN + 70, pdf.get_y() + 1)
    pdf.set_text_color(*MUTED)
    pdf.cell(0, 5, pdf_text(hint))
    pdf.set_text_color(*INK)
    pdf.set_y(y + 2)


def _number_hint(spec: FieldSpec) -> str:
    whole = "a whole number" if spec.kind == "integer" else "a number"
    unit = f" {spec.unit}" if spec.unit else ""
    return f"{whole}, {spec.minimum:g} to {spec.maximum:g}{unit}"


def _question(pdf: FPDF, number: int, spec: FieldSpec) -> None:
    if pdf.get_y() > pdf.h - 50:
        pdf.add_page()
    pdf.set_font(FONT, "B", 10.5)
    pdf.set_text_color(*(RED if spec.name == "red_flags" else INK))
    pdf.multi_cell(0, 5.4, pdf_text(f"{number}. {spec.question}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)
    if spec.name == "red_flags":
        pdf.set_font(FONT, "", 8.5)
        pdf.set_text_color(*MUTED)
        pdf.multi_cell(0, 4.2, pdf_text("Tick every one that applies, or the last box if none "
                                        "does. If one applies, please tell your teacher "
                                        "before class and see a doctor first."),
                       new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(*INK)
        _boxes(pdf, [*spec.options.values(), NONE_LABEL], 1)
    elif spec.kind == "bool":
        _boxes(pdf, ["Yes", "No"], 4)
    elif spec.kind == "choice":
        _boxes(pdf, list(spec.options.values()), 3)
    elif spec.kind == "set":
        _boxes(pdf, [*spec.options.values(), "None of these"], 2)
    elif spec.kind in ("number", "integer"):
        _line(pdf, _number_hint(spec))
    else:
        _line(pdf, "any name or code you like")
    pdf.ln(2.5)


def template_pdf() -> bytes:
    """The question sheet as PDF bytes (A4; the same bytes on every build)."""
    pdf = _Sheet(orientation="P", unit="mm", format="A4")
    pdf.core_fonts_encoding = ENCODING
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_creation_date(CREATED)
    pdf.set_title("psoas-check: questions before class")
    pdf.set_creator("psoas-check")
    pdf.set_lang("en")
    pdf.add_page()
    pdf.set_font(FONT, "B", 15)
    pdf.multi_cell(0, 7, "Before class: a few questions about your back", new_x="LMARGIN",
                   new_y="NEXT")
    pdf.set_font(FONT, "", 9.5)
    pdf.multi_cell(0, 4.8, pdf_text(
        "Every question is optional. Your teacher uses the answers to see who should not "
        "practise yet, and which poses need a change for you. The answers stay with your "
        "teacher."), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)
    pdf.set_font(FONT, "B", 9.5)
    pdf.multi_cell(0, 4.8, pdf_text(f"Not a diagnosis. {NOTICE}"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for number, spec in enumerate(_ask_order(), start=1):
        _question(pdf, number, spec)
    return bytes(pdf.output())
