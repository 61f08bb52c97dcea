"""The Streamlit app: one module per page, plus the components they share.

Only this package imports Streamlit. Pages hold no logic of their own: they read answers
through :mod:`psoas_check.answers`, assess with :mod:`psoas_check.assess` and render the
result (``results.show_results``, reused by the instructors' roster).
"""
