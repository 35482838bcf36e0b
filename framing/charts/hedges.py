"""Chart of hedges: how often each outlet keeps its distance, by class and by the side the hedged claim concerns."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ._common import ONE_PER_OUTLET_WARNING, _add_warnings, _escape, _layout, _outlet_key, _require

#: Label of hedges whose sentence names no actor.
NO_SIDE = "(no actor named)"
#: Below this many hedges an outlet's breakdown rests on too little to compare.
MIN_HEDGES = 5
#: Colours of the classes and sides (Paul Tol's "muted"), in order of first appearance.
HEDGE_PALETTE = ["#CC6677", "#332288", "#DDCC77", "#117733", "#88CCEE", "#882255", "#44AA99", "#999933", "#AA4499"]
NO_SIDE_COLOR = "#BBBBBB"


def _words_per_document(df: pd.DataFrame, words) -> dict[str, int]:
    if words is None:
        return dict(df.attrs.get("n_words") or {})
    if isinstance(words, pd.DataFrame):
        _require(words, ["doc_id", "n_words"], "readability")
        return dict(zip(words["doc_id"], words["n_words"].astype(int)))
    return dict(words)


def hedges(
    df: pd.DataFrame,
    *,
    documents: pd.DataFrame | None = None,
    words: pd.DataFrame | Mapping[str, int] | None = None,
    per_words: bool = True,
) -> go.Figure:
    """Draw, per outlet, its hedges per 1,000 words: by class (left) and by the side the hedged claim concerns (right).

    One stacked horizontal bar per outlet in each panel; hover gives the count,
    the outlet's words and articles. Articles without any hedge count in the
    rate (their words come from the table's `attrs`, set by `framing.hedges`,
    or from `words`). A visible warning says when an outlet has one article
    or fewer than `MIN_HEDGES` hedges: a rate of two hedges describes two
    sentences.

    Args:
        df: the table `framing.hedges(corpus)` returns (`doc_id, outlet_id,
            kind, side`, …); zero rows are allowed.
        documents: the corpus's documents table, for outlet names and for the
            outlet of articles without hedges.
        words: words per article, as `framing.readability(corpus)` (columns
            `doc_id, n_words`) or a mapping doc_id → words; default the
            table's `attrs["n_words"]`.
        per_words: True (default) draws hedges per 1,000 words; False draws
            counts (also used when no word counts are known).

    Returns:
        A plotly Figure.
    """
    _require(df, ["doc_id", "outlet_id", "kind", "side"], "hedges")
    n_words = _words_per_document(df, words)
    outlet_of = dict(df.attrs.get("outlet_ids") or {})
    names: dict[str, str] = {}
    if documents is not None and "doc_id" in documents:
        if "outlet_id" in documents:
            outlet_of.update(zip(documents["doc_id"], documents["outlet_id"].fillna("")))
        if "outlet_name" in documents and "outlet_id" in documents:
            names = {_outlet_key(o): str(n) for o, n in zip(documents["outlet_id"], documents["outlet_name"]) if isinstance(n, str) and n}
    outlet_of.update(zip(df["doc_id"], df["outlet_id"].fillna("")))
    docs = pd.DataFrame({"doc_id": list(outlet_of), "outlet": [_outlet_key(o) for o in outlet_of.values()]})
    docs["n_words"] = docs["doc_id"].map(n_words).fillna(0).astype(int)
    per_outlet = docs.groupby("outlet").agg(n_docs=("doc_id", "nunique"), n_words=("n_words", "sum"))
    rate = per_words and bool(n_words) and bool((per_outlet["n_words"] > 0).all())
    outlets = sorted(per_outlet.index)
    hits = df.assign(outlet=df["outlet_id"].map(_outlet_key), side=df["side"].where(df["side"].notna() & (df["side"] != ""), NO_SIDE))
    totals = hits.groupby("outlet").size().reindex(outlets, fill_value=0)
    labels = {o: _escape(f"{names.get(o, o)} (n={int(totals[o])})") for o in outlets}

    fig = make_subplots(rows=1, cols=2, shared_yaxes=True, horizontal_spacing=0.1,
                        subplot_titles=["Hedges by class", "by side the hedged claim concerns"])
    colour = 0
    for col, column in ((1, "kind"), (2, "side")):
        values = list(dict.fromkeys(hits[column]))
        if column == "side" and NO_SIDE in values:
            values = [v for v in values if v != NO_SIDE] + [NO_SIDE]
        for value in values:
            n = hits[hits[column] == value].groupby("outlet").size().reindex(outlets, fill_value=0)
            words_o = per_outlet["n_words"].reindex(outlets)
            x = (n / words_o * 1000).to_numpy() if rate else n.to_numpy(dtype=float)
            color = NO_SIDE_COLOR if value == NO_SIDE else HEDGE_PALETTE[colour % len(HEDGE_PALETTE)]
            colour += value != NO_SIDE
            fig.add_trace(go.Bar(
                x=x, y=[labels[o] for o in outlets], orientation="h", name=_escape(value),
                legendgroup=column, legendgrouptitle=dict(text="class" if column == "kind" else "side concerned"),
                marker=dict(color=color),
                hovertext=[
                    f"<b>{_escape(value)}</b> in {labels[o]}: {int(k)} hedge{'s' if k != 1 else ''}"
                    + (f" ({v:.2f} per 1,000 words)" if rate else "")
                    + f"<br>{int(per_outlet.at[o, 'n_words']):,} words in {int(per_outlet.at[o, 'n_docs'])} article(s)"
                    for o, k, v in zip(outlets, n, x)
                ],
                hoverinfo="text",
            ), row=1, col=col)
    axis = "per 1,000 words" if rate else "hedges"
    fig.update_xaxes(title_text=axis, rangemode="tozero")
    notes = []
    if len(per_outlet) and (per_outlet["n_docs"] == 1).all():
        notes.append(ONE_PER_OUTLET_WARNING)
    elif len(per_outlet) and (per_outlet["n_docs"] == 1).any():
        notes.append(f"Only 1 article for {', '.join(names.get(o, o) for o in outlets if per_outlet.at[o, 'n_docs'] == 1)}: those bars describe one article.")
    few = [names.get(o, o) for o in outlets if totals[o] < MIN_HEDGES]
    if few and len(few) == len(outlets) > 1:
        notes.append(f"Fewer than {MIN_HEDGES} hedges in every outlet: rates of so few hedges are fragile; read the sentences.")
    elif few:
        notes.append(f"Fewer than {MIN_HEDGES} hedges in {', '.join(few)}: a rate of so few hedges is fragile; read the sentences.")
    if per_words and not rate:
        notes.append("Word counts unknown for some outlets: counts are shown, not rates.")
    if len(hits) and (hits["side"] != NO_SIDE).any():
        notes.append("The side is the nearest actor named in the hedged phrase, clause or sentence (column concerns_by), not a reading of whom the claim is about.")
    _add_warnings(fig, notes)
    _layout(fig, title="Hedges: how often each outlet keeps its distance", n_rows=len(outlets) + 1, n_notes=len(notes),
            legend_title="", n_legend=hits["kind"].nunique() + hits["side"].nunique() + 2, barmode="stack")
    fig.update_layout(legend=dict(groupclick="toggleitem", traceorder="grouped"))
    fig.update_annotations(selector=dict(name="warning"), yshift=30)
    fig.update_layout(margin=dict(t=fig.layout.margin.t + 30))
    return fig
