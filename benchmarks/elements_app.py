"""A page of as many elements as the shared link's quotas page sends a viewer (65), each one line
of text, with no data, query, chart or widget: what a page of that size costs a viewer in
Streamlit's own work (each element a message through its queue to the websocket), started as
the dashboard is. Beside the floor app, it shows how much of the dashboard's CPU per viewer
is the size of its page rather than its data."""

import streamlit as st

for line in range(65):
    st.markdown(f"Dòng {line + 1}")
