"""The floor of an app that draws a chart: one line and one small Plotly chart through
`st.plotly_chart`, started as the dashboard is. Beside the one-line floor, its cold start shows
what Streamlit's Plotly element costs any app before it draws its first chart (Plotly's import on
the server, Plotly's JavaScript bundle in the browser)."""

import plotly.graph_objects as go
import streamlit as st

st.write("Xin chào")
st.plotly_chart(go.Figure(go.Bar(x=["a", "b"], y=[1, 2])))
