"""Shared parts of the charts: outlet colours, escaping, warnings and layout."""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping

import pandas as pd
import plotly.graph_objects as go

OUTLET_PALETTE = [
    "#88CCEE", "#CC6677", "#DDCC77", "#117733", "#332288",
    "#AA4499", "#44AA99", "#999933", "#882255", "#661100", "#6699CC",
]
#: Colour of documents without an outlet.
NO_OUTLET_COLOR = "#888888"
NO_OUTLET = "(no outlet)"
#: Palette for cleaning reasons (ColorBrewer Set3: pastel, so reasons are not mistaken for outlets).
REASON_PALETTE = [
    "#8DD3C7", "#FDB462", "#BEBADA", "#FB8072", "#80B1D3", "#B3DE69",
    "#FCCDE5", "#BC80BD", "#CCEBC5", "#FFED6F", "#D9D9D9", "#FFFFB3",
]
#: Below this many words a document's readability and diversity scores are unstable.
MIN_WORDS = 100
#: Longest dropped line shown in full in the cleaning chart's hover text.
HOVER_TEXT_CHARS = 80
#: Most dropped lines listed per bar segment in the cleaning chart's hover text.
HOVER_MAX_LINES = 8

#: The metrics `readability` can draw, with an axis title that states the scale's direction.
READABILITY_METRICS = {
    "flesch_amstad": "Flesch-Amstad (higher = easier)",
    "wstf1": "Wiener Sachtextformel 1 (school grade, higher = harder)",
    "wstf2": "Wiener Sachtextformel 2 (school grade, higher = harder)",
    "wstf3": "Wiener Sachtextformel 3 (school grade, higher = harder)",
    "wstf4": "Wiener Sachtextformel 4 (school grade, higher = harder)",
    "words_per_sentence": "Words per sentence (higher = longer sentences)",
    "mattr": "MATTR, 50-word window (0-1, higher = more varied vocabulary)",
    "mtld": "MTLD (higher = more varied vocabulary)",
    "ttr": "Type-token ratio (0-1, higher = more varied; falls with text length)",
}
_METRIC_NAMES = {
    "flesch_amstad": "Flesch-Amstad",
    "wstf1": "Wiener Sachtextformel 1",
    "wstf2": "Wiener Sachtextformel 2",
    "wstf3": "Wiener Sachtextformel 3",
    "wstf4": "Wiener Sachtextformel 4",
    "words_per_sentence": "Words per sentence",
    "mattr": "MATTR",
    "mtld": "MTLD",
    "ttr": "Type-token ratio",
}
ONE_PER_OUTLET_WARNING = "1 article per outlet: differences describe these articles, not the outlets."
_FONT = dict(family="Arial, Helvetica, sans-serif", size=13)
_WARNING_COLOR = "#8A4B00"


# --- shared helpers -------------------------------------------------------------------------


def outlet_colors(outlet_ids: Iterable[str]) -> dict[str, str]:
    """Return a colour for each outlet id: the palette in order of the sorted ids.

    Args:
        outlet_ids: outlet ids, in any order and with repeats (for example
            `corpus.outlets["outlet_id"]`); empty or missing ids are skipped.

    Returns:
        A dict from outlet id to a hex colour; the palette repeats after
        `len(OUTLET_PALETTE)` outlets.
    """
    ids = sorted({str(i) for i in outlet_ids if isinstance(i, str) and i})
    return {outlet_id: OUTLET_PALETTE[k % len(OUTLET_PALETTE)] for k, outlet_id in enumerate(ids)}


def _escape(value: object) -> str:
    """Return `value` as text safe to place in a plotly label or hover text."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    # Only <, > and & matter: plotly builds its labels from text with its own tag parser, and an
    # escaped quote (&quot;, &#x27;) would show literally ("100&#x27;000").
    return html.escape(str(value), quote=False)


def _truncate(text: str, limit: int = HOVER_TEXT_CHARS) -> str:
    """Return `text` cut to `limit` characters (with an ellipsis), before escaping."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _number(value: object, digits: int = 0) -> str:
    """Return a count or score for hover text ("n/a" when missing)."""
    if value is None or pd.isna(value):
        return "n/a"
    return f"{value:,.{digits}f}"


def _require(df: pd.DataFrame, columns: Iterable[str], chart: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(
            f"charts.{chart} needs the column(s) {', '.join(missing)}; got {', '.join(map(str, df.columns)) or 'none'}. "
            f"Pass the table that framing.{chart}(corpus) returns."
        )


def _outlet_key(value: object) -> str:
    return value if isinstance(value, str) and value else NO_OUTLET


def _with_documents(df: pd.DataFrame, documents: pd.DataFrame | None) -> pd.DataFrame:
    """Return `df` with `outlet_id, outlet_name, title` filled from `documents` where given."""
    out = df.copy()
    if documents is not None and "doc_id" in documents.columns:
        extra = [c for c in ("outlet_id", "outlet_name", "title") if c in documents.columns]
        details = documents[["doc_id", *extra]].drop_duplicates("doc_id")
        details = details.rename(columns={c: f"_doc_{c}" for c in extra})
        out = out.merge(details, on="doc_id", how="left")
        for column in extra:
            if column in out.columns:
                out[column] = out[column].where(out[column].notna() & (out[column] != ""), out[f"_doc_{column}"])
            else:
                out[column] = out[f"_doc_{column}"]
        out = out.drop(columns=[f"_doc_{c}" for c in extra])
    if "outlet_id" not in out.columns:
        out["outlet_id"] = ""
    out["_outlet"] = out["outlet_id"].map(_outlet_key)
    if "outlet_name" not in out.columns:
        out["outlet_name"] = out["_outlet"]
    out["outlet_name"] = out["outlet_name"].where(out["outlet_name"].notna() & (out["outlet_name"] != ""), out["_outlet"])
    if "title" not in out.columns:
        out["title"] = ""
    return out.sort_values(["_outlet", "doc_id"], kind="stable").reset_index(drop=True)


def _doc_label(row: pd.Series) -> str:
    """Return the axis label of a document: outlet id and doc id."""
    return _escape(f"{row['_outlet']} · {row['doc_id']}")


def _color_map(outlets: Iterable[str], colors: Mapping[str, str] | None) -> dict[str, str]:
    mapping = dict(outlet_colors(outlets))
    if colors:
        mapping.update(colors)
    mapping.setdefault(NO_OUTLET, NO_OUTLET_COLOR)
    return mapping


def _sample_warnings(docs: pd.DataFrame, *, words: pd.Series | None = None) -> list[str]:
    """Return the small-sample warnings for a per-document table with an `_outlet` column."""
    notes = []
    per_outlet = docs.groupby("_outlet")["doc_id"].nunique()
    if len(per_outlet) and (per_outlet == 1).all():
        notes.append(ONE_PER_OUTLET_WARNING)
    elif len(per_outlet) and (per_outlet == 1).any():
        single = ", ".join(per_outlet.index[per_outlet == 1])
        notes.append(f"Only 1 article for {single}: those bars describe one article, not the outlet.")
    if words is not None:
        short = docs.loc[words.fillna(0) < MIN_WORDS, "doc_id"].tolist()
        if short:
            notes.append(
                f"Under {MIN_WORDS} words: {', '.join(map(str, short))}. Scores on so few words are unstable."
            )
    return notes


def _add_warnings(fig: go.Figure, notes: list[str]) -> None:
    """Put the warnings in one visible annotation above the plot area."""
    if not notes:
        return
    fig.add_annotation(
        name="warning",
        text="<br>".join(f"⚠ {_escape(note)}" for note in notes),
        xref="paper", yref="paper", x=0, y=1, xanchor="left", yanchor="bottom", yshift=8,
        align="left", showarrow=False,
        font=dict(size=12, color=_WARNING_COLOR),
        bgcolor="#FFF4E0", bordercolor="#E0A040", borderwidth=1, borderpad=4,
    )


def _layout(
    fig: go.Figure, *, title: str, n_rows: int, n_notes: int, legend_title: str, n_legend: int = 0, **axes
) -> None:
    top = 70 + 22 * n_notes + (10 if n_notes else 0)
    plot = max(34 * n_rows, 22 * n_legend + 10)
    fig.update_layout(
        title=dict(text=title, x=0, xanchor="left", y=1, yanchor="top", pad=dict(t=14, l=4)),
        template="plotly_white",
        font=_FONT,
        height=max(320, top + 90 + plot),
        margin=dict(t=top, l=10, r=30, b=60),
        legend=dict(title=dict(text=legend_title), traceorder="normal"),
        hoverlabel=dict(align="left"),
        **axes,
    )
