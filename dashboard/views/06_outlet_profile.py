"""Outlet profile: what each outlet declares and what its texts measurably do; one outlet, or two side by side."""

import streamlit as st

from common import outlet_label, show_chart, show_sections, show_table, start_page, with_warnings
from framing import charts

found, event_id, outlets, documents = start_page("Outlet profile")
profile = found.table("leaning_profile", event_id, outlets)
label = lambda o: outlet_label(found, o)  # noqa: E731


def one_outlet() -> None:
    outlet = st.selectbox("Outlet", outlets, format_func=label, key="profile_outlet")
    show_chart(charts.leaning_profile(profile, outlet, documents=documents), "leaning_profile",
               warnings=found.warnings("leaning_profile", event_id))
    with st.expander("The evidence behind each indicator"):
        show_table(profile[profile["outlet_id"] == outlet], f"leaning_profile_{outlet}", event_id=event_id,
                   key="csv_profile_one")


def side_by_side() -> None:
    if len(outlets) < 2:
        st.info("Select at least 2 outlets in the sidebar.")
        return
    left, right = st.columns(2)
    outlet_a = left.selectbox("First outlet", outlets, index=0, format_func=label, key="profile_a")
    outlet_b = right.selectbox("Second outlet", outlets, index=1, format_func=label, key="profile_b")
    show_chart(charts.leaning_comparison(profile, outlet_a, outlet_b, documents=documents), "leaning_comparison")


def outlet_map() -> None:
    if len(outlets) < 3:
        st.info("The map needs at least 3 outlets: select more in the sidebar.")
        return
    st.caption("Map of the outlets (correspondence analysis of the profile's counts).")
    result, warned = with_warnings(found.leaning_map, event_id, outlets)
    show_chart(charts.leaning_map(result, documents=documents), "leaning_map", warnings=warned)
    with st.expander("The counts the map is computed from"):
        show_table(result.counts.reset_index(), "leaning_map_counts", event_id=event_id)


show_sections({"One outlet": one_outlet, "Two side by side": side_by_side, "Map of the outlets": outlet_map},
              key="profile_tab")
