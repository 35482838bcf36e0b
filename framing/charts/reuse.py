"""Charts of text reuse: the documents × documents matrix of shared words, and two aligned passages side by side."""

from __future__ import annotations

import difflib

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..reuse import reuse_words
from ._common import _add_warnings, _escape, _layout, _outlet_key, _require

_PASSAGE_COLUMNS = ["doc_a", "doc_b", "passage_a", "passage_b", "n_words", "n_words_a", "n_words_b", "similarity"]


def _doc_order(passages: pd.DataFrame, shares: pd.DataFrame | None, documents: pd.DataFrame | None) -> pd.DataFrame:
    """Return doc_id, outlet and n_words (when known) of every document to show, sorted by outlet then id."""
    if shares is not None:
        docs = shares[["doc_id", "outlet_id", "n_words"]].copy()
    elif documents is not None:
        docs = documents[["doc_id", "outlet_id"]].copy() if "outlet_id" in documents.columns else documents[["doc_id"]].assign(outlet_id="")
        docs["n_words"] = np.nan
    else:
        docs = pd.concat([
            passages[["doc_a", "outlet_a"]].set_axis(["doc_id", "outlet_id"], axis=1),
            passages[["doc_b", "outlet_b"]].set_axis(["doc_id", "outlet_id"], axis=1),
        ]).drop_duplicates("doc_id")
        docs["n_words"] = np.nan
    docs["_outlet"] = docs["outlet_id"].map(_outlet_key)
    return docs.sort_values(["_outlet", "doc_id"], kind="stable").reset_index(drop=True)


def reuse(passages: pd.DataFrame, *, shares: pd.DataFrame | None = None,
          documents: pd.DataFrame | None = None) -> go.Figure:
    """Return a documents × documents heatmap: how many words of the row's article it shares with the column's.

    Args:
        passages: the table `framing.reuse(corpus)` returns.
        shares: optionally `framing.reuse_share(corpus)`: every document gets
            a row (also those sharing nothing) and the hover shows the share of
            its words.
        documents: optionally `corpus.documents`, for the list of documents
            when `shares` is not given.

    Returns:
        A plotly Figure with one `go.Heatmap` named "reuse": cell (row, column)
        = words of the row's document inside passages it shares with the
        column's document; the hover adds the number of passages, their mean
        similarity and, with `shares`, the share of the row document's words.
        The diagonal is empty. A warning annotation says when no passage was
        found.
    """
    _require(passages, ["doc_a", "doc_b", "n_words_a", "n_words_b", "similarity"], "reuse")
    docs = _doc_order(passages, shares, documents)
    ids = docs["doc_id"].astype(str).tolist()
    position = {d: i for i, d in enumerate(ids)}
    n = len(ids)
    words = np.zeros((n, n))
    count = np.zeros((n, n), dtype=int)
    sim_sum = np.zeros((n, n))
    for a, b, wa, wb, sim in zip(passages["doc_a"].astype(str), passages["doc_b"].astype(str),
                                 passages["n_words_a"], passages["n_words_b"], passages["similarity"]):
        if a not in position or b not in position:
            continue
        i, j = position[a], position[b]
        words[i, j] += wa
        words[j, i] += wb
        count[i, j] += 1
        count[j, i] += 1
        sim_sum[i, j] += sim
        sim_sum[j, i] += sim
    outlet_of = docs["_outlet"].astype(str).tolist()
    labels = [_escape(f"{o} · {d}") for o, d in zip(outlet_of, ids)]
    z = [[None if i == j else float(words[i, j]) for j in range(n)] for i in range(n)]
    n_words = docs["n_words"].tolist()
    # The hover names the two articles from the axis labels; a cell's own text says only what they share,
    # so that a large event's matrix (100 articles: 10,000 cells, most of them empty) stays small to send.
    hover = []
    for i in range(n):
        row = []
        for j in range(n):
            if i == j:
                row.append("")
            elif not count[i, j]:
                row.append("no shared passage")
            else:
                text = (f"{int(words[i, j]):,} words in {count[i, j]} passage(s)"
                        f"<br>mean similarity {sim_sum[i, j] / count[i, j]:.2f}")
                if n_words[i] == n_words[i] and n_words[i]:
                    text += f"<br>{words[i, j] / n_words[i]:.1%} of its {int(n_words[i]):,} words"
                row.append(text)
        hover.append(row)
    fig = go.Figure(go.Heatmap(
        name="reuse", z=z, x=labels, y=labels, text=hover, hoverongaps=False,
        hovertemplate="<b>%{y}</b> shares with <b>%{x}</b><br>%{text}<extra></extra>",
        colorscale="Blues", zmin=0, colorbar=dict(title=dict(text="shared words")), xgap=1, ygap=1,
    ))
    notes = [] if len(passages) else ["No shared passages found: no two documents share enough wording."]
    _add_warnings(fig, notes)
    _layout(fig, title="Text reuse: words of the row's article shared with the column's", n_rows=2 * n,
            n_notes=len(notes), legend_title="",
            xaxis=dict(title="shares with", tickangle=-35, automargin=True, tickmode="array", tickvals=labels),
            yaxis=dict(title="article", autorange="reversed", automargin=True, tickmode="array", tickvals=labels))
    return fig


def _marked(passage: str, other: str) -> str:
    """Return `passage` HTML-escaped, with the words that do not match `other` in bold colour."""
    spans = reuse_words(passage)
    other_words = [w for _, _, w in reuse_words(other)]
    same = set()
    matcher = difflib.SequenceMatcher(None, [w for _, _, w in spans], other_words, autojunk=False)
    for block in matcher.get_matching_blocks():
        same.update(range(block.a, block.a + block.size))
    pieces, last = [], 0
    for k, (start, end, _) in enumerate(spans):
        pieces.append(_escape(passage[last:start]))
        word = _escape(passage[start:end])
        pieces.append(word if k in same else f"<b>{word}</b>")
        last = end
    pieces.append(_escape(passage[last:]))
    # a table cell with <br> is not wrapped by plotly, and tags with spaces break its wrapping:
    # line breaks become a pilcrow, differing words are bold only
    return "".join(pieces).replace("\n", " ¶ ")


def reuse_passages(passages: pd.DataFrame, doc_a: str, doc_b: str) -> go.Figure:
    """Return the passages two documents share, side by side, with the words that differ marked.

    Args:
        passages: the table `framing.reuse(corpus)` returns.
        doc_a, doc_b: the two documents (in either order).

    Returns:
        A plotly Figure holding one `go.Table` named "passages": one row per
        shared passage, columns: the passage in `doc_a`, the passage in
        `doc_b` (article text HTML-escaped; words not matched in the other
        passage in bold; a clause moved within the passage counts as differing), shared
        words and similarity; a line break in a passage shows as ¶. A warning annotation
        says when the two documents share no passage.
    """
    _require(passages, _PASSAGE_COLUMNS, "reuse")
    forward = passages[(passages["doc_a"] == doc_a) & (passages["doc_b"] == doc_b)]
    backward = passages[(passages["doc_a"] == doc_b) & (passages["doc_b"] == doc_a)].rename(columns={
        "passage_a": "passage_b", "passage_b": "passage_a", "n_words_a": "n_words_b", "n_words_b": "n_words_a"})
    pair = pd.concat([forward, backward], ignore_index=True)
    if "start_a" in pair.columns:
        pair = pair.sort_values("start_a", kind="stable")
    left = [_marked(a, b) for a, b in zip(pair["passage_a"], pair["passage_b"])]
    right = [_marked(b, a) for a, b in zip(pair["passage_a"], pair["passage_b"])]
    counts = [f"{n} shared<br>({na} / {nb} words)" for n, na, nb in zip(pair["n_words"], pair["n_words_a"], pair["n_words_b"])]
    fig = go.Figure(go.Table(
        name="passages",
        columnwidth=[5, 5, 1.4, 1.1],
        header=dict(values=[f"<b>{_escape(doc_a)}</b>", f"<b>{_escape(doc_b)}</b>", "<b>words</b>", "<b>similarity</b>"],
                    align="left", fill_color="#EEEEEE"),
        cells=dict(values=[left, right, counts, [f"{s:.2f}" for s in pair["similarity"]]], align="left",
                   height=24),
    ))
    notes = [] if len(pair) else [f"{doc_a} and {doc_b} share no passage."]
    _add_warnings(fig, notes)
    chars = int(pair["passage_a"].str.len().sum() + 200) if len(pair) else 200
    _layout(fig, title=f"Shared passages: {_escape(doc_a)} and {_escape(doc_b)} (differing words in bold)",
            n_rows=max(2, chars // 60), n_notes=len(notes), legend_title="")
    return fig
