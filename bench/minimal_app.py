"""The smallest dashboard: one Plotly bar chart of a few numbers, nothing else.

The baseline of bench/dashboard.py: whatever Streamlit, Plotly and the browser
cost to show one chart, the real dashboard pays too, so its cold start is
reported as a ratio to this app's.
"""

import plotly.graph_objects as go
import streamlit as st

figure = go.Figure(go.Bar(x=["a", "b", "c", "d"], y=[3, 1, 4, 1]))
st.plotly_chart(figure)
