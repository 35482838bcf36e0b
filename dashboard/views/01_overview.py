"""Overview: the event, its outlets, article lengths, readability and, on request, the cleaning report."""

import streamlit as st

from common import show_chart, show_table, start_page
from framing import charts

found, event_id, outlets, documents = start_page("Overview")

event = found.events[found.events["event_id"] == event_id] if "event_id" in found.events else found.events.iloc[:0]
if not event.empty and isinstance(event.iloc[0].get("description"), str):
    st.markdown(event.iloc[0]["description"])

scores = found.table("readability", event_id, outlets)
show_chart(charts.lengths(scores, documents=documents), "lengths")

st.subheader("Outlets")
st.caption("Declared facts about each outlet (from outlets.csv), with the evidence they rest on.")
outlet_table = found.outlets[found.outlets["outlet_id"].isin(outlets)]
n_articles = documents.groupby("outlet_id").size().rename("n_articles")
show_table(outlet_table.merge(n_articles, left_on="outlet_id", right_index=True, how="left"), "outlets", event_id=event_id)

st.subheader("Articles")
article_columns = [c for c in ("doc_id", "outlet_id", "title", "published", "url", "attribution") if c in documents]
show_table(documents[article_columns], "articles", event_id=event_id)

metric = st.selectbox("Readability measure", ["flesch_amstad", "wstf1", "mattr", "mtld", "words_per_sentence"],
                      format_func=lambda m: {"flesch_amstad": "Flesch reading ease (Amstad, German)",
                                             "wstf1": "Wiener Sachtextformel 1 (school grade)",
                                             "mattr": "Vocabulary diversity (MATTR)", "mtld": "Vocabulary diversity (MTLD)",
                                             "words_per_sentence": "Words per sentence"}[m])
show_chart(charts.readability(scores, metric=metric, documents=documents), "readability")
show_chart(charts.sentence_lengths(found.table("sentence_lengths", event_id, outlets), documents=documents),
           "sentence_lengths")
show_table(scores, "readability", event_id=event_id)

if st.toggle("Show the cleaning report (lines removed from the articles before analysis)"):
    cleaning = found.table("cleaning", event_id, outlets)
    if cleaning.empty:
        st.info("Cleaning removed nothing from these articles.")
    else:
        show_chart(charts.cleaning(cleaning, documents=documents), "cleaning")
        show_table(cleaning, "cleaning", event_id=event_id)
    if len(found.problems):
        st.markdown("**Problems found while loading the corpus files**")
        show_table(found.problems, "problems")
