"""Chart of tone toward actors: the mean evaluative score around each side's actors, per outlet."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ._common import ONE_PER_OUTLET_WARNING, _add_warnings, _escape, _layout, _number, _outlet_key, _require
from .voices import SIDE_COLORS, SIDE_PALETTE

#: Below this many sentences an outlet × side mean rests on too little to compare (drawn hatched).
MIN_SENTENCES = 5
_VOICE_TITLES = {
    "outlet": "in the outlet's own words",
    "quoted": "in the words it quotes",
    "all": "own and quoted words together",
}


def tone_profile(df: pd.DataFrame, *, documents: pd.DataFrame | None = None,
                 min_sentences: int = MIN_SENTENCES) -> go.Figure:
    """Draw, per outlet, the mean tone of the sentences naming each side's actors (diverging bars).

    One horizontal bar per outlet and side, left of 0 = more negative
    vocabulary, right = more positive; the bar's label gives the number of
    sentences it rests on, the hover all the counts (sentences, sentences with
    evaluative words, positive, negative and negated words, articles). An
    outlet that names no actor of a side gets no bar ("n=0" in the hover).
    Bars resting on fewer than `min_sentences` sentences are hatched, and a
    visible warning says so, as it does when an outlet has one article.

    Args:
        df: the table `framing.tone_profile(corpus)` returns (by side, or by
            actor: then the bars are actors, coloured by side).
        documents: the corpus's documents table, for outlet names.
        min_sentences: fewer sentences than this mark a bar as fragile.

    Returns:
        A plotly Figure.
    """
    _require(df, ["outlet_id", "side", "n_sentences", "n_positive", "n_negative", "mean_score"], "tone_profile")
    table = df.copy()
    table["_outlet"] = table["outlet_id"].map(_outlet_key)
    by_actor = "actor_id" in table and (table["actor_id"].fillna("") != "").any()
    table["_group"] = table["actor_id"].fillna("") if by_actor else table["side"].fillna("")
    names: dict[str, str] = {}
    if documents is not None and {"outlet_id", "outlet_name"} <= set(documents.columns):
        names = {_outlet_key(o): str(n) for o, n in zip(documents["outlet_id"], documents["outlet_name"])
                 if isinstance(n, str) and n}
    outlets = sorted(table["_outlet"].unique())
    labels = {o: _escape(f"{names.get(o, o)}") for o in outlets}
    sides = list(dict.fromkeys(table.sort_values("side", kind="stable")["side"].fillna("")))
    palette = iter(SIDE_PALETTE * (len(sides) // len(SIDE_PALETTE) + 1))
    colors = {s: SIDE_COLORS.get(s) or next(palette) for s in sides}

    fig = go.Figure()
    groups = table.drop_duplicates("_group").sort_values(["side", "_group"], kind="stable")
    for group, side in zip(groups["_group"], groups["side"].fillna("")):
        part = table[table["_group"] == group].set_index("_outlet").reindex(outlets)
        n = part["n_sentences"].fillna(0).astype(int)
        x = [float(v) if k > 0 and pd.notna(v) else None for v, k in zip(part["mean_score"], n)]
        fragile = [0 < k < min_sentences for k in n]
        name = f"{group} ({side})" if by_actor else group
        hover = []
        for o, k in zip(outlets, n):
            row = part.loc[o]
            if k == 0:
                hover.append(f"<b>{_escape(name)}</b> in {labels[o]}: named in no sentence (n=0)")
                continue
            hover.append(
                f"<b>{_escape(name)}</b> in {labels[o]}<br>mean score {_number(row['mean_score'], 2)}"
                f" (sum {_number(row.get('score_sum'), 2)})"
                f"<br>{k} sentence{'s' if k != 1 else ''} naming it, {_number(row.get('n_sentences_evaluative'))} with evaluative words"
                f"<br>{_number(row['n_positive'])} positive, {_number(row['n_negative'])} negative words"
                f" ({_number(row.get('n_negated'))} flipped by a negator)"
                f"<br>{_number(row.get('n_documents'))} article(s)"
                + ("<br>⚠ few sentences: the mean says little" if k < min_sentences else "")
            )
        fig.add_trace(go.Bar(
            x=x, y=[labels[o] for o in outlets], orientation="h", name=_escape(name),
            marker=dict(color=colors[side], pattern=dict(shape=["/" if f else "" for f in fragile]),
                        line=dict(color=colors[side], width=1)),
            text=[f"n={k}" if k else "" for k in n], textposition="outside",
            hovertext=hover, hoverinfo="text",
        ))

    notes = []
    if "n_documents" in table:
        docs = table.groupby("_outlet")["n_documents"].max()
        if len(docs) and (docs <= 1).all():
            notes.append(ONE_PER_OUTLET_WARNING)
        elif len(docs) and (docs == 1).any():
            notes.append(f"Only 1 article for {', '.join(names.get(o, o) for o in docs.index[docs == 1])}: "
                         "those bars describe one article, not the outlet.")
    shown = table[table["n_sentences"] > 0]
    few = shown[shown["n_sentences"] < min_sentences]
    if len(few):
        notes.append(f"{len(few)} of {len(shown)} bars rest on fewer than {min_sentences} sentences (hatched): "
                     "their means say little.")
    notes.append("All actors of a sentence share its words; a word list cannot tell whose evaluation it is.")
    voice = str(table["voice"].iloc[0]) if "voice" in table and len(table) else "outlet"
    _add_warnings(fig, notes)
    _layout(
        fig, title=f"Tone around actors, {_VOICE_TITLES.get(voice, _escape(voice))}: mean score per sentence",
        n_rows=max(1, len(outlets)) * max(1, min(len(groups), 6)) // 2 + 1, n_notes=len(notes),
        legend_title="actor (side)" if by_actor else "side", n_legend=len(groups), barmode="group",
        xaxis=dict(title="mean polarity per sentence (below 0 = more negative words)", zeroline=True,
                   zerolinewidth=2, zerolinecolor="#444444"),
    )
    fig.update_yaxes(autorange="reversed")
    return fig
