"""Charts of the corpus overview: lengths, sentence lengths, readability and the cleaning report."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from ..chart_articles import CHART_ARTICLES
from ._common import (
    _METRIC_NAMES, HOVER_MAX_LINES, NO_OUTLET_COLOR, READABILITY_METRICS, REASON_PALETTE,
    _add_warnings, _color_map, _doc_label, _escape, _layout, _number, _require,
    _sample_warnings, _truncate, _with_documents,
)

#: Above this many sentences the sentence-length chart draws only the outliers as points.
SENTENCE_POINTS = 3_000


def readability(
    df: pd.DataFrame,
    *,
    metric: str = "flesch_amstad",
    documents: pd.DataFrame | None = None,
    colors: Mapping[str, str] | None = None,
    max_articles: int = CHART_ARTICLES,
) -> go.Figure:
    """Draw one readability or diversity score per document, coloured by outlet.

    One horizontal bar per document, grouped by outlet (one trace per outlet,
    outlets in sorted order); the axis title says which way the scale runs.
    Hover text gives the document's title and the counts the score rests on
    (words, sentences, syllables, distinct words). A warning annotation
    appears when every outlet has only one article, or when a document has
    fewer than `MIN_WORDS` words. Above `max_articles` documents, one box per
    outlet with a point per document instead (a bar each would be unreadable).

    Args:
        df: the table of `framing.readability` (needs `doc_id, outlet_id,
            n_words, n_sentences, n_syllables` and the metric's column).
        metric: one of `READABILITY_METRICS`: flesch_amstad, wstf1-wstf4,
            words_per_sentence, mattr, mtld, ttr.
        documents: optionally `corpus.documents`, for outlet names and titles.
        colors: optional outlet id to colour mapping (default `outlet_colors`
            of the outlets in `df`).
        max_articles: the most documents drawn as bars.

    Returns:
        A Figure with one `go.Bar` trace per outlet and one bar per document
        (one `go.Box` per outlet above `max_articles`).

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
    notes = _sample_warnings(docs, words=docs["n_words"])
    if metric == "ttr":
        notes.append("The type-token ratio falls as texts get longer: compare only texts of similar length (or use MATTR).")
    if len(docs) > max_articles:
        return _article_boxes(docs, metric, palette=palette, notes=notes, value_title=READABILITY_METRICS[metric],
                              title=f"{_METRIC_NAMES[metric]} of the {len(docs):,} articles, per outlet",
                              hover=lambda group: _readability_hover(group, metric, digits))
    fig = go.Figure()
    for outlet, group in docs.groupby("_outlet", sort=True):
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
            hovertext=_readability_hover(group, metric, digits),
            hovertemplate="%{hovertext}<extra></extra>",
        ))
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


def _article_hover(group: pd.DataFrame, counts: list[tuple[str, str, int]]) -> list[str]:
    """Return a hover text per document: outlet, id, title, then `label: value` per (label, column, digits) it has."""
    hover = []
    for _, row in group.iterrows():
        lines = [f"<b>{_escape(row['outlet_name'])}</b>", _escape(row["doc_id"])]
        if row["title"]:
            lines.append(f"<i>{_escape(_truncate(row['title']))}</i>")
        lines += [f"{label}: {_number(row[column], digits)}" for label, column, digits in counts if column in row]
        hover.append("<br>".join(lines))
    return hover


def _readability_hover(group: pd.DataFrame, metric: str, digits: int) -> list[str]:
    """Return a hover text per document: the score and the counts it rests on."""
    return _article_hover(group, [(_METRIC_NAMES[metric], metric, digits), ("n_words", "n_words", 0),
                                  ("n_sentences", "n_sentences", 0), ("n_syllables", "n_syllables", 0),
                                  ("n_types", "n_types", 0)])


def lengths(
    df: pd.DataFrame,
    *,
    documents: pd.DataFrame | None = None,
    colors: Mapping[str, str] | None = None,
    max_articles: int = CHART_ARTICLES,
) -> go.Figure:
    """Draw how long each article is: words per document, coloured by outlet.

    One horizontal bar per document (one trace per outlet) whose length is the
    number of words; the label at the bar's end gives words and sentences, so
    both counts are read without hovering. Hover adds the mean words per
    sentence and the title. Length matters for every later comparison: a
    short article has fewer chances to name an actor or use a frame. Above
    `max_articles` documents, one box per outlet with a point per document.

    Args:
        df: the table of `framing.readability` (needs `doc_id, outlet_id,
            n_words, n_sentences`; `words_per_sentence` is used when present).
        documents: optionally `corpus.documents`, for outlet names and titles.
        colors: optional outlet id to colour mapping (default `outlet_colors`).
        max_articles: the most documents drawn as bars.

    Returns:
        A Figure with one `go.Bar` trace per outlet and one bar per document
        (one `go.Box` per outlet above `max_articles`).
    """
    _require(df, ["doc_id", "outlet_id", "n_words", "n_sentences"], "lengths")
    docs = _with_documents(df, documents)
    if "words_per_sentence" not in docs.columns:
        docs["words_per_sentence"] = docs["n_words"] / docs["n_sentences"].where(docs["n_sentences"] > 0)
    palette = _color_map(docs["_outlet"], colors)
    notes = _sample_warnings(docs)
    if len(docs) > max_articles:
        return _article_boxes(docs, "n_words", palette=palette, notes=notes, value_title="Words (after cleaning)",
                              title=f"Length of the {len(docs):,} articles, per outlet", hover=_length_hover)
    fig = go.Figure()
    for outlet, group in docs.groupby("_outlet", sort=True):
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
            hovertext=_length_hover(group),
            hovertemplate="%{hovertext}<extra></extra>",
        ))
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


def _length_hover(group: pd.DataFrame) -> list[str]:
    """Return a hover text per document: words, sentences, words per sentence."""
    return _article_hover(group, [("n_words", "n_words", 0), ("n_sentences", "n_sentences", 0),
                                  ("words per sentence", "words_per_sentence", 1)])


def _article_boxes(docs: pd.DataFrame, column: str, *, palette: Mapping[str, str], notes: list[str], title: str,
                   value_title: str, hover) -> go.Figure:
    """Return one box per outlet of a per-article value, each article a point with its hover text (`hover(group)`)."""
    fig = go.Figure()
    for outlet, group in docs.groupby("_outlet", sort=True):
        label = f"{_escape(group['outlet_name'].iloc[0])}<br>{len(group):,} articles"
        fig.add_trace(go.Box(
            name=label, legendgroup=_escape(outlet), y=group[column].tolist(), x=[label] * len(group),
            marker=dict(color=palette.get(outlet, NO_OUTLET_COLOR), size=5, opacity=0.7), line=dict(width=1.5),
            boxpoints="all", jitter=0.4, pointpos=-1.6, boxmean=True, hovertext=hover(group), hoveron="points",
            hovertemplate="%{hovertext}<extra></extra>", showlegend=False,
        ))
    _add_warnings(fig, notes)
    _layout(fig, title=title + " (points: articles; box: quartiles; dashed line: mean)", n_rows=9,
            n_notes=len(notes), legend_title="Outlet", yaxis=dict(title=dict(text=value_title)),
            xaxis=dict(title=None, automargin=True, tickangle=0))
    return fig


def sentence_lengths(
    df: pd.DataFrame,
    *,
    documents: pd.DataFrame | None = None,
    colors: Mapping[str, str] | None = None,
    max_points: int = SENTENCE_POINTS,
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
        max_points: above this many sentences only the outliers are drawn as
            points (the boxes still rest on every sentence): tens of thousands
            of points make the chart slow to draw and to send.

    Returns:
        A Figure with one `go.Box` trace per outlet, one point per sentence
        (outliers only above `max_points` sentences).
    """
    _require(df, ["doc_id", "outlet_id", "sentence_id", "n_words"], "sentence_lengths")
    rows = _with_documents(df, documents)
    palette = _color_map(rows["_outlet"], colors)
    fig = go.Figure()
    for outlet, group in rows.groupby("_outlet", sort=True):
        n_docs = group["doc_id"].nunique()
        label = f"{_escape(outlet)}<br>{len(group)} sentences, {n_docs} article{'s' if n_docs != 1 else ''}"
        parts = group["part"] if "part" in group else [None] * len(group)
        texts = group["text"] if "text" in group else [None] * len(group)
        hover = [
            f"<b>{_escape(name)}</b><br>{_escape(doc_id)}, sentence {_number(sentence_id)}"
            + (f" ({_escape(part)})" if isinstance(part, str) else "")
            + f"<br>n_words: {_number(n_words)}"
            + (f"<br><i>{_escape(_truncate(text))}</i>" if isinstance(text, str) else "")
            for name, doc_id, sentence_id, part, n_words, text in zip(
                group["outlet_name"], group["doc_id"], group["sentence_id"], parts, group["n_words"], texts)
        ]
        fig.add_trace(go.Box(
            name=label,
            legendgroup=_escape(outlet),
            y=group["n_words"].tolist(),
            x=[label] * len(group),
            marker=dict(color=palette.get(outlet, NO_OUTLET_COLOR), size=6, opacity=0.8),
            line=dict(width=1.5),
            boxpoints="all" if len(rows) <= max_points else "outliers",
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
        fig, title=("Sentence length per outlet (points: sentences; box: quartiles; dashed line: mean)"
                    if len(rows) <= max_points else
                    f"Sentence length per outlet ({len(rows):,} sentences; points: outliers; box: quartiles; "
                    "dashed line: mean)"),
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
    # Total per article at the end of its bar (0 for articles cleaning left untouched); set at once, because
    # add_annotation copies every annotation so far (quadratic: minutes for 1,000 articles).
    fig.update_layout(annotations=[
        dict(name="total", text=str(int(totals.get(doc_id, 0))), x=int(totals.get(doc_id, 0)), y=labels[doc_id],
             xanchor="left", xshift=4, showarrow=False, font=dict(size=12, color="#444444"))
        for doc_id in docs["doc_id"]
    ])
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
