"""Streamlit's floor: a one-line app, started as the dashboard is, whose cost per viewer is the
least any Streamlit app has (the denominator of the many-viewers ratios)."""

import streamlit as st

st.write("Xin chào")
