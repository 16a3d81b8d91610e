"""Placeholder for the registers (import) page; the registers work replaces this file."""

import streamlit as st

st.info("Sổ đăng ký: đang xây dựng / Registers: under construction")
