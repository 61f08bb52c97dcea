"""Assessment -> a one- or two-page A4 PDF summary, laid out with fpdf2.

The PDF says what the Markdown summary says, in the same order: both render
:func:`psoas_check.report.summary_content`. The non-diagnostic notice comes first, boxed
at the top of page 1; urgent and see-a-clinician statuses get a strong coloured banner.

Text safety: the PDF uses fpdf2's built-in Helvetica, which only covers Windows-1252
(Latin-1 plus typographic quotes, dashes, bullets and the euro sign). No Unicode TTF
ships inside the packages we depend on, and a system font path would make the output
depend on the machine, so names and values that hold other characters (emoji, Hebrew or
Arabic, CJK) degrade instead: :func:`pdf_text` keeps what Windows-1252 can show,
strips accents it cannot (``ő`` -> ``o``), maps compatibility forms (``ﬁ`` -> ``fi``),
drops invisible marks (zero-width joiners, variation selectors, bidi controls) and
writes ``?`` for anything else. Building therefore never raises on any answers.

The output is deterministic for the same inputs and ``today`` (the creation date is
set from it), so two builds compare byte for byte.

Example::

    >>> data = to_pdf(answers, assess(answers), today=date(2024, 5, 6))
    >>> data[:5]
    b'%PDF-'
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import CoreFont

from .answers import Answers
from .assess import Assessment
from .report import (
    ANSWERS_HEADING,
    CARE_POINTS,
    ERRORS_HEADING,
    KIND_HEADINGS,
    WHY_HEADING,
    Item,
    SummaryContent,
    summary_content,
)
from .rules import RuleSet

__all__ = ["pdf_text", "to_pdf"]

ENCODING = "windows-1252"
FONT = "Helvetica"
MARGIN = 13.0
BODY, SMALL = 8.5, 7.4
LEADING = 0.45  # line height in mm per point of font size
RGB = tuple[int, int, int]
INK: RGB = (25, 25, 25)
MUTED: RGB = (90, 90, 90)
WARN: RGB = (150, 60, 0)
RED: RGB = (170, 20, 30)

#: Status banner: fill, border, text colour. Urgent and see_clinician are solid and loud.
BANNERS: dict[str, tuple[RGB, RGB, RGB]] = {
    "urgent": ((170, 20, 30), (120, 0, 10), (255, 255, 255)),
    "see_clinician": ((200, 80, 0), (140, 50, 0), (255, 255, 255)),
    "pregnancy": ((232, 240, 250), (70, 110, 170), INK),
    "invalid": ((236, 236, 236), (120, 120, 120), INK),
    "incomplete": ((255, 243, 205), (200, 150, 0), INK),
    "caution": ((255, 243, 205), (200, 150, 0), INK),
    "ok": ((225, 242, 228), (60, 140, 80), INK),
}
_INVISIBLE = {"Mn", "Me", "Cf"}


def _encodable(char: str) -> bool:
    return char.encode(ENCODING, errors="replace") != b"?" or char == "?"


def pdf_text(text: str) -> str:
    """``text`` reduced to what the PDF's built-in font can show, never raising."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        category = unicodedata.category(char)
        if category == "Cc" and char != "\n":
            out.append("?" if char != "\t" else " ")
        elif _encodable(char):
            out.append(char)
        elif category in _INVISIBLE:
            continue
        else:
            base = "".join(
                c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
            )
            ok = base and all(_encodable(c) and unicodedata.category(c) != "Cc" for c in base)
            out.append(base if ok else "?")
    return "".join(out)


class _SummaryPDF(FPDF):
    """A4 portrait with a quiet footer that repeats the notice's gist and the page number."""

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font(FONT, "", 7.5)
        self.set_text_color(*MUTED)
        dash = " \u2013 "
        text = f"psoas-check summary{dash}not a diagnosis{dash}page {self.page_no()} of {{nb}}"
        self.cell(0, 4, text, align="C")


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
    pdf.set_auto_page_break(auto=True, margin=14)
    pdf.set_creation_date(datetime(doc.date.year, doc.date.month, doc.date.day, tzinfo=UTC))
    pdf.set_title(doc.title)
    pdf.set_creator("psoas-check")
    pdf.set_lang("en")
    pdf.add_page()
    _Writer(pdf).write(doc)
    return bytes(pdf.output())


class _Writer:
    """Lays out one :class:`SummaryContent`; every string passes through :func:`pdf_text`.

    Lines are wrapped here, word by word, and drawn with ``cell``: fpdf2's ``multi_cell``
    re-measures the whole line for every character, which made a two-page summary take
    about 250 ms; this takes a tenth of that. All text is left-aligned.
    """

    def __init__(self, pdf: FPDF) -> None:
        self.pdf = pdf
        self.width = pdf.w - 2 * MARGIN
        pdf.c_margin = 0  # padding is placed explicitly, so wrap widths are exact

    def write(self, doc: SummaryContent) -> None:
        self.notice(doc.notice)
        self.title(doc)
        self.banner(doc)
        if doc.signs:
            self.text(doc.flags_intro or "", style="B", after=1)
            urgent = doc.status == "urgent"
            for sign, advice in doc.signs:
                self.bullet(f"{sign}: {advice}", marker="!" if urgent else "\u2022",
                            marker_color=RED if urgent else MUTED, style="B" if urgent else "")
            if doc.also_tell:
                self.text(doc.also_tell, after=1)
            self.gap(2)
        elif doc.flags_note:
            self.text(doc.flags_note, style="B", color=WARN, after=2)
        for kind, heading in KIND_HEADINGS.items():
            items = doc.of_kind(kind)
            if items:
                self.heading(heading, keep=self._item_start(items[0]))
                for item in items:
                    self.item(item)
        if doc.why:
            self.heading(WHY_HEADING)
            for why in doc.why:
                self.bullet(
                    f"{why.title} ({why.rule}): when {why.because}. Your answers: {why.given}.",
                    size=SMALL,
                )
            self.gap(1.5)
        if doc.load_claim:
            self.text(doc.load_claim, after=1.5)
        if doc.evaluation_note:
            self.text(doc.evaluation_note, style="I", after=1)
        if doc.errors:
            self.heading(ERRORS_HEADING)
            for err in doc.errors:
                self.bullet(err, marker="!", marker_color=WARN)
            self.gap(2)
        self.answers(doc)
        self.text(doc.source, size=SMALL, color=MUTED)

    # -- blocks ---------------------------------------------------------------------------

    def notice(self, notice: str) -> None:
        pdf, pad, line, size = self.pdf, 3.0, 4.5, BODY + 0.5
        inner = self.width - 2 * pad
        lead = "Not a diagnosis. "
        pdf.set_font(FONT, "B", size)
        lead_width = pdf.get_string_width(lead)
        pdf.set_font(FONT, "", size)
        lines = self._wrap(notice, inner, first=lead_width)
        top = pdf.get_y()
        height = len(lines) * line + 2 * pad
        pdf.set_draw_color(60, 60, 60)
        pdf.set_fill_color(244, 244, 244)
        pdf.set_line_width(0.5)
        pdf.rect(MARGIN, top, self.width, height, style="DF")
        pdf.set_line_width(0.2)
        pdf.set_text_color(*INK)
        pdf.set_xy(MARGIN + pad, top + pad)
        pdf.set_font(FONT, "B", size)
        pdf.cell(lead_width, line, lead, new_x=XPos.RIGHT, new_y=YPos.TOP)
        pdf.set_font(FONT, "", size)
        pdf.cell(inner - lead_width, line, lines[0], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self._lines(lines[1:], MARGIN + pad, inner, line)
        pdf.set_y(top + height + 5)

    def title(self, doc: SummaryContent) -> None:
        self.text(doc.title, style="B", size=17, height=8, after=0.5)
        line = f"Date: {doc.date.isoformat()}"
        if doc.attendee:
            line += f"     Attendee: {doc.attendee}"
        self.text(line, color=MUTED, after=4)

    def banner(self, doc: SummaryContent) -> None:
        pdf, pad = self.pdf, 3.0
        fill, border, ink = BANNERS.get(doc.tone, BANNERS["ok"])
        strong = doc.tone in ("urgent", "see_clinician")
        inner = self.width - 2 * pad
        head_size, head_line = (15.0, 7.0) if strong else (13.0, 7.0)
        todo_style, todo_size, todo_line = ("B", 10.5, 5.0) if strong else ("", BODY, 4.3)
        pdf.set_font(FONT, "B", head_size)
        head = self._height(doc.headline, inner, head_line)
        pdf.set_font(FONT, todo_style, todo_size)
        body = self._height(doc.todo, inner, todo_line)
        height = head + body + 2 * pad + 1
        top = pdf.get_y()
        pdf.set_fill_color(*fill)
        pdf.set_draw_color(*border)
        pdf.set_line_width(1.2 if strong else 0.6)
        pdf.rect(MARGIN, top, self.width, height, style="DF")
        pdf.set_line_width(0.2)
        pdf.set_y(top + pad)
        self.text(doc.headline, style="B", size=head_size, height=head_line, color=ink,
                  width=inner, after=1, x=MARGIN + pad)
        self.text(doc.todo, style=todo_style, size=todo_size, height=todo_line, color=ink,
                  width=inner, x=MARGIN + pad)
        pdf.set_y(top + height + 4)

    def heading(self, text: str, keep: float = 8) -> None:
        """A section heading, moved to the next page unless ``keep`` mm fit below it."""
        pdf = self.pdf
        if pdf.will_page_break(9 + keep):
            pdf.add_page()
        self.gap(0.5)
        self.text(text, style="B", size=12, height=6)
        pdf.set_draw_color(180, 180, 180)
        pdf.line(MARGIN, pdf.get_y(), MARGIN + self.width, pdf.get_y())
        self.gap(2)

    def item(self, item: Item) -> None:
        pdf = self.pdf
        if pdf.will_page_break(self._item_start(item)):
            pdf.add_page()
        self.text(item.title, style="B", size=10, height=5)
        self.text(item.summary, after=0.8)
        for reason in item.reasons:
            self.bullet(f"Why: {reason.text} (rule {reason.rule})", size=SMALL, color=MUTED)
        for caution in item.cautions:
            self.bullet(f"Caution for you: {caution}", marker="!", marker_color=WARN,
                        style="B", color=WARN)
        for point in item.care_points:
            self.bullet(f"{CARE_POINTS}: {point}", marker="!", marker_color=WARN)
        self.bullet(f"Read: {item.read}", size=SMALL, color=MUTED)
        self.gap(1.5)

    def answers(self, doc: SummaryContent) -> None:
        self.heading(ANSWERS_HEADING)
        if doc.answers:
            # Two question/answer pairs per row keep the table to half the height.
            cells = [cell for pair in doc.answers for cell in pair]
            cells += [""] * (-len(cells) % 4)
            widths = [self.width * share for share in (0.27, 0.23, 0.27, 0.23)]
            self.row(["Question", "Answer"] * 2, widths, style="B")
            for index, start in enumerate(range(0, len(cells), 4)):
                self.row(cells[start:start + 4], widths, shade=index % 2 == 0)
            self.gap(1.5)
        if doc.unanswered:
            self.text("Not answered: " + ", ".join(doc.unanswered) + ".", size=SMALL + 0.5,
                      color=MUTED, after=1)

    def row(self, cells: list[str], widths: list[float], style: str = "",
            shade: bool = False) -> None:
        """One table row: cells wrapped in their columns, a rule underneath."""
        pdf, pad, size = self.pdf, 1.5, SMALL + 0.5
        line = size * LEADING
        pdf.set_font(FONT, style, size)
        wrapped = [self._wrap(c, w - 2 * pad) for c, w in zip(cells, widths, strict=True)]
        height = max(len(lines) for lines in wrapped) * line + 2 * 0.8
        if pdf.will_page_break(height):
            pdf.add_page()
        top = pdf.get_y()
        if shade:
            pdf.set_fill_color(245, 245, 245)
            pdf.rect(MARGIN, top, self.width, height, style="F")
        pdf.set_text_color(*INK)
        x = MARGIN
        for lines, width in zip(wrapped, widths, strict=True):
            pdf.set_y(top + 0.8)
            self._lines(lines, x + pad, width - 2 * pad, line)
            x += width
        pdf.set_draw_color(200, 200, 200)
        pdf.line(MARGIN, top + height, MARGIN + self.width, top + height)
        pdf.set_y(top + height)

    # -- primitives -----------------------------------------------------------------------

    def _item_start(self, item: Item) -> float:
        """Room an item's title and the start of its summary need to stay together."""
        self.pdf.set_font(FONT, "", BODY)
        return 5 + min(self._height(item.summary, self.width, BODY * LEADING), 16)

    def _wrap(self, text: str, width: float, first: float = 0) -> list[str]:
        """``text`` broken into lines that fit ``width`` mm in the current font.

        ``first`` mm of the first line are already taken. Words longer than a line are
        split between characters. Always returns at least one line.
        """
        measure = self._measure
        space = measure(" ")
        lines: list[str] = []
        room = width - first
        for paragraph in pdf_text(text).split("\n"):
            words: list[str] = []
            used = 0.0
            for word in paragraph.split(" "):
                size = measure(word)
                while size > width:  # an unbroken run longer than a whole line
                    if words:
                        lines.append(" ".join(words))
                        words, used, room = [], 0.0, width
                    cut = self._fit(word, room)
                    lines.append(word[:cut])
                    word, room = word[cut:], width
                    size = measure(word)
                if words and used + space + size > room:
                    lines.append(" ".join(words))
                    words, used, room = [], 0.0, width
                used += (space if words else 0) + size
                words.append(word)
            lines.append(" ".join(words))
            room = width
        return lines

    def _measure(self, text: str) -> float:
        """Width of ``text`` in mm in the current core font.

        The same sum fpdf2's ``get_string_width`` makes, minus its per-call overhead
        (a copy of the graphics state), which dominated the build time.
        """
        font = self.pdf.current_font
        assert isinstance(font, CoreFont), "the summary uses core fonts only"
        widths = font.cw
        encoded = text.encode(ENCODING).decode("latin-1")
        return sum(widths[char] for char in encoded) * self.pdf.font_size / 1000

    def _fit(self, word: str, room: float) -> int:
        """How many leading characters of ``word`` fit in ``room`` mm (at least one)."""
        measure, used = self._measure, 0.0
        for index, char in enumerate(word):
            used += measure(char)
            if used > room:
                return max(index, 1)
        return len(word)

    def _lines(self, lines: list[str], x: float, width: float, height: float) -> None:
        pdf = self.pdf
        pdf.set_x(x)
        for line in lines:
            pdf.cell(width, height, line, new_x=XPos.LEFT, new_y=YPos.NEXT)

    def _height(self, text: str, width: float, line: float) -> float:
        """Height ``text`` will take in the current font."""
        return len(self._wrap(text, width)) * line

    def text(self, text: str, *, style: str = "", size: float = BODY, height: float = 0,
             color: RGB = INK, width: float = 0, after: float = 0, x: float = MARGIN) -> None:
        """A left-aligned paragraph; ``height`` is the line height, ``width`` the column."""
        pdf = self.pdf
        pdf.set_font(FONT, style, size)
        pdf.set_text_color(*color)
        width = width or self.width
        self._lines(self._wrap(text, width), x, width, height or size * LEADING)
        self.gap(after)

    def bullet(self, text: str, *, marker: str = "\u2022", marker_color: RGB = MUTED,
               style: str = "", size: float = BODY, color: RGB = INK) -> None:
        """A hanging-indent list item with a coloured marker."""
        pdf, indent = self.pdf, 4.5
        line = size * LEADING
        if pdf.will_page_break(line):
            pdf.add_page()
        top = pdf.get_y()
        pdf.set_font(FONT, "B", size)
        pdf.set_text_color(*marker_color)
        pdf.set_xy(MARGIN + 1, top)
        pdf.cell(indent - 1, line, marker)
        pdf.set_y(top)
        self.text(text, style=style, size=size, height=line, color=color,
                  width=self.width - indent, x=MARGIN + indent)
        self.gap(0.3)

    def gap(self, mm: float) -> None:
        if mm:
            self.pdf.set_y(self.pdf.get_y() + mm)
