"""Hello-world floor for benchmarks/bench_startup.py: a title and one text input."""

import streamlit as st

st.title("Hello")
st.text_input("Your name")
