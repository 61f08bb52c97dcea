"""Fixed wording shown on the form, the results and at the top of every download."""

from __future__ import annotations

__all__ = [
    "ALSO_TELL",
    "EVALUATION_NOTE",
    "FLAGS_INTRO",
    "LARGE_LOAD_CLAIM",
    "NOTICE",
    "PAGE_LOAD_CLAIM",
    "PREGNANCY_TEXT",
    "STATUS_TEXT",
    "TIMING_TEXT",
    "UNREADABLE_FLAGS",
    "WHY_LEAD",
]

NOTICE = (
    "psoas-check is not a diagnosis and not medical advice. It points to reading and gentle "
    "poses based only on what you tell it, and it cannot examine you. If your pain is severe, "
    "new, getting worse, or comes with any warning sign, see a doctor or physiotherapist."
)

#: Headline and what to do next, per status (contract section 3). A see_clinician result
#: says how soon from its most pressing sign (:data:`TIMING_TEXT`), and pregnancy on its own
#: has gentler words (:data:`PREGNANCY_TEXT`).
STATUS_TEXT: dict[str, tuple[str, str]] = {
    "urgent": (
        "Get emergency care now",
        "Go to an emergency department now, or call your local emergency number (999 in the "
        "UK, 112 in the EU, 911 in the US). Do not wait to see whether it passes, and do not "
        "try any poses.",
    ),
    "see_clinician": (
        "See a doctor before you practise",
        "Have a doctor check the signs below before you start or change any practice. No "
        "poses are suggested until then.",
    ),
    "invalid": (
        "Some answers could not be read",
        "The suggestions below use only the answers that could be read. Check the answers "
        "listed under “Answers that could not be read” and try again.",
    ),
    "incomplete": (
        "Poses come after the warning-sign questions",
        "You have not answered the warning-sign questions yet, so no poses are suggested. "
        "Answer them (“None of these apply to me” is an answer too) to see the poses that "
        "fit you. Reading that fits your other answers is below.",
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

#: What to do, by the most pressing timing among a see_clinician result's signs.
TIMING_TEXT: dict[str, str] = {
    "same_day": (
        "Contact a doctor today, or your local urgent-care line (NHS 111 in England), about "
        "the signs below. No poses are suggested until a doctor has checked them."
    ),
    "soon": (
        "Ask for an urgent appointment with a doctor, within a day or two, about the signs "
        "below. No poses are suggested until a doctor has checked them."
    ),
    "before_practice": (
        "Book an appointment with your doctor and get their go-ahead before you start or "
        "change any practice. No poses are suggested until then."
    ),
}

PREGNANCY_TEXT = (
    "Check with your midwife or doctor first",
    "Before you try new poses, ask your midwife or doctor which ones suit you now: some "
    "poses need changing in pregnancy and in the months after a birth. No poses are "
    "suggested here until then; reading that fits your answers is below.",
)

#: The heading above the signs a person marked, by what the result is about.
FLAGS_INTRO = {
    "urgent": "Warning signs you marked, and what each one needs:",
    "see_clinician": "Signs you marked, and what to do about each:",
    "pregnancy": "About pregnancy and a recent birth:",
}
#: Under an urgent result: the other signs to mention, and nothing else.
ALSO_TELL = "When you get there, also mention: "

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

#: Above this estimate the page's ratio is not multiplied out (it was never a formula).
LARGE_LOAD_CLAIM = (
    "The page's rule of thumb is that every 10 lb of extra weight around the belly puts "
    "about 30 lb of load on the low back. It gives no source, and it is a rough picture for "
    "modest amounts, not a formula that holds at any size, so we do not multiply it out for "
    "an estimate as large as yours. A doctor can help you judge what the weight means for "
    "your back."
)

UNREADABLE_FLAGS = (
    "Your answer about warning signs could not be fully read, so no poses are suggested. "
    "Check that answer before practising."
)

#: Opens the one-sentence "why" under each suggestion, before the rule titles.
WHY_LEAD = "Suggested because your answers show"
