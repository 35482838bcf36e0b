"""Charts of fact coverage (facts × outlets) and of document similarity (clustered heatmap)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..similarity import similarity_linkage, similarity_matrix
from ._common import (
    NO_OUTLET, ONE_PER_OUTLET_WARNING, _add_warnings, _escape, _layout, _number, _require, _truncate,
)

#: Longest fact label shown on the axis (the full sentence is in the hover text).
FACT_LABEL_CHARS = 70
#: Longest sentence shown in a cell's hover text.
FACT_HOVER_CHARS = 300
#: Cell states of the coverage matrix and their colours: absent, reported by several, by this one only, by all.
COVERAGE_STATES = {
    "absent": ("#F2F2F2", "not reported"),
    "shared": ("#88CCEE", "reported (shared with some)"),
    "unique": ("#CC6677", "reported by this document only"),
    "all": ("#332288", "reported by every document of the event"),
}
COVERAGE_WARNING = (
    "Absent = no sentence of the article matched: the fact may be worded differently or split over sentences, "
    "or the article shorter or older."
)


def _column_labels(df: pd.DataFrame, documents: pd.DataFrame | None) -> dict[str, str]:
    """Return the axis label of each document: its outlet (and doc id, when an outlet has several)."""
    outlets = df.drop_duplicates("doc_id").set_index("doc_id")["outlet_id"]
    if documents is not None and "outlet_id" in documents:
        outlets = outlets.combine_first(documents.set_index("doc_id")["outlet_id"])
    names = {d: (o if isinstance(o, str) and o else NO_OUTLET) for d, o in outlets.items()}
    one_each = pd.Series(names).value_counts().le(1).all()
    return {d: o if one_each and o != NO_OUTLET else f"{o} · {d}" for d, o in names.items()}


def fact_coverage(df: pd.DataFrame, *, documents: pd.DataFrame | None = None, min_documents: int = 1) -> go.Figure:
    """Draw the facts × documents matrix: which article reports which fact.

    Rows are facts, sorted by how many documents report them (most first);
    columns are the articles, labelled by outlet. A cell is coloured when the
    article reports the fact: dark when every article of the event does, red
    when this article alone does (the outlet's unique fact), light blue when
    some do; grey when it does not. Hover shows the fact's label and the
    article's own sentence(s).

    Args:
        df: the table `framing.fact_coverage(corpus)` returns.
        documents: `corpus.documents`, for outlet ids of documents (optional).
        min_documents: show only facts reported by at least this many
            documents (2 hides the unique facts).

    Returns:
        A plotly Figure (one `go.Heatmap`), with a legend of the cell states.
    """
    _require(df, ["fact_id", "label", "doc_id", "outlet_id", "present", "sentence", "n_documents",
                  "n_event_documents"], "fact_coverage")
    shown = df[df["n_documents"] >= min_documents]
    facts = list(dict.fromkeys(shown["fact_id"]))
    columns = _column_labels(df, documents)
    doc_ids = sorted(dict.fromkeys(shown["doc_id"]), key=lambda d: (columns[d], d))
    fact_pos = {f: k for k, f in enumerate(facts)}
    doc_pos = {d: k for k, d in enumerate(doc_ids)}
    state_code = {name: k for k, name in enumerate(COVERAGE_STATES)}
    z = np.full((len(facts), len(doc_ids)), np.nan)
    hover = np.full((len(facts), len(doc_ids)), "", dtype=object)
    for row in shown.itertuples(index=False):
        i, j = fact_pos[row.fact_id], doc_pos[row.doc_id]
        if not row.present:
            state = "absent"
        elif row.n_documents >= row.n_event_documents and row.n_event_documents > 1:
            state = "all"
        elif row.n_documents == 1:
            state = "unique"
        else:
            state = "shared"
        z[i, j] = state_code[state]
        said = _escape(_truncate(row.sentence, FACT_HOVER_CHARS)) if row.present else "(no sentence of this article)"
        hover[i, j] = (
            f"<b>{_escape(_truncate(row.label, FACT_HOVER_CHARS))}</b><br>"
            f"{_escape(columns[row.doc_id])}: {_escape(COVERAGE_STATES[state][1])}<br>"
            f"reported by {int(row.n_documents)} of {int(row.n_event_documents)} documents<br>"
            f"<i>{said}</i><br>fact {_escape(row.fact_id)}"
        )
    n_states = len(COVERAGE_STATES)
    colorscale = []
    for k, (color, _) in enumerate(COVERAGE_STATES.values()):
        colorscale += [[k / n_states, color], [(k + 1) / n_states, color]]
    counts = shown.drop_duplicates("fact_id").set_index("fact_id")
    y_labels = [
        f"{_escape(_truncate(counts.at[f, 'label'], FACT_LABEL_CHARS))} ({int(counts.at[f, 'n_documents'])}/{int(counts.at[f, 'n_event_documents'])})"
        for f in facts
    ]
    fig = go.Figure(go.Heatmap(
        z=z, x=[_escape(columns[d]) for d in doc_ids], y=y_labels, zmin=-0.5, zmax=n_states - 0.5,
        colorscale=[[p, c] for p, c in colorscale], showscale=False, xgap=2, ygap=2,
        text=hover, hovertemplate="%{text}<extra></extra>", name="coverage",
    ))
    for name, (color, meaning) in COVERAGE_STATES.items():
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=meaning,
                                 marker=dict(size=12, symbol="square", color=color), showlegend=True))
    notes = [COVERAGE_WARNING]
    per_outlet = shown.drop_duplicates("doc_id").groupby("outlet_id")["doc_id"].size()
    if len(per_outlet) and (per_outlet == 1).all():
        notes.append(ONE_PER_OUTLET_WARNING)
    _add_warnings(fig, notes)
    _layout(fig, title="Fact coverage: which article reports which fact", n_rows=len(facts), n_notes=len(notes),
            legend_title="cell", n_legend=n_states,
            xaxis=dict(side="top", tickangle=0, title=None),
            yaxis=dict(autorange="reversed", title=None, automargin=True))
    fig.update_layout(margin=dict(t=fig.layout.margin.t + 40))
    fig.update_annotations(selector=dict(name="warning"), yshift=40)  # above the outlet labels on top
    return fig


def similarity(df: pd.DataFrame, *, documents: pd.DataFrame | None = None) -> go.Figure:
    """Draw the similarity matrix as a heatmap in clustering order, with the dendrogram above it.

    Args:
        df: the table `framing.similarity(corpus)` returns (by documents or outlets).
        documents: `corpus.documents`, to label documents with their outlet (optional).

    Returns:
        A plotly Figure: a dendrogram (average linkage on 1 − similarity) over a
        heatmap of the cosine similarities; hover shows the counts behind each value.
    """
    _require(df, ["a", "b", "similarity", "n_shared_features", "n_features_a", "n_features_b",
                  "n_tokens_a", "n_tokens_b"], "similarity")
    tree, names = similarity_linkage(df)
    if len(names) >= 2:
        from scipy.cluster.hierarchy import dendrogram  # imported when drawn: slow to import

        tree_plot = dendrogram(tree, no_plot=True, labels=names)
        order = list(tree_plot["ivl"])
    else:
        tree_plot, order = None, names
    square = similarity_matrix(df).reindex(index=order, columns=order)
    outlet_of = {}
    if documents is not None and "outlet_id" in documents:
        outlet_of = documents.set_index("doc_id")["outlet_id"].to_dict()
    labels = [_escape(f"{outlet_of[n]} · {n}" if n in outlet_of and isinstance(outlet_of[n], str) else n) for n in order]
    rows = df.set_index(["a", "b"])
    hover = [[
        (lambda r: f"<b>{_escape(a)}</b> × <b>{_escape(b)}</b><br>cosine {_number(r['similarity'], 3)}<br>"
                   f"{int(r['n_shared_features'])} lemmas in common<br>"
                   f"{_escape(a)}: {int(r['n_features_a'])} lemmas, {int(r['n_tokens_a'])} tokens<br>"
                   f"{_escape(b)}: {int(r['n_features_b'])} lemmas, {int(r['n_tokens_b'])} tokens")(rows.loc[(a, b)])
        for b in order] for a in order]
    values = square.to_numpy(dtype=float)
    off = values[~np.eye(len(order), dtype=bool)] if len(order) > 1 else values.ravel()
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.25, 0.75], vertical_spacing=0.02)
    if tree_plot is not None:
        for xs, ys in zip(tree_plot["icoord"], tree_plot["dcoord"]):
            fig.add_trace(go.Scatter(x=[(x - 5) / 10 for x in xs], y=ys, mode="lines", line=dict(color="#555555", width=1.5),
                                     hoverinfo="skip", showlegend=False, name="dendrogram"), row=1, col=1)
    fig.add_trace(go.Heatmap(
        z=values, x=list(range(len(order))), y=labels, colorscale="Blues",
        zmin=0, zmax=float(np.nanmax(off)) if len(off) and np.isfinite(np.nanmax(off)) else 1,
        text=hover, hovertemplate="%{text}<extra></extra>", texttemplate="%{z:.2f}",
        colorbar=dict(title=dict(text="cosine"), len=0.7, y=0.35), name="similarity",
    ), row=2, col=1)
    n_docs = df.drop_duplicates("a")
    notes = []
    if "n_documents_a" in df and (n_docs["n_documents_a"] == 1).all() and len(n_docs) > 1:
        notes.append("Each row is one article: similarity describes these articles, not the outlets.")
    if len(order) < 4:
        notes.append(f"Only {len(order)} rows: the clustering order means little.")
    _add_warnings(fig, notes)
    _layout(fig, title="Which texts read alike: cosine similarity of lemma TF-IDF (stop words removed)",
            n_rows=len(order) * 1.6 + 4, n_notes=len(notes), legend_title="")
    fig.update_xaxes(tickmode="array", tickvals=list(range(len(order))), ticktext=labels, row=2, col=1)
    fig.update_xaxes(showticklabels=False, row=1, col=1)
    fig.update_yaxes(title_text="1 − similarity", row=1, col=1)
    fig.update_yaxes(autorange="reversed", row=2, col=1)
    return fig
