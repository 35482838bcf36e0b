"""Charts of news frames: the outlet × frame heatmap and the lead-versus-body comparison.

Both take the table `framing.frame_profile(corpus)` returns, so they are named
after it: `charts.frame_profile` (the heatmap) and
`charts.frame_profile_lead_body`. The sentence-level table of
`framing.frames` is read as a table (its `matches` are the evidence), not
drawn. Outlets are pooled from their documents' counts (hits over words,
frame sentences over sentences), never by averaging rates, and every hover
text shows those counts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ._common import (
    MIN_WORDS, ONE_PER_OUTLET_WARNING, _add_warnings, _escape, _layout, _number, _outlet_key, _require,
)

#: The values the frame charts can show, with an axis or colour-bar title that says what the number is.
FRAME_VALUES = {
    "hits_per_1000_words": "Frame indicators per 1,000 words",
    "score_per_1000_words": "Weighted indicator score per 1,000 words",
    "share_sentences": "Share of sentences with the frame's indicators",
    "n_hits": "Frame indicators found",
    "score": "Weighted indicator score",
}
_PROFILE_COLUMNS = ["doc_id", "outlet_id", "section", "frame", "n_sentences", "n_frame_sentences", "n_hits", "score", "n_words"]
LEAD_COLOR = "#CC6677"
BODY_COLOR = "#4477AA"


def _pooled(profile: pd.DataFrame, *, by: str, documents: pd.DataFrame | None) -> pd.DataFrame:
    """Return the profile pooled per group (outlet or document) × section × frame, with the value columns recomputed."""
    table = profile.copy()
    table["_outlet"] = table["outlet_id"].map(_outlet_key)
    names = {}
    if documents is not None and {"outlet_id", "outlet_name"} <= set(documents.columns):
        names = {_outlet_key(o): n for o, n in zip(documents["outlet_id"], documents["outlet_name"]) if isinstance(n, str) and n}
    if by == "outlet":
        table["_group"] = table["_outlet"]
        table["_label"] = table["_outlet"].map(lambda o: names.get(o, o))
    else:
        table["_group"] = table["doc_id"].astype(str)
        table["_label"] = table["_outlet"].map(lambda o: names.get(o, o)) + " · " + table["doc_id"].astype(str)
    # sentences and words are per document × section: the same on every frame row, so take them once per document
    per_doc = table.drop_duplicates(["doc_id", "section"])
    sizes = per_doc.groupby(["_group", "section"]).agg(
        n_sentences=("n_sentences", "sum"), n_words=("n_words", "sum"), n_docs=("doc_id", "nunique"))
    counts = table.groupby(["_group", "_label", "_outlet", "section", "frame"], sort=False).agg(
        n_frame_sentences=("n_frame_sentences", "sum"), n_hits=("n_hits", "sum"), score=("score", "sum"))
    pooled = counts.reset_index().join(sizes, on=["_group", "section"])
    with np.errstate(divide="ignore", invalid="ignore"):
        pooled["share_sentences"] = np.where(pooled["n_sentences"] > 0, pooled["n_frame_sentences"] / pooled["n_sentences"], np.nan)
        pooled["hits_per_1000_words"] = np.where(pooled["n_words"] > 0, pooled["n_hits"] / pooled["n_words"] * 1000, np.nan)
        pooled["score_per_1000_words"] = np.where(pooled["n_words"] > 0, pooled["score"] / pooled["n_words"] * 1000, np.nan)
    return pooled


def _frame_labels(profile: pd.DataFrame, indicators: pd.DataFrame | None) -> dict[str, str]:
    labels = {}
    if indicators is not None and {"frame", "frame_label"} <= set(indicators.columns):
        labels = dict(zip(indicators["frame"], indicators["frame_label"]))
    return {f: str(labels.get(f, f)) for f in dict.fromkeys(profile["frame"])}


def _check(profile: pd.DataFrame, chart: str, *, value: str, by: str, sections: list[str]) -> None:
    _require(profile, _PROFILE_COLUMNS, "frame_profile")
    if value not in FRAME_VALUES:
        raise ValueError(f"charts.{chart}: value must be one of {', '.join(FRAME_VALUES)}, not {value!r}")
    if by not in ("outlet", "document"):
        raise ValueError(f"charts.{chart}: by must be 'outlet' or 'document', not {by!r}")
    for section in sections:
        if section not in ("lead", "body", "all"):
            raise ValueError(f"charts.{chart}: section must be 'lead', 'body' or 'all', not {section!r}")


def _warnings(pooled: pd.DataFrame, profile: pd.DataFrame, sections: list[str], *, by: str) -> list[str]:
    """Return the small-sample warnings: one article per outlet, short sections, a lead of a few sentences."""
    notes = []
    per_outlet = profile.assign(_outlet=profile["outlet_id"].map(_outlet_key)).groupby("_outlet")["doc_id"].nunique()
    if len(per_outlet) and (per_outlet == 1).all():
        notes.append(ONE_PER_OUTLET_WARNING)
    elif len(per_outlet) and (per_outlet == 1).any() and by == "outlet":
        notes.append(f"Only 1 article for {', '.join(per_outlet.index[per_outlet == 1])}: its row describes one article, not the outlet.")
    sizes = pooled.drop_duplicates(["_group", "section"])
    for section in sections:
        part = sizes[sizes["section"] == section]
        short = part[part["n_words"] < MIN_WORDS]
        if len(short):
            notes.append(f"{section}: under {MIN_WORDS} words in {len(short)} of {len(part)} rows "
                         f"(fewest {int(short['n_words'].min())}); rates per 1,000 words jump.")
    if "lead" in sections:
        most = int(sizes.loc[sizes["section"] == "lead", "n_sentences"].max() or 0) if len(sizes) else 0
        if by == "document" or per_outlet.max() == 1:
            notes.append(f"A lead has at most {most} sentences here: its share moves in steps of {100 / max(most, 1):.0f} %.")
    notes.append("Indicators count a frame's words, not the frame: read the matches of framing.frames.")
    return notes


def _hover(row: pd.Series, frame_label: str, value: str) -> str:
    return (
        f"<b>{_escape(row['_label'])}</b> · {_escape(frame_label)} · {_escape(row['section'])}<br>"
        f"{_escape(FRAME_VALUES[value])}: {_number(row[value], 0 if value == 'n_hits' else 2)}<br>"
        f"{int(row['n_hits'])} indicators (score {_number(row['score'], 1)}) in {int(row['n_words']):,} words<br>"
        f"{int(row['n_frame_sentences'])} of {int(row['n_sentences'])} sentences; {int(row['n_docs'])} article(s)"
    )


def frame_profile(
    profile: pd.DataFrame,
    *,
    section: str = "all",
    value: str = "hits_per_1000_words",
    by: str = "outlet",
    indicators: pd.DataFrame | None = None,
    documents: pd.DataFrame | None = None,
) -> go.Figure:
    """Draw an outlet (or document) × frame heatmap of a frame profile.

    Each cell is one outlet's (or article's) value for one frame in one
    section; outlets are pooled from their articles' counts. The value is
    written in the cell; hover shows the indicators, words, frame sentences
    and articles it rests on. A warning names one-article outlets and
    sections under `MIN_WORDS` words.

    Args:
        profile: the table `framing.frame_profile` returns.
        section: "all" (default), "lead" (headline + lead) or "body".
        value: one of `FRAME_VALUES` (default "hits_per_1000_words").
        by: "outlet" (default) or "document" (one row per article).
        indicators: `framing.frame_indicators(corpus)`, for the frames' labels
            (default: their ids).
        documents: the corpus's documents table, for outlet names.

    Returns:
        A plotly Figure (one `go.Heatmap`).
    """
    _check(profile, "frame_profile", value=value, by=by, sections=[section])
    labels = _frame_labels(profile, indicators)
    pooled = _pooled(profile[profile["section"] == section], by=by, documents=documents)
    frames = list(labels)
    rows = pooled.drop_duplicates("_group").sort_values(["_outlet", "_group"])[["_group", "_label"]]
    grid = pooled.set_index(["_group", "frame"])
    z, text, hover = [], [], []
    for group in rows["_group"]:
        z_row, text_row, hover_row = [], [], []
        for frame in frames:
            row = grid.loc[(group, frame)] if (group, frame) in grid.index else None
            if row is None:
                z_row.append(None), text_row.append(""), hover_row.append("")
                continue
            v = row[value]
            z_row.append(None if pd.isna(v) else float(v))
            text_row.append(_number(v, {"n_hits": 0, "share_sentences": 2}.get(value, 1)))
            hover_row.append(_hover(row, labels[frame], value))
        z.append(z_row), text.append(text_row), hover.append(hover_row)
    fig = go.Figure(go.Heatmap(
        z=z, x=[_escape(labels[f]) for f in frames], y=[_escape(label) for label in rows["_label"]],
        text=text, texttemplate="%{text}", hovertext=hover, hoverinfo="text",
        colorscale="Blues", zmin=0, colorbar=dict(title=dict(text=_escape(FRAME_VALUES[value]), side="right")),
        xgap=2, ygap=2,
    ))
    notes = _warnings(pooled, profile[profile["section"] == section], [section], by=by)
    _add_warnings(fig, notes)
    section_name = {"all": "whole article", "lead": "headline + lead", "body": "body"}[section]
    _layout(fig, title=f"Frames per {by}: {FRAME_VALUES[value].lower()} ({section_name})",
            n_rows=len(rows) + 3, n_notes=len(notes), legend_title="",
            xaxis=dict(side="bottom", tickangle=-30), yaxis=dict(autorange="reversed"))
    return fig


def frame_profile_lead_body(
    profile: pd.DataFrame,
    *,
    value: str = "share_sentences",
    frames: list[str] | None = None,
    indicators: pd.DataFrame | None = None,
    documents: pd.DataFrame | None = None,
) -> go.Figure:
    """Draw, per frame and outlet, the lead's value next to the body's (a dumbbell chart).

    One row per frame × outlet; a red dot for the headline + lead, a blue
    dot for the body, joined by a line: a long line means the lead frames the
    story differently from the body. Hover shows the counts behind each dot.

    Args:
        profile: the table `framing.frame_profile` returns.
        value: one of `FRAME_VALUES` (default "share_sentences": the share of
            the section's sentences holding the frame's indicators).
        frames: frame ids to draw, in this order (default: every frame with a
            value above 0 in some lead or body, in lexicon order).
        indicators: `framing.frame_indicators(corpus)`, for frame labels.
        documents: the corpus's documents table, for outlet names.

    Returns:
        A plotly Figure with traces "lead", "body" and the connecting lines.
    """
    _check(profile, "frame_profile_lead_body", value=value, by="outlet", sections=["lead", "body"])
    labels = _frame_labels(profile, indicators)
    pooled = _pooled(profile[profile["section"].isin(["lead", "body"])], by="outlet", documents=documents)
    if frames is None:
        nonzero = pooled.groupby("frame")[value].max().fillna(0)
        frames = [f for f in labels if nonzero.get(f, 0) > 0]
    outlets = pooled.drop_duplicates("_group").sort_values("_group")[["_group", "_label"]]
    keyed = pooled.set_index(["_group", "frame", "section"])
    y, lead_x, body_x, lead_hover, body_hover, line_x, line_y = [], [], [], [], [], [], []
    for frame in frames:
        for group, label in zip(outlets["_group"], outlets["_label"]):
            if (group, frame, "lead") not in keyed.index or (group, frame, "body") not in keyed.index:
                continue
            name = _escape(f"{labels.get(frame, frame)} · {label}")
            lead = pd.concat([keyed.loc[(group, frame, "lead")], pd.Series({"section": "lead"})])
            body = pd.concat([keyed.loc[(group, frame, "body")], pd.Series({"section": "body"})])
            y.append(name)
            lead_x.append(None if pd.isna(lead[value]) else float(lead[value]))
            body_x.append(None if pd.isna(body[value]) else float(body[value]))
            lead_hover.append(_hover(lead, labels.get(frame, frame), value))
            body_hover.append(_hover(body, labels.get(frame, frame), value))
            line_x += [lead_x[-1], body_x[-1], None]
            line_y += [name, name, None]
    fig = go.Figure()  # colour marks the section; outlets are told apart by their row labels
    fig.add_trace(go.Scatter(x=line_x, y=line_y, mode="lines", line=dict(color="#BBBBBB", width=3),
                             hoverinfo="skip", showlegend=False, name="lead to body"))
    fig.add_trace(go.Scatter(x=lead_x, y=y, mode="markers", name="headline + lead",
                             marker=dict(color=LEAD_COLOR, size=11, symbol="circle"), hovertext=lead_hover, hoverinfo="text"))
    fig.add_trace(go.Scatter(x=body_x, y=y, mode="markers", name="body",
                             marker=dict(color=BODY_COLOR, size=11, symbol="diamond"), hovertext=body_hover, hoverinfo="text"))
    notes = _warnings(pooled, profile[profile["section"].isin(["lead", "body"])], ["lead", "body"], by="outlet")
    _add_warnings(fig, notes)
    axis = dict(title=_escape(FRAME_VALUES[value]), rangemode="tozero")
    if value == "share_sentences":
        axis.update(range=[-0.02, 1.02], tickformat=".0%")
    _layout(fig, title="Does the lead frame the story like the body? Lead vs. body per frame and outlet",
            n_rows=len(y) + 2, n_notes=len(notes), legend_title="Section", n_legend=2,
            xaxis=axis, yaxis=dict(autorange="reversed", categoryorder="array", categoryarray=list(dict.fromkeys(y))))
    return fig
