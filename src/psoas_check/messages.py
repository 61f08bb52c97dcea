"""Fixed wording shown on the form, the results and at the top of every download."""

from __future__ import annotations

__all__ = ["EVALUATION_NOTE", "NOTICE", "PAGE_LOAD_CLAIM", "STATUS_TEXT", "UNREADABLE_FLAGS"]

NOTICE = (
    "psoas-check is not a diagnosis and not medical advice. It points to reading and gentle "
    "poses based only on what you tell it, and it cannot examine you. If your pain is severe, "
    "new, getting worse, or comes with any warning sign, see a doctor or physiotherapist."
)

#: Headline and what to do next, per status (contract section 3).
STATUS_TEXT: dict[str, tuple[str, str]] = {
    "urgent": (
        "Get emergency care now",
        "One or more of your answers is a warning sign that needs a clinician today. Go to an "
        "emergency department or call your local emergency number now. Do not try these "
        "poses; no poses are suggested.",
    ),
    "see_clinician": (
        "See a doctor before you practise",
        "One or more of your answers should be checked by a doctor (or, in pregnancy, your "
        "midwife) before you start or change any practice. Book an appointment soon; no "
        "poses are suggested until then.",
    ),
    "invalid": (
        "Some answers could not be read",
        "The suggestions below use only the answers that could be read. Check the answers "
        "listed under “Answers that could not be read” and try again.",
    ),
    "caution": (
        "Suggestions with cautions for you",
        "Some suggested poses come with a caution that fits your answers. Read it before "
        "you try the pose, and stop if anything hurts.",
    ),
    "ok": (
        "Suggestions for you",
        "Nothing in your answers calls for a clinician first. Move gently and stop if "
        "anything hurts.",
    ),
}

EVALUATION_NOTE = (
    "The source page itself warns that the psoas is rarely the whole story: back pain "
    "usually has several contributing factors, and a good evaluation by a professional is "
    "the key. Treat these suggestions as reading, not as an explanation of your pain."
)

PAGE_LOAD_CLAIM = (
    "The page's own rule of thumb: every 10 lb of extra weight around the belly puts about "
    "30 lb of load on the low back. The page gives no source for the figure and other sites "
    "quote other ratios, so read it as a rough picture, not a measurement."
)

UNREADABLE_FLAGS = (
    "Your answer about warning signs could not be fully read, so no poses are suggested. "
    "Check that answer before practising."
)
