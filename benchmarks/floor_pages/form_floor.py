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
    st.caption('**Not a diagnosis** and not medical advice: psoas-check cannot examine you. Warning signs come first.')
    st.progress(100, text='Step 7 of 7')
    st.header('Check your answers')
    st.markdown('Here is everything you answered. Press “Change” under a group to go straight to it; a button there brings you back here.')
    with st.container(border=True):
        st.subheader('Warning signs first')
        st.markdown('- **Warning signs**: none of these')
        st.button('Change “Warning signs first”', key='psoas_review_change_warning', type='secondary', icon=':material/edit:')
    with st.container(border=True):
        st.subheader('Daily habits')
        st.markdown('- **Hours sitting on a typical day**: 9 hours\n- **Stretch breaks while sitting**: rarely or never\n- **Days a week with 30\\+ minutes of exercise**: 1 day')
        st.button('Change “Daily habits”', key='psoas_review_change_habits', type='secondary', icon=':material/edit:')
    with st.container(border=True):
        st.subheader('Stress')
        st.markdown('- **Stress over the last month \\(0 to 10\\)**: 8\n- **Money is a main source of stress**: yes')
        st.button('Change “Stress”', key='psoas_review_change_stress', type='secondary', icon=':material/edit:')
    with st.container(border=True):
        st.subheader('Your body')
        st.markdown('- **Extra weight around the belly**: 20 lb\n- **Back muscles tired by the end of the day**: yes')
        st.button('Change “Your body”', key='psoas_review_change_body', type='secondary', icon=':material/edit:')
    with st.container(border=True):
        st.subheader('Your pain')
        st.markdown('- **Where it hurts now**: low back\\; front of the hip or groin\n- **How long the pain has lasted**: not answered\n- **How much the pain bothers you \\(0 to 10\\)**: not answered')
        st.button('Change “Your pain”', key='psoas_review_change_pain', type='secondary', icon=':material/edit:')
    with st.container(border=True):
        st.subheader('Moving and resting')
        st.markdown('- **Low back hurts lying flat with legs long**: yes\n- **Knees strain sitting cross\\-legged**: no\n- **Standing on one leg is hard**: yes\n- **Raising the arms overhead is stiff or painful**: no')
        st.button('Change “Moving and resting”', key='psoas_review_change_poses', type='secondary', icon=':material/edit:')
    with st.container(horizontal=True):
        st.button('Back', key='psoas_back', type='secondary', icon=':material/arrow_back:')
        st.button('See my results', key='psoas_results', type='primary', icon=':material/arrow_forward:', icon_position="right")
    st.caption('Every question is optional. A question you skip is listed as not answered and is never guessed; poses are suggested only once the warning signs are answered.')
    st.button('Start over', key='psoas_start_over', type='tertiary', icon=':material/restart_alt:')
