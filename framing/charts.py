"""Charts: one plotly Figure per statistic, named after it.

`charts.readability(framing.readability(corpus))` draws the table that
`framing.readability` returns; the notebooks, the dashboard and the HTML
reports all show these same figures. Every chart takes the tidy DataFrame of
its statistic (plus, where it helps, the corpus's documents table for outlet
names and titles) and returns a `plotly.graph_objects.Figure`.

Conventions shared by every chart here:

- Outlets keep one colour across charts: `outlet_colors` assigns a colour of a
  colour-blind-safe qualitative palette to each outlet id in sorted order.
  Pass `colors=outlet_colors(corpus.outlets["outlet_id"])` to keep colours
  stable when a chart shows only some of the corpus's outlets.
- Hover text shows the counts a value rests on, and a chart warns in a visible
  annotation (named `"warning"`) when its groups are too small for the
  comparison to mean much.
- Text that comes from articles or corpus files (titles, dropped lines, ids,
  names) is HTML-escaped before it reaches a label or hover text: plotly reads
  tags such as `<a>` and `<br>` in those strings, and an article is untrusted.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping

import pandas as pd
import plotly.graph_objects as go

#: Colour-blind-safe qualitative palette (Paul Tol's "muted", as plotly's `Safe`), cycled for outlets.
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
    return html.escape(str(value), quote=True)


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


# --- charts ---------------------------------------------------------------------------------


def readability(
    df: pd.DataFrame,
    *,
    metric: str = "flesch_amstad",
    documents: pd.DataFrame | None = None,
    colors: Mapping[str, str] | None = None,
) -> go.Figure:
    """Draw one readability or diversity score per document, coloured by outlet.

    One horizontal bar per document, grouped by outlet (one trace per outlet,
    outlets in sorted order); the axis title says which way the scale runs.
    Hover text gives the document's title and the counts the score rests on
    (words, sentences, syllables, distinct words). A warning annotation
    appears when every outlet has only one article, or when a document has
    fewer than `MIN_WORDS` words.

    Args:
        df: the table of `framing.readability` (needs `doc_id, outlet_id,
            n_words, n_sentences, n_syllables` and the metric's column).
        metric: one of `READABILITY_METRICS`: flesch_amstad, wstf1-wstf4,
            words_per_sentence, mattr, mtld, ttr.
        documents: optionally `corpus.documents`, for outlet names and titles.
        colors: optional outlet id to colour mapping (default `outlet_colors`
            of the outlets in `df`).

    Returns:
        A Figure with one `go.Bar` trace per outlet and one bar per document.

    Raises:
        ValueError: for an unknown metric (the message lists the allowed ones)
            or missing columns.
    """
    if metric not in READABILITY_METRICS:
        raise ValueError(f"unknown readability metric {metric!r}; choose one of: {', '.join(READABILITY_METRICS)}")
    _require(df, ["doc_id", "outlet_id", "n_words", "n_sentences", "n_syllables", metric], "readability")
    docs = _with_documents(df, documents)
    palette = _color_map(docs["_outlet"], colors)
    digits = 3 if metric in ("mattr", "ttr") else 1
    fig = go.Figure()
    for outlet, group in docs.groupby("_outlet", sort=True):
        hover = []
        for _, row in group.iterrows():
            lines = [
                f"<b>{_escape(row['outlet_name'])}</b>",
                f"{_escape(row['doc_id'])}",
            ]
            if row["title"]:
                lines.append(f"<i>{_escape(_truncate(row['title']))}</i>")
            lines += [
                f"{_METRIC_NAMES[metric]}: {_number(row[metric], digits)}",
                f"n_words: {_number(row['n_words'])}",
                f"n_sentences: {_number(row['n_sentences'])}",
                f"n_syllables: {_number(row['n_syllables'])}",
            ]
            if "n_types" in row:
                lines.append(f"n_types: {_number(row['n_types'])}")
            hover.append("<br>".join(lines))
        fig.add_trace(go.Bar(
            name=_escape(group["outlet_name"].iloc[0]),
            legendgroup=_escape(outlet),
            orientation="h",
            x=group[metric].tolist(),
            y=[_doc_label(row) for _, row in group.iterrows()],
            marker_color=palette.get(outlet, NO_OUTLET_COLOR),
            text=[_number(v, digits) for v in group[metric]],
            textposition="outside",
            cliponaxis=False,
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
        ))
    notes = _sample_warnings(docs, words=docs["n_words"])
    if metric == "ttr":
        notes.append("The type-token ratio falls as texts get longer: compare only texts of similar length (or use MATTR).")
    _add_warnings(fig, notes)
    order = [_doc_label(row) for _, row in docs.iterrows()]
    values = docs[metric].dropna()
    # Room beyond the longest bar for its value label.
    low = min(0.0, float(values.min())) if len(values) else 0.0
    high = max(0.0, float(values.max())) if len(values) else 1.0
    pad = 0.15 * (high - low)
    low, high = (low - pad if low < 0 else 0.0), (high + pad if high > 0 else 0.0)
    _layout(
        fig, title=f"{_METRIC_NAMES[metric]} per article", n_rows=len(docs), n_notes=len(notes), legend_title="Outlet",
        xaxis=dict(title=dict(text=READABILITY_METRICS[metric]), range=[low, high or 1.0], zeroline=True),
        yaxis=dict(categoryorder="array", categoryarray=order, autorange="reversed", automargin=True, title=None),
    )
    return fig


def lengths(
    df: pd.DataFrame,
    *,
    documents: pd.DataFrame | None = None,
    colors: Mapping[str, str] | None = None,
) -> go.Figure:
    """Draw how long each article is: words per document, coloured by outlet.

    One horizontal bar per document (one trace per outlet) whose length is the
    number of words; the label at the bar's end gives words and sentences, so
    both counts are read without hovering. Hover adds the mean words per
    sentence and the title. Length matters for every later comparison: a
    short article has fewer chances to name an actor or use a frame.

    Args:
        df: the table of `framing.readability` (needs `doc_id, outlet_id,
            n_words, n_sentences`; `words_per_sentence` is used when present).
        documents: optionally `corpus.documents`, for outlet names and titles.
        colors: optional outlet id to colour mapping (default `outlet_colors`).

    Returns:
        A Figure with one `go.Bar` trace per outlet and one bar per document.
    """
    _require(df, ["doc_id", "outlet_id", "n_words", "n_sentences"], "lengths")
    docs = _with_documents(df, documents)
    if "words_per_sentence" not in docs.columns:
        docs["words_per_sentence"] = docs["n_words"] / docs["n_sentences"].where(docs["n_sentences"] > 0)
    palette = _color_map(docs["_outlet"], colors)
    fig = go.Figure()
    for outlet, group in docs.groupby("_outlet", sort=True):
        hover = []
        for _, row in group.iterrows():
            lines = [f"<b>{_escape(row['outlet_name'])}</b>", _escape(row["doc_id"])]
            if row["title"]:
                lines.append(f"<i>{_escape(_truncate(row['title']))}</i>")
            lines += [
                f"n_words: {_number(row['n_words'])}",
                f"n_sentences: {_number(row['n_sentences'])}",
                f"words per sentence: {_number(row['words_per_sentence'], 1)}",
            ]
            hover.append("<br>".join(lines))
        fig.add_trace(go.Bar(
            name=_escape(group["outlet_name"].iloc[0]),
            legendgroup=_escape(outlet),
            orientation="h",
            x=group["n_words"].tolist(),
            y=[_doc_label(row) for _, row in group.iterrows()],
            marker_color=palette.get(outlet, NO_OUTLET_COLOR),
            text=[f"{_number(w)} words, {_number(s)} sentences" for w, s in zip(group["n_words"], group["n_sentences"])],
            textposition="outside",
            cliponaxis=False,
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
        ))
    notes = _sample_warnings(docs)
    _add_warnings(fig, notes)
    order = [_doc_label(row) for _, row in docs.iterrows()]
    longest = float(docs["n_words"].max()) if len(docs) else 0.0
    _layout(
        fig, title="Length of each article", n_rows=len(docs), n_notes=len(notes), legend_title="Outlet",
        # Room to the right of the longest bar for its label.
        xaxis=dict(title=dict(text="Words (after cleaning)"), range=[0, max(longest * 1.7, 1)]),
        yaxis=dict(categoryorder="array", categoryarray=order, autorange="reversed", automargin=True, title=None),
    )
    return fig


def sentence_lengths(
    df: pd.DataFrame,
    *,
    documents: pd.DataFrame | None = None,
    colors: Mapping[str, str] | None = None,
) -> go.Figure:
    """Draw the distribution of sentence length (in words) per outlet.

    One box per outlet with every sentence drawn as a point beside it, so a
    handful of very long sentences is seen as such rather than hidden in a
    mean. The outlet's label on the axis gives its number of sentences and
    articles. Hover on a point names the document, the sentence and its part
    (headline / lead / body, when the table has a `part` column) and shows the
    sentence's text, escaped and truncated, when the table has a `text` column.

    Args:
        df: the table of `framing.sentence_lengths`: one row per sentence with
            columns `doc_id, outlet_id, sentence_id, n_words` (optionally
            `part`, `text`).
        documents: optionally `corpus.documents`, for outlet names.
        colors: optional outlet id to colour mapping (default `outlet_colors`).

    Returns:
        A Figure with one `go.Box` trace per outlet, one point per sentence.
    """
    _require(df, ["doc_id", "outlet_id", "sentence_id", "n_words"], "sentence_lengths")
    rows = _with_documents(df, documents)
    palette = _color_map(rows["_outlet"], colors)
    fig = go.Figure()
    for outlet, group in rows.groupby("_outlet", sort=True):
        n_docs = group["doc_id"].nunique()
        label = f"{_escape(outlet)}<br>{len(group)} sentences, {n_docs} article{'s' if n_docs != 1 else ''}"
        hover = []
        for _, row in group.iterrows():
            lines = [
                f"<b>{_escape(row['outlet_name'])}</b>",
                f"{_escape(row['doc_id'])}, sentence {_number(row['sentence_id'])}"
                + (f" ({_escape(row['part'])})" if isinstance(row.get("part"), str) else ""),
                f"n_words: {_number(row['n_words'])}",
            ]
            if "text" in row and isinstance(row["text"], str):
                lines.append(f"<i>{_escape(_truncate(row['text']))}</i>")
            hover.append("<br>".join(lines))
        fig.add_trace(go.Box(
            name=label,
            legendgroup=_escape(outlet),
            y=group["n_words"].tolist(),
            x=[label] * len(group),
            marker=dict(color=palette.get(outlet, NO_OUTLET_COLOR), size=6, opacity=0.8),
            line=dict(width=1.5),
            boxpoints="all",
            jitter=0.4,
            pointpos=-1.6,
            boxmean=True,
            hovertext=hover,
            hoveron="points",
            hovertemplate="%{hovertext}<extra></extra>",
            showlegend=False,
        ))
    notes = _sample_warnings(rows.drop_duplicates("doc_id"))
    _add_warnings(fig, notes)
    _layout(
        fig, title="Sentence length per outlet (points: sentences; box: quartiles; dashed line: mean)",
        n_rows=9, n_notes=len(notes), legend_title="Outlet",
        yaxis=dict(title=dict(text="Words per sentence"), rangemode="tozero"),
        xaxis=dict(title=None, automargin=True, tickangle=0),
    )
    return fig


def cleaning(
    df: pd.DataFrame,
    *,
    documents: pd.DataFrame | None = None,
) -> go.Figure:
    """Draw the cleaning report: lines dropped per document, stacked by reason.

    One horizontal bar per document whose segments count the lines (or, for
    `strip` rules, the cut spans) removed for each reason; one trace per
    reason. Hover on a segment lists the dropped text itself (line number and
    the first `HOVER_TEXT_CHARS` characters, at most `HOVER_MAX_LINES` lines),
    HTML-escaped because it is raw article text. With `documents`, articles
    from which nothing was dropped are shown too, with an empty bar.

    Args:
        df: `corpus.cleaning` (columns `doc_id, line_no, text, reason,
            rule_id, action`).
        documents: optionally `corpus.documents`, to label articles by outlet
            and show those with nothing dropped.

    Returns:
        A Figure with one `go.Bar` trace per reason (none when nothing was
        dropped: then an annotation says so).
    """
    _require(df, ["doc_id", "line_no", "text", "reason"], "cleaning")
    report = df.copy()
    report["text"] = report["text"].fillna("").astype(str)
    report["reason"] = report["reason"].fillna("").replace("", "(no reason)")
    doc_ids = list(dict.fromkeys(report["doc_id"]))
    if documents is not None:
        doc_ids = list(dict.fromkeys([*documents["doc_id"], *doc_ids]))
    docs = _with_documents(pd.DataFrame({"doc_id": doc_ids}), documents)
    labels = {row["doc_id"]: _doc_label(row) for _, row in docs.iterrows()}
    order = [labels[d] for d in docs["doc_id"]]
    reasons = sorted(report["reason"].unique())
    fig = go.Figure()
    for k, reason in enumerate(reasons):
        part = report[report["reason"] == reason]
        x, y, hover = [], [], []
        for doc_id, lines in part.groupby("doc_id", sort=False):
            listed = [
                f"l. {_number(line_no)}{' (cut)' if action == 'strip' else ''}: {_escape(_truncate(text))}"
                for line_no, text, action in zip(
                    lines["line_no"], lines["text"], lines.get("action", pd.Series("drop", index=lines.index))
                )
            ]
            if len(listed) > HOVER_MAX_LINES:
                listed = listed[:HOVER_MAX_LINES] + [f"… and {len(listed) - HOVER_MAX_LINES} more"]
            n_chars = int(lines["text"].str.len().sum())
            rules = ", ".join(sorted(lines["rule_id"].astype(str).unique())) if "rule_id" in lines else ""
            hover.append("<br>".join([
                f"<b>{_escape(doc_id)}</b>",
                f"{_escape(reason)}: {len(lines)} line{'s' if len(lines) != 1 else ''}, {n_chars:,} characters",
                *([f"rules: {_escape(rules)}"] if rules else []),
                *listed,
            ]))
            x.append(len(lines))
            y.append(labels[doc_id])
        fig.add_trace(go.Bar(
            name=_escape(reason),
            orientation="h",
            x=x,
            y=y,
            marker_color=REASON_PALETTE[k % len(REASON_PALETTE)],
            marker_line=dict(color="white", width=1),
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
        ))
    totals = report.groupby("doc_id").size()
    for doc_id in docs["doc_id"]:
        # Total per article at the end of its bar (0 for articles cleaning left untouched).
        fig.add_annotation(
            name="total", text=str(int(totals.get(doc_id, 0))), x=int(totals.get(doc_id, 0)), y=labels[doc_id],
            xanchor="left", xshift=4, showarrow=False, font=dict(size=12, color="#444444"),
        )
    if report.empty:
        fig.add_annotation(
            name="empty", text="No lines were dropped.", xref="paper", yref="paper", x=0.5, y=0.5, showarrow=False,
        )
    longest = float(totals.max()) if len(totals) else 1.0
    _layout(
        fig, title="Lines removed by cleaning, per article and reason", n_rows=len(docs), n_notes=0,
        legend_title="Reason", n_legend=len(reasons) + 1,
        barmode="stack",
        xaxis=dict(title=dict(text="Lines dropped (or spans cut)"), range=[0, longest * 1.1 + 1], dtick=5 if longest > 15 else 1),
        yaxis=dict(categoryorder="array", categoryarray=order, autorange="reversed", automargin=True, title=None),
    )
    return fig
