"""Overview: the event, its outlets, article lengths, readability and, on request, the cleaning report."""

import streamlit as st

from common import show_chart, show_sections, show_table, start_page
from framing import charts

READABILITY_MEASURES = {
    "flesch_amstad": "Flesch reading ease (Amstad, German)", "wstf1": "Wiener Sachtextformel 1 (school grade)",
    "mattr": "Vocabulary diversity (MATTR)", "mtld": "Vocabulary diversity (MTLD)",
    "words_per_sentence": "Words per sentence",
}

found, event_id, outlets, documents = start_page("Overview")

event = found.events[found.events["event_id"] == event_id] if "event_id" in found.events else found.events.iloc[:0]
if not event.empty and isinstance(event.iloc[0].get("description"), str):
    st.markdown(event.iloc[0]["description"])
scores = found.table("readability", event_id, outlets)


def lengths() -> None:
    show_chart(charts.lengths(scores, documents=documents), "lengths")


def articles() -> None:
    st.subheader("Outlets")
    st.caption("Declared facts about each outlet (from outlets.csv), with the evidence they rest on.")
    outlet_table = found.outlets[found.outlets["outlet_id"].isin(outlets)]
    n_articles = documents.groupby("outlet_id").size().rename("n_articles")
    show_table(outlet_table.merge(n_articles, left_on="outlet_id", right_index=True, how="left"), "outlets",
               event_id=event_id)
    st.subheader("Articles")
    article_columns = [c for c in ("doc_id", "outlet_id", "title", "published", "url", "attribution") if c in documents]
    show_table(documents[article_columns], "articles", event_id=event_id)


def readability() -> None:
    metric = st.selectbox("Readability measure", list(READABILITY_MEASURES), format_func=READABILITY_MEASURES.get,
                          key="readability_measure")
    show_chart(charts.readability(scores, metric=metric, documents=documents), "readability")
    show_chart(charts.sentence_lengths(found.table("sentence_lengths", event_id, outlets), documents=documents),
               "sentence_lengths")
    show_table(scores, "readability", event_id=event_id)


def cleaning() -> None:
    st.caption("Lines removed from the articles before analysis (boilerplate, captions, links), and problems "
               "found while loading the corpus files.")
    removed = found.table("cleaning", event_id, outlets)
    if removed.empty:
        st.info("Cleaning removed nothing from these articles.")
    else:
        show_chart(charts.cleaning(removed, documents=documents), "cleaning")
        show_table(removed, "cleaning", event_id=event_id)
    if len(found.problems):
        st.markdown("**Problems found while loading the corpus files**")
        show_table(found.problems, "problems")


show_sections({"Article lengths": lengths, "Outlets and articles": articles, "Readability": readability,
               "Cleaning report": cleaning},
              key="overview_tab")
