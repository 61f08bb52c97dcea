# ruff: noqa: E501  (generated: one call per line, text as the app shows it)
"""Floor page for benchmarks/bench_rerun.py: the last step of a filled self-check (pose questions).

The same elements as the app draws there (types, count, nesting, labels, keys, text),
as static calls with no logic behind them. Written by
``python benchmarks/bench_rerun.py --write-floors``; regenerate, do not edit.
"""

import streamlit as st


def _nothing() -> bytes:
    return b""


def render() -> None:
    """Draw the page."""
    st.title('Psoas self-check')
    st.markdown("A few minutes of questions: first a short list of warning signs, then your day, your stress, your body and where it hurts. The answers point you to the parts of David Keil's “Psoas Muscle Resources” page worth reading and the gentle poses worth trying, and say why.")
    st.info('**Not a diagnosis.** psoas-check is not a diagnosis and not medical advice. It points to reading and gentle poses based only on what you tell it, and it cannot examine you. If your pain is severe, new, getting worse, or comes with any warning sign, see a doctor or physiotherapist.', icon=':material/info:')
    with st.expander('Continue from a saved summary', expanded=False):
        st.file_uploader('Load the JSON summary you downloaded before', type=['json'], key='psoas_upload_0', help='Your answers are read in this browser session only; nothing is kept.')
    st.progress(100, text='Step 6 of 6')
    st.header('Moving and resting')
    st.radio('Does your low back hurt or tense when you lie on your back with your legs straight?', ['Not answered', 'Yes', 'No'], index=1, key='psoas_w_pain_lying_on_back', horizontal=True, help='Lying on your back with both legs stretched out along the floor.')
    st.radio('When you sit cross-legged, do your knees strain or does one sit higher?', ['Not answered', 'Yes', 'No'], index=2, key='psoas_w_knee_discomfort_sitting', horizontal=True, help='Either knee strains, or one knee sits higher than the other.')
    st.radio('Is it hard for you to stand on one leg?', ['Not answered', 'Yes', 'No'], index=1, key='psoas_w_balance_difficulty', horizontal=True, help='Say yes if you wobble or need to hold on within a few seconds.')
    st.radio('Is raising your arms overhead stiff or painful?', ['Not answered', 'Yes', 'No'], index=2, key='psoas_w_arms_overhead_difficulty', horizontal=True, help='Lifting both arms straight up beside your ears.')
    with st.container(horizontal=True):
        st.button('Back', key='psoas_back', type='secondary', icon=':material/arrow_back:')
        st.button('See my results', key='psoas_results', type='primary', icon=':material/arrow_forward:', icon_position="right")
    st.caption('Every question is optional. A question you skip is listed as not answered and is never guessed; poses are suggested only once the warning signs are answered.')
    st.button('Start over', key='psoas_start_over', type='tertiary', icon=':material/restart_alt:')
