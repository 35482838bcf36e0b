"""Voices: who is mentioned, who is quoted and how, how much room each side gets, hedges and tone."""

import streamlit as st

from common import show_chart, show_table, start_page
from framing import charts

found, event_id, outlets, documents = start_page("Voices")

st.subheader("Actors mentioned")
show_table(found.table("actor_counts", event_id, outlets), "actor_counts", event_id=event_id)

st.subheader("Quotes")
quotes = found.table("quotes", event_id, outlets)
by_outlet, by_side, by_speaker = st.columns(3)
pick_outlets = by_outlet.multiselect("Outlet", sorted(quotes["outlet_id"].dropna().unique()), key="quotes_outlet")
pick_sides = by_side.multiselect("Side", sorted(quotes["side"].dropna().unique()), key="quotes_side")
pick_speakers = by_speaker.multiselect("Speaker", sorted(quotes["speaker"].dropna().unique()), key="quotes_speaker")
shown = quotes
for column, picked in (("outlet_id", pick_outlets), ("side", pick_sides), ("speaker", pick_speakers)):
    if picked:
        shown = shown[shown[column].isin(picked)]
st.caption(f"{len(shown)} of {len(quotes)} quotes.")
show_table(shown[[c for c in ("outlet_id", "doc_id", "kind", "speaker", "side", "cue", "cue_class", "quote", "n_words")
                  if c in shown]], "quotes", event_id=event_id)

st.subheader("Share of voice")
kind = st.radio("Quotes counted", ["all", "direct", "partial", "indirect"], horizontal=True, key="voice_kind")
show_chart(charts.share_of_voice(found.table("share_of_voice", event_id, outlets), documents=documents, kind=kind),
           "share_of_voice", warnings=found.warnings("share_of_voice", event_id))

st.subheader("How quotes are introduced")
show_chart(charts.cue_classes(found.table("cue_classes", event_id, outlets), documents=documents), "cue_classes",
           warnings=found.warnings("cue_classes", event_id))

st.subheader("Distance and hedging")
hedges = found.table("hedges", event_id, outlets)
show_chart(charts.hedges(hedges, documents=documents, words=found.table("readability", event_id, outlets)), "hedges",
           warnings=found.warnings("hedges", event_id))
show_table(hedges, "hedges", event_id=event_id)

st.subheader("Tone around each side")
show_chart(charts.tone_profile(found.table("tone_profile", event_id, outlets), documents=documents), "tone_profile",
           warnings=found.warnings("tone_profile", event_id))
