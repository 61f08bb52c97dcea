"""The Streamlit app: one module per page, plus the components they share.

Only this package imports Streamlit. Pages hold no logic of their own: they read answers
through :mod:`psoas_check.answers`, assess with :mod:`psoas_check.assess` and render the
result (``results.show_results``, reused by the instructors' roster).
"""


def roster() -> None:
    """The instructors' roster page, imported on its first visit.

    It pulls in pandas, NumPy and Altair, which the self-check never needs; importing it
    lazily keeps a fresh server's first self-check as quick as Streamlit allows.
    """
    from . import roster_page

    roster_page.render()
