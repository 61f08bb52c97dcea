# ruff: noqa: E501  (generated: one call per line, text as the app shows it)
"""Floor page for benchmarks/bench_rerun.py: the last step of a filled self-check (red flags).

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
    st.markdown("A few minutes of questions about your day, your stress, your body and where it hurts. The answers point you to the parts of David Keil's “Psoas Muscle Resources” page worth reading and the gentle poses worth trying, and say why.")
    st.info('**Not a diagnosis.** psoas-check is not a diagnosis and not medical advice. It points to reading and gentle poses based only on what you tell it, and it cannot examine you. If your pain is severe, new, getting worse, or comes with any warning sign, see a doctor or physiotherapist.', icon=':material/info:')
    with st.expander('Continue from a saved summary', expanded=False):
        st.file_uploader('Load the JSON summary you downloaded before', type=['json'], key='psoas_upload_0', help='Your answers are read in this browser session only; nothing is kept.')
    st.progress(100, text='Step 6 of 6')
    st.header('Warning signs')
    st.markdown('These signs can point to a problem that needs a clinician rather than yoga. If any of them applies, your results will say whom to see, and no poses will be suggested.')
    st.markdown('**Do any of these apply to you now?**')
    st.caption('These need a clinician, not a yoga pose. Tick any that apply now.')
    st.checkbox('New trouble starting, stopping or controlling urine or bowels', value=False, key='psoas_w_red_flags__bladder_bowel', disabled=False)
    st.checkbox('Numbness or tingling around the genitals, buttocks or inner thighs', value=False, key='psoas_w_red_flags__saddle_numbness', disabled=False)
    st.checkbox('Leg weakness or numbness that is getting worse, or pain in both legs', value=False, key='psoas_w_red_flags__leg_weakness', disabled=False)
    st.checkbox('The back pain began after a major accident or fall', value=False, key='psoas_w_red_flags__major_trauma', disabled=False)
    st.checkbox('Fever, or feeling very unwell, along with the back pain', value=False, key='psoas_w_red_flags__fever_unwell', disabled=False)
    st.checkbox('Cancer now or in the past', value=False, key='psoas_w_red_flags__cancer_history', disabled=False)
    st.checkbox('Weight loss you cannot explain', value=False, key='psoas_w_red_flags__weight_loss', disabled=False)
    st.checkbox('Constant pain, worse at night, not eased by rest or by moving', value=False, key='psoas_w_red_flags__night_pain', disabled=False)
    st.checkbox('Pregnant, or gave birth in the last few months', value=False, key='psoas_w_red_flags__pregnancy', disabled=False)
    st.checkbox('None of these', value=True, key='psoas_w_red_flags__none', disabled=False)
    with st.container(horizontal=True):
        st.button('Back', key='psoas_back', type='secondary', icon=':material/arrow_back:')
        st.button('See my results', key='psoas_results', type='primary', icon=':material/arrow_forward:', icon_position="right")
    st.caption('Every question is optional. A question you skip is listed as not answered and is never guessed.')
    st.button('Start over', key='psoas_start_over', type='tertiary', icon=':material/restart_alt:')
