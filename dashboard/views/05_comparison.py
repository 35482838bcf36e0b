"""Comparison: shared wire copy (reuse), which facts each article reports, and how similar the outlets are."""

import streamlit as st

from common import show_chart, show_sections, show_table, start_page
from framing import charts
from framing.chart_articles import articles_reporting_most, articles_sharing_most
from framing.results import fact_grid

found, event_id, outlets, documents = start_page("Comparison", min_outlets=2)


def reuse() -> None:
    st.caption("Shared passages: wire copy and reuse between articles.")
    passages = found.table("reuse", event_id, outlets)
    shares = found.table("reuse_share", event_id, outlets)
    drawn = articles_sharing_most(shares, len(documents))  # all articles, or those sharing most in a large event
    show_chart(charts.reuse(drawn.pairs(passages), shares=drawn.documents(shares), documents=drawn.documents(documents)),
               "reuse", warnings=found.warnings("reuse", event_id))
    if drawn.caption:
        st.caption(drawn.caption)
    if passages.empty:
        st.info("No two of these articles share a passage.")
        return
    pairs = passages[["doc_a", "doc_b"]].drop_duplicates()
    titles = documents.set_index("doc_id")["title"].fillna("").to_dict()
    pair = st.selectbox("Aligned passages of", list(pairs.itertuples(index=False, name=None)), key="reuse_pair",
                        format_func=lambda p: f"{titles.get(p[0], p[0])[:50]} ↔ {titles.get(p[1], p[1])[:50]}")
    show_chart(charts.reuse_passages(passages, pair[0], pair[1]), "reuse_passages")
    show_table(passages, "reuse", event_id=event_id)


def fact_coverage() -> None:
    st.caption("Which article reports which fact; an empty cell is a fact the article leaves out.")
    reported = found.reported_facts(event_id, outlets)  # present cells only: the full grid of a large event is huge
    if reported.empty:
        st.info("No fact is reported by two or more of these articles.")
        return
    most = int(reported["n_documents"].max())
    start = min(most, max(2, -(-len(documents) // 4)))  # a quarter of the articles: a readable matrix for big events
    min_documents = st.slider("Show facts reported by at least this many articles", 2, max(3, most), start,
                              key="facts_min", help="Facts that one article alone reports are counted on the "
                              "Outlet profile page (facts unique to the outlet).")
    chosen = reported[reported["n_documents"] >= min_documents]
    drawn = articles_reporting_most(chosen, len(documents))
    show_chart(charts.fact_coverage(fact_grid(chosen, drawn.documents(documents)), documents=documents,
                                    min_documents=min_documents),
               "fact_coverage", warnings=found.warnings("fact_coverage", event_id))
    if drawn.caption:
        st.caption(drawn.caption)
    st.caption("The table lists where an article reports a fact (its sentence); the matrix shows the gaps.")
    show_table(chosen, "fact_coverage", event_id=event_id)


def similarity() -> None:
    st.caption("How similar the outlets' vocabulary is.")
    show_chart(charts.similarity(found.table("similarity", event_id, outlets), documents=documents), "similarity",
               warnings=found.warnings("similarity", event_id))


show_sections({"Shared passages": reuse, "Fact coverage": fact_coverage, "Similarity": similarity},
              key="comparison_tab")
