"""The summary's blocks on the page: notice, banner, "Start here", poses, rules, answers.

Laid out from :class:`psoas_check.summary.SummaryContent` in the same order as the
Markdown summary. Poses carry their steps, how long and how often, and care points, so
the page can be practised from; rule ids stay out (the JSON keeps them).
"""

from __future__ import annotations

import io

from fpdf.enums import XPos, YPos

from .diagram import describe_diagram, diagram_svg
from .pdf_layout import BODY, FONT, INK, LEADING, MARGIN, MUTED, RED, RGB, SMALL, WARN, Layout
from .plan import PLAN_INTRO, START_HERE
from .summary import (
    ANSWERS_HEADING,
    CARE_POINTS,
    ERRORS_HEADING,
    HOW_TO,
    KIND_HEADINGS,
    PRACTICE,
    WHY_HEADING,
    Item,
    SummaryContent,
)

__all__ = ["BANNERS", "DIAGRAM_HEADING", "SummaryLayout"]

DIAGRAM_HEADING = "Where the psoas and iliacus run"
LINK: RGB = (20, 70, 150)

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


class SummaryLayout(Layout):
    """Writes one :class:`SummaryContent` onto the PDF, block by block."""

    def write(self, doc: SummaryContent) -> None:
        """Lay out the whole summary from the top of the current page."""
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
        self.start(doc)
        for kind, heading in KIND_HEADINGS.items():
            items = doc.of_kind(kind)
            if items:
                self.heading(heading, keep=self._item_start(items[0]))
                for item in items:
                    self.item(item, doc.link)
        if doc.status != "urgent":
            self.diagram(doc.pain_areas)
        if doc.why:
            self.heading(WHY_HEADING)
            for why in doc.why:  # each rule once, without its id (the JSON keeps ids)
                text = f"{why.title}: when {why.because}. Your answers: {why.given}."
                if why.items:
                    text += f" Led to: {'; '.join(why.items)}."
                self.bullet(text + f" Source: the page's section \u201c{why.source}\u201d.",
                            size=SMALL)
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
        if doc.link:
            self.linked(f"The page: {doc.link_title}, {doc.link}", doc.link, size=SMALL,
                        color=LINK)

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

    def start(self, doc: SummaryContent) -> None:
        """"Start here": this week's habit and pose, and when to see someone."""
        plan = doc.start
        if plan is None:
            return
        self.heading(START_HERE, keep=20)
        if plan.habit or plan.pose:
            self.text(PLAN_INTRO, after=1)
        if plan.habit:
            self.bullet(f"Every day: {plan.habit}", marker="1.")
        if plan.pose:
            marker = "2." if plan.habit else "1."
            self.bullet(f"Try {plan.pose.title}: {plan.pose.practice} Its steps are under "
                        "Poses to try.", marker=marker)
        self.text(f"If it does not help: {plan.see_someone}", style="B", after=2)

    def item(self, item: Item, link: str | None) -> None:
        """One pose or section: what it is, why, how to do it, care points, where to read."""
        pdf = self.pdf
        if pdf.will_page_break(self._item_start(item)):
            pdf.add_page()
        self.text(item.title, style="B", size=10, height=5)
        self.text(item.summary, after=0.8)
        if item.why:
            self.text(f"Why: {item.why}", style="I", size=SMALL + 0.5, color=MUTED, after=0.8)
        for caution in item.cautions:
            self.bullet(f"Caution for you: {caution}", marker="!", marker_color=WARN,
                        style="B", color=WARN)
        if item.steps:
            self.text(f"{HOW_TO}:", style="B", after=0.3)
            for number, step in enumerate(item.steps, 1):
                self.bullet(step, marker=f"{number}.")
        if item.practice:
            self.text(f"{PRACTICE}: {item.practice}", after=0.5)
        for point in item.care_points:
            self.bullet(f"{CARE_POINTS}: {point}", marker="!", marker_color=WARN)
        self.linked(f"Read: {item.read}", link, size=SMALL, color=LINK if link else MUTED)
        self.gap(1.5)

    def diagram(self, pain_areas: list[str]) -> None:
        """The iliopsoas schematic (vector, from the app's own SVG) with its description."""
        pdf, width = self.pdf, 58.0
        height = width * 416 / 400
        if pdf.will_page_break(height + 12):
            pdf.add_page()
        self.heading(DIAGRAM_HEADING, keep=height)
        top = pdf.get_y()
        svg = diagram_svg(pain_areas, described=False).encode()
        pdf.image(io.BytesIO(svg), x=MARGIN, y=top, w=width, h=height)
        pdf.set_y(top + 2)
        column = self.width - width - 6
        self.text(describe_diagram(pain_areas), width=column, x=MARGIN + width + 6, after=1)
        self.text("A simple schematic drawn for psoas-check, not an anatomical drawing.",
                  size=SMALL, color=MUTED, width=column, x=MARGIN + width + 6)
        pdf.set_y(top + height + 3)

    def linked(self, text: str, url: str | None, *, size: float = BODY,
               color: RGB = INK) -> None:
        """A paragraph that opens ``url`` when clicked (a link only; nothing is fetched)."""
        pdf, top = self.pdf, self.pdf.get_y()
        self.text(text, size=size, color=color)
        if url and pdf.get_y() > top:  # a paragraph split over a page break stays unlinked
            pdf.link(MARGIN, top, self.width, pdf.get_y() - top, url)

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

    def _item_start(self, item: Item) -> float:
        """Room an item's title and the start of its summary need to stay together."""
        self.pdf.set_font(FONT, "", BODY)
        return 5 + min(self._height(item.summary, self.width, BODY * LEADING), 16)
