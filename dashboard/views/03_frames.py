"""Frames: outlet × frame heatmap, and the headline + lead against the body."""

import streamlit as st

from common import show_chart, show_sections, show_table, start_page
from framing import charts

SECTIONS = {"all": "whole article", "lead": "headline + lead", "body": "body"}
VALUES = {"hits_per_1000_words": "indicator words per 1,000 words", "share_sentences": "share of sentences with the frame"}

found, event_id, outlets, documents = start_page("Frames")
profile = found.table("frame_profile", event_id, outlets)
indicators = found.frame_indicators()


def by_outlet() -> None:
    left, right = st.columns(2)
    section = left.radio("Part of the article", list(SECTIONS), horizontal=True, key="frames_section",
                         format_func=SECTIONS.get)
    value = right.radio("Value", list(VALUES), horizontal=True, key="frames_value", format_func=VALUES.get)
    show_chart(charts.frame_profile(profile, section=section, value=value, indicators=indicators,
                                    documents=documents), "frame_profile", warnings=found.warnings("frame_profile", event_id))


def lead_and_body() -> None:
    show_chart(charts.frame_profile_lead_body(profile, indicators=indicators, documents=documents),
               "frame_profile_lead_body")


def sentences() -> None:
    st.caption("The sentences behind the frames.")
    found_frames = found.table("frames", event_id, outlets)
    chosen = st.multiselect("Frames", sorted(found_frames["frame"].unique()), key="frames_filter")
    show_table(found_frames[found_frames["frame"].isin(chosen)] if chosen else found_frames, "frames",
               event_id=event_id)
    with st.expander("The frame lexicon: what each frame is and which words indicate it"):
        show_table(indicators, "frame_indicators")


show_sections({"Frames by outlet": by_outlet, "Headline and lead vs body": lead_and_body, "Sentences": sentences},
              key="frames_tab")
