"""Read: one article, or two side by side, with frames, actors, quotes and hedges highlighted."""

import streamlit as st

from common import method_note, outlet_label, start_page
from framing.highlight import HIGHLIGHT_CSS, LAYERS, article_html, article_spans, legend_html

found, event_id, outlets, documents = start_page("Read")
titles = {row.doc_id: f"{outlet_label(found, row.outlet_id)}: {row.title if isinstance(row.title, str) else row.doc_id}"
          for row in documents.itertuples()}

layers = st.multiselect("Highlight", list(LAYERS), default=list(LAYERS), key="read_layers")
side_by_side = st.toggle("Two articles side by side", key="read_two")
st.html(f"<style>{HIGHLIGHT_CSS}</style>" + legend_html(layers or None))
tables = {name: found.table(name, event_id, outlets) for name in ("frames", "actors", "quotes", "hedges")}


def show_article(column, key: str, index: int) -> None:
    """Show one chosen article with its highlights in `column`."""
    doc_id = column.selectbox("Article", list(titles), index=min(index, len(titles) - 1), format_func=titles.get, key=key)
    row = documents[documents["doc_id"] == doc_id].iloc[0]
    spans = article_spans(doc_id, sentences=found.sentences(doc_id), **tables)
    column.caption(f"{row['outlet_id']} · {row.get('published') or 'no date'} · {len(spans)} highlights")
    with column.container(border=True):
        st.html(article_html(row["text"], spans, layers=layers or []))


if side_by_side and len(titles) >= 2:
    first, second = st.columns(2)
    show_article(first, "read_article", 0)
    show_article(second, "read_article_b", 1)
else:
    show_article(st, "read_article", 0)
method_note("highlight")
