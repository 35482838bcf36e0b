"""The dashboard: how did different outlets cover the same event? (`make run` starts it.)

Reads the Parquet tables of a build (`$FRAMING_BUILD`, default `build/`) and
draws them with `framing.charts`. Pages live in `dashboard/views/` (not `pages/`, which Streamlit would also run as pages of its own); the
sidebar's filters (event, outlets) apply on every page.
"""

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent))  # `common`, whichever folder streamlit starts in

from common import keep_widget_choices, results, sidebar_filters  # noqa: E402

st.set_page_config(page_title="Framing: how outlets covered one event", layout="wide")

PAGES = [
    st.Page("views/01_overview.py", title="Overview", url_path="overview", default=True),
    st.Page("views/02_word_choice.py", title="Word choice", url_path="word_choice"),
    st.Page("views/03_frames.py", title="Frames", url_path="frames"),
    st.Page("views/04_voices.py", title="Voices", url_path="voices"),
    st.Page("views/05_comparison.py", title="Comparison", url_path="comparison"),
    st.Page("views/06_outlet_profile.py", title="Outlet profile", url_path="outlet_profile"),
    st.Page("views/07_read.py", title="Read", url_path="read"),
]

# The tables' own "Download as CSV" would write cells a spreadsheet runs as formulas; every
# table has a "Download CSV" button (common.show_table) that neutralises them instead.
st.html('<style>[data-testid="stElementToolbarButton"]:has(button[aria-label="Download as CSV"])'
        " { display: none; }</style>")

keep_widget_choices()
page = st.navigation(PAGES)
sidebar_filters(results())
page.run()
