"""The baseline as a Streamlit app: pandas reads the register CSVs and recomputes the
aggregates on every run (every filter change), then draws one Plotly chart per figure.
The CSV folder comes from BENCH_CSV_DIR."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import plotly.express as px  # noqa: E402
import streamlit as st  # noqa: E402

from benchmarks import baseline  # noqa: E402

csv_dir = Path(os.environ["BENCH_CSV_DIR"])
all_terms = list(baseline.terms()["term"])
districts = st.sidebar.multiselect("district", ["Bắc Hà", "Điện Biên", "Phúc Thọ", "Thanh Trì"],
                                   default=["Bắc Hà", "Điện Biên", "Phúc Thọ", "Thanh Trì"], key="district")
term_list = st.sidebar.multiselect("term", all_terms, default=all_terms, key="term")
topic = st.sidebar.radio("page", list(baseline.FIGURES), key="page")
frame = baseline.FIGURES[topic](csv_dir, districts, term_list)
x = "year" if topic == "poverty" else "term"
st.plotly_chart(px.bar(frame, x=x, y="value", color="district", barmode="group"))
st.dataframe(frame)
