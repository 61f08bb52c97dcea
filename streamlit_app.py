"""psoas-check in the browser: `streamlit run streamlit_app.py`."""

import streamlit as st

from psoas_check.ui import about_page, roster, rules, self_check, workshop

st.set_page_config(page_title="psoas-check", page_icon="🧘")
# Only the self-check is imported up front; each other page loads on its first visit.
st.navigation(
    [
        st.Page(self_check.render, title="Self-check", icon=":material/checklist:", default=True),
        st.Page(
            rules,
            title="How suggestions are made",
            icon=":material/rule:",
            url_path="how-suggestions-are-made",
        ),
        st.Page(
            roster,
            title="Instructors: screen a roster",
            icon=":material/groups:",
            url_path="roster",
        ),
        st.Page(workshop, title="Instructors: live workshop",
                icon=":material/qr_code_2:", url_path="workshop"),
        st.Page(about_page, title="About", icon=":material/info:", url_path="about"),
    ]
).run()
