"""Text layout on an fpdf2 page for the PDF summary: wrapping, paragraphs, bullets, rows.

Text safety: the PDF uses fpdf2's built-in Helvetica, which only covers Windows-1252
(Latin-1 plus typographic quotes, dashes, bullets and the euro sign). No Unicode TTF
ships inside the packages we depend on, and a system font path would make the output
depend on the machine, so names and values that hold other characters (emoji, Hebrew or
Arabic, CJK) degrade instead: :func:`pdf_text` keeps what Windows-1252 can show,
strips accents it cannot (``ő`` -> ``o``), maps compatibility forms (``ﬁ`` -> ``fi``),
drops invisible marks (zero-width joiners, variation selectors, bidi controls) and
writes ``?`` for anything else. Building therefore never raises on any answers.

Lines are wrapped here, word by word, and drawn with ``cell``: fpdf2's ``multi_cell``
re-measures the whole line for every character, which made a two-page summary take
about 250 ms; this takes a tenth of that. All text is left-aligned.
"""

from __future__ import annotations

import unicodedata

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import CoreFont

__all__ = [
    "BODY", "ENCODING", "FONT", "INK", "LEADING", "MARGIN", "MUTED", "RED", "RGB", "SMALL",
    "WARN", "Layout", "pdf_text",
]

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



class Layout:
    """Paragraphs, bullets, headings and table rows on one :class:`FPDF`, in mm.

    Every string passes through :func:`pdf_text`.
    """

    def __init__(self, pdf: FPDF) -> None:
        self.pdf = pdf
        self.width = pdf.w - 2 * MARGIN
        pdf.c_margin = 0  # padding is placed explicitly, so wrap widths are exact

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
