"""Voices: who is mentioned, who is quoted and how, how much room each side gets, hedges and tone."""

import streamlit as st

from common import show_chart, show_sections, show_table, start_page
from framing import charts

QUOTE_COLUMNS = ("outlet_id", "doc_id", "kind", "speaker", "side", "cue", "cue_class", "quote", "n_words")

found, event_id, outlets, documents = start_page("Voices")


def share_of_voice() -> None:
    st.caption("How much room each side gets in quotes.")
    kind = st.radio("Quotes counted", ["all", "direct", "partial", "indirect"], horizontal=True, key="voice_kind")
    show_chart(charts.share_of_voice(found.table("share_of_voice", event_id, outlets), documents=documents,
                                     kind=kind), "share_of_voice", warnings=found.warnings("share_of_voice", event_id))


def quotes() -> None:
    found_quotes = found.table("quotes", event_id, outlets)
    by_outlet, by_side, by_speaker = st.columns(3)
    picks = {
        "outlet_id": by_outlet.multiselect("Outlet", sorted(found_quotes["outlet_id"].dropna().unique()),
                                           key="quotes_outlet"),
        "side": by_side.multiselect("Side", sorted(found_quotes["side"].dropna().unique()), key="quotes_side"),
        "speaker": by_speaker.multiselect("Speaker", sorted(found_quotes["speaker"].dropna().unique()),
                                          key="quotes_speaker"),
    }
    shown = found_quotes
    for column, picked in picks.items():
        if picked:
            shown = shown[shown[column].isin(picked)]
    st.caption(f"{len(shown)} of {len(found_quotes)} quotes.")
    show_table(shown[[c for c in QUOTE_COLUMNS if c in shown]], "quotes", event_id=event_id)


def actors() -> None:
    st.caption("Who is mentioned, how often, in how many articles.")
    show_table(found.table("actor_counts", event_id, outlets), "actor_counts", event_id=event_id)


def cue_classes() -> None:
    st.caption("How quotes are introduced: neutral (sagte), distancing (behauptete), alarm (warnte) …")
    show_chart(charts.cue_classes(found.table("cue_classes", event_id, outlets), documents=documents), "cue_classes",
               warnings=found.warnings("cue_classes", event_id))


def hedging() -> None:
    st.caption("Distance and hedging: angeblich, sogenannt, soll, scare quotes.")
    hedges = found.table("hedges", event_id, outlets)
    show_chart(charts.hedges(hedges, documents=documents, words=found.table("readability", event_id, outlets)),
               "hedges", warnings=found.warnings("hedges", event_id))
    show_table(hedges, "hedges", event_id=event_id)


def tone() -> None:
    st.caption("Tone of the sentences around each side.")
    show_chart(charts.tone_profile(found.table("tone_profile", event_id, outlets), documents=documents),
               "tone_profile", warnings=found.warnings("tone_profile", event_id))


show_sections({"Share of voice": share_of_voice, "Quotes": quotes, "Actors": actors, "Speech verbs": cue_classes,
               "Hedging": hedging, "Tone": tone}, key="voices_tab")
