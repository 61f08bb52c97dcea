"""The Streamlit app: one module per page, plus the components they share.

Only this package imports Streamlit. Pages hold no logic of their own: they read answers
through :mod:`psoas_check.answers`, assess with :mod:`psoas_check.assess` and render the
result (``results.show_results``, reused by the instructors' roster).

The router imports only the self-check (the default page); every other page is one of the
functions below, which import their module on the page's first visit.
"""


def roster() -> None:
    """The instructors' roster page, imported on its first visit.

    It pulls in pandas, NumPy and Altair, which the self-check never needs; importing it
    lazily keeps a fresh server's first self-check as quick as Streamlit allows.
    """
    from . import roster_page

    roster_page.render()


def rules() -> None:
    """The "How suggestions are made" page, imported on its first visit."""
    from . import rules_page

    rules_page.render()


def workshop() -> None:
    """The live-workshop page, imported on its first visit (its dashboard and QR code too)."""
    from . import workshop_page

    workshop_page.render()


def about_page() -> None:
    """The About page, imported on its first visit."""
    from . import about

    about.render()
