"""Charts of the leaning profile: one outlet's indicators, two outlets side by side, and the CA map."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ._common import ONE_PER_OUTLET_WARNING, _add_warnings, _color_map, _escape, _number, _truncate

_MEASURED = ["voices", "naming", "frames", "hedges", "speech_verbs", "omissions", "tone", "reuse"]
_GROUP_TITLES = {
    "voices": "Voices: quoted words and quotes by side", "naming": "Naming: share of each concept's matches",
    "frames": "Frames: lead share and hits per 1,000 words", "hedges": "Hedges by the side they concern",
    "speech_verbs": "Speech verbs by side and class", "omissions": "Facts (omitted, reported, unique)",
    "tone": "Tone toward each side (mean score per sentence)", "reuse": "Reuse of shared copy and agency credits",
}
_DECLARED_SHOWN = ["ownership", "country", "outlet type", "state affiliation", "leaning"]
_REQUIRED = ["outlet_id", "group", "indicator", "value", "unit", "n", "n_total", "basis", "n_evidence", "evidence"]


def _require_profile(df: pd.DataFrame, chart: str) -> None:
    missing = [c for c in _REQUIRED if c not in df.columns]
    if missing:
        raise ValueError(f"charts.{chart} needs the column(s) {', '.join(missing)}; "
                         "pass the table that framing.leaning_profile(corpus) returns.")


def _names(df: pd.DataFrame, documents: pd.DataFrame | None) -> dict[str, str]:
    names = {}
    if documents is not None and {"outlet_id", "outlet_name"} <= set(documents.columns):
        names = {o: n for o, n in zip(documents["outlet_id"], documents["outlet_name"]) if isinstance(n, str) and n}
    declared = df[(df["group"] == "declared") & (df["indicator"] == "name")]
    for o, n in zip(declared["outlet_id"], declared["value"]):
        names.setdefault(o, str(n))
    return names


def _declared_line(df: pd.DataFrame, outlet: str, name: str) -> str:
    rows = df[(df["outlet_id"] == outlet) & (df["group"] == "declared")].set_index("indicator")
    parts = []
    for key in _DECLARED_SHOWN:
        if key in rows.index:
            value = f"{key}: {rows.loc[key, 'value']}"
            if key == "leaning":
                value += f" (basis: {_truncate(rows.loc[key, 'basis'], 80)})"
            parts.append(value)
    if "leaning" not in rows.index:
        parts.append("leaning: none declared with a basis")
    return f"<b>{_escape(name)}</b> · " + _escape(" · ".join(parts))


def _hover(row: pd.Series, name: str) -> str:
    unit = row["unit"]
    value = "n/a" if pd.isna(row["value"]) else (_number(row["value"]) if unit == "count" else _number(row["value"], 2))
    total = "" if pd.isna(row["n_total"]) else f" of {_number(row['n_total'])}"
    refs = str(row["evidence"]).split("; ") if row["evidence"] else []
    shown = ", ".join(refs[:4]) + (f" … (+{len(refs) - 4})" if len(refs) > 4 else "")
    return (f"<b>{_escape(name)}</b><br>{_escape(row['indicator'])}<br>{value} {_escape(unit)}"
            f"<br>n = {_number(row['n'])}{total}"
            f"<br>{int(row['n_evidence'])} evidence row(s): {_escape(shown) or 'none'}"
            f"<br>{_escape(_truncate(row['basis'], 110))}")


def _profile_figure(df: pd.DataFrame, outlets: list[str], *, documents, colors, groups, hide_zero: bool,
                    title: str) -> go.Figure:
    names = _names(df, documents)
    measured = df[df["group"].isin(groups or _MEASURED) & df["outlet_id"].isin(outlets)]
    if hide_zero:   # drop indicators where every shown outlet has nothing to count
        keep = measured.groupby("indicator")["n"].apply(lambda n: (n.fillna(0) > 0).any())
        measured = measured[measured["indicator"].map(keep)]
    shown = [g for g in (groups or _MEASURED) if g in set(measured["group"])]
    heights = [max(1, measured.loc[measured["group"] == g, "indicator"].nunique()) for g in shown] or [1]
    fig = make_subplots(rows=len(heights), cols=1, row_heights=[h / sum(heights) for h in heights],
                        vertical_spacing=min(0.08, 0.5 / max(1, len(heights))),
                        subplot_titles=[_escape(_GROUP_TITLES.get(g, g)) for g in shown])
    palette = _color_map(outlets, colors)
    for k, group in enumerate(shown, start=1):
        part = measured[measured["group"] == group]
        indicators = list(dict.fromkeys(part["indicator"]))
        for outlet in outlets:
            rows = part[part["outlet_id"] == outlet].set_index("indicator").reindex(indicators)
            rows["indicator"] = indicators
            name = names.get(outlet, outlet)
            fig.add_trace(go.Bar(
                y=[_escape(i) for i in indicators], x=[None if pd.isna(v) else float(v) for v in rows["value"]],
                orientation="h", name=_escape(name), legendgroup=outlet, showlegend=k == 1,
                marker_color=palette.get(outlet),
                text=[f"n={_number(n)}" if pd.notna(n) else "" for n in rows["n"]], textposition="outside",
                hovertext=[_hover(r, name) if pd.notna(r["unit"]) else f"{_escape(name)}: no such row"
                           for _, r in rows.iterrows()],
                hoverinfo="text",
            ), row=k, col=1)
        units = sorted(set(part["unit"].dropna()))
        fig.update_xaxes(title_text=_escape(" / ".join(units)), row=k, col=1)
        fig.update_yaxes(autorange="reversed", row=k, col=1)
    notes = []
    n_docs = df[df["outlet_id"].isin(outlets)].groupby("outlet_id")["n_documents"].max() if "n_documents" in df else pd.Series(dtype=int)
    if len(n_docs) and (n_docs <= 1).all():
        notes.append(ONE_PER_OUTLET_WARNING)
    notes.append("Measured indicators, not a leaning label; bars are not added into a score. "
                 "framing.leaning_evidence(corpus, outlet, indicator) gives the sentences behind each bar.")
    declared = [_declared_line(df, o, names.get(o, o)) for o in outlets]
    top = 90 + 22 * (len(notes) + len(declared))
    fig.add_annotation(name="declared", text="<br>".join(declared), xref="paper", yref="paper", x=0, y=1,
                       xanchor="left", yanchor="bottom", yshift=8 + 22 * len(notes) + 12, align="left",
                       showarrow=False, font=dict(size=12))
    _add_warnings(fig, notes)
    fig.update_layout(
        title=dict(text=title, x=0, xanchor="left", y=1, yanchor="top", pad=dict(t=14, l=4)),
        template="plotly_white", barmode="group", height=max(420, top + 80 + 26 * len(outlets) * sum(heights) + 40 * len(shown)),
        margin=dict(t=top + 30, l=10, r=40, b=50), hoverlabel=dict(align="left"),
        legend=dict(title=dict(text="outlet")), font=dict(family="Arial, Helvetica, sans-serif", size=12),
    )
    return fig


def leaning_profile(df: pd.DataFrame, outlet_id: str, *, documents: pd.DataFrame | None = None,
                    colors: dict[str, str] | None = None, groups: list[str] | None = None,
                    hide_zero: bool = True) -> go.Figure:
    """Draw one outlet's leaning profile: its measured indicators as bars, grouped, with its declared metadata above.

    One panel per group (voices, naming, frames, hedges, speech verbs,
    omissions, tone, reuse); each bar's label gives the count it rests on,
    its hover the value, unit, n (of n_total), the function that computes it
    and the refs of the sentences behind it. Declared metadata (ownership,
    country, state affiliation, a leaning label only with its basis) stand
    above the panels; all text is HTML-escaped.

    Args:
        df: the table `framing.leaning_profile(corpus)` returns.
        outlet_id: the outlet to draw.
        documents: the corpus's documents table, for the outlet's name.
        colors: outlet id → colour (default `outlet_colors` of the table's outlets).
        groups: the groups to draw (default all measured groups).
        hide_zero: leave out indicators with n = 0 (default True: the naming lexicon alone has ~40).

    Returns:
        A plotly Figure.
    """
    _require_profile(df, "leaning_profile")
    if outlet_id not in set(df["outlet_id"]):
        raise ValueError(f"outlet {outlet_id!r} is not in the profile table")
    names = _names(df, documents)
    colors = colors or _color_map(df["outlet_id"], None)
    return _profile_figure(df, [outlet_id], documents=documents, colors=colors, groups=groups, hide_zero=hide_zero,
                           title=f"Leaning profile: {_escape(names.get(outlet_id, outlet_id))}")


def leaning_comparison(df: pd.DataFrame, outlet_a: str, outlet_b: str, *, documents: pd.DataFrame | None = None,
                       colors: dict[str, str] | None = None, groups: list[str] | None = None,
                       hide_zero: bool = True) -> go.Figure:
    """Draw two outlets' leaning profiles side by side: paired bars per indicator, declared metadata of both above.

    Args:
        df: the table `framing.leaning_profile(corpus)` returns.
        outlet_a, outlet_b: the two outlets.
        documents, colors, groups, hide_zero: as for `leaning_profile` (an
            indicator is hidden only when both outlets have n = 0).

    Returns:
        A plotly Figure.
    """
    _require_profile(df, "leaning_comparison")
    missing = [o for o in (outlet_a, outlet_b) if o not in set(df["outlet_id"])]
    if missing:
        raise ValueError(f"outlet(s) {', '.join(missing)} not in the profile table")
    names = _names(df, documents)
    colors = colors or _color_map(df["outlet_id"], None)
    return _profile_figure(df, [outlet_a, outlet_b], documents=documents, colors=colors, groups=groups,
                           hide_zero=hide_zero,
                           title=f"Leaning profiles: {_escape(names.get(outlet_a, outlet_a))} and "
                                 f"{_escape(names.get(outlet_b, outlet_b))}")


def leaning_map(result, *, documents: pd.DataFrame | None = None, n_labels: int = 12) -> go.Figure:
    """Draw the correspondence analysis biplot: outlets and indicator columns on the first two dimensions.

    Outlets are large labelled points; indicator columns small grey points,
    the `n_labels` contributing most to the inertia labelled (all on hover,
    with their counts and mass). Axis titles give each dimension's share of
    the total inertia (symmetric map: both sets in principal coordinates, so
    read directions from the origin, not distances between an outlet and an
    indicator).

    Args:
        result: the `Correspondence` that `framing.leaning_map(corpus)` or
            `framing.correspondence(table)` returns.
        documents: the corpus's documents table, for outlet names.
        n_labels: how many indicator columns to label.

    Returns:
        A plotly Figure.
    """
    rows, cols, inertia, counts = result.rows, result.columns, result.inertia, result.counts
    dims = [d for d in ("dim_1", "dim_2") if d in rows.columns]
    if not dims:
        raise ValueError("charts.leaning_map needs at least one dimension")
    x, y = dims[0], dims[1] if len(dims) > 1 else None
    share = dict(zip(inertia["dim"], inertia["share"]))
    names = {}
    if documents is not None and {"outlet_id", "outlet_name"} <= set(documents.columns):
        names = {o: n for o, n in zip(documents["outlet_id"], documents["outlet_name"]) if isinstance(n, str) and n}
    fig = go.Figure()
    top = set(cols.sort_values("inertia", ascending=False)["label"].head(n_labels))
    col_n = counts.sum(axis=0)
    fig.add_trace(go.Scatter(
        x=cols[x], y=cols[y] if y else [0] * len(cols), mode="markers+text", name="indicator columns",
        marker=dict(size=7, color="#999999", symbol="diamond"),
        text=[_escape(_truncate(label, 40)) if label in top else "" for label in cols["label"]],
        textposition="top center", textfont=dict(size=10, color="#555555"),
        hovertext=[f"{_escape(label)}<br>n = {_number(col_n.get(label))} in all outlets<br>mass {m:.3f}, "
                   f"{i:.1%} of the inertia" for label, m, i in zip(cols["label"], cols["mass"], cols["inertia"])],
        hoverinfo="text",
    ))
    palette = _color_map(rows["label"], None)
    row_n = counts.sum(axis=1)
    fig.add_trace(go.Scatter(
        x=rows[x], y=rows[y] if y else [0] * len(rows), mode="markers+text", name="outlets",
        marker=dict(size=14, color=[palette.get(o) for o in rows["label"]], line=dict(color="#333333", width=1)),
        text=[f"<b>{_escape(names.get(o, o))}</b>" for o in rows["label"]], textposition="bottom center",
        hovertext=[f"<b>{_escape(names.get(o, o))}</b><br>n = {_number(row_n.get(o))} counted occurrences<br>"
                   f"mass {m:.3f}, {i:.1%} of the inertia" for o, m, i in zip(rows["label"], rows["mass"], rows["inertia"])],
        hoverinfo="text",
    ))
    notes = [f"Correspondence analysis of {counts.shape[0]} outlets × {counts.shape[1]} count indicators "
             f"(total inertia {result.total_inertia:.3f}); input table: result.counts.",
             "With one article per outlet the map describes articles, not outlets; it is no leaning score."]
    _add_warnings(fig, notes)
    fig.update_layout(
        title=dict(text="Correspondence analysis of the count indicators", x=0, xanchor="left", y=1, yanchor="top",
                   pad=dict(t=14, l=4)),
        template="plotly_white", height=620, margin=dict(t=130, l=10, r=30, b=60), hoverlabel=dict(align="left"),
        font=dict(family="Arial, Helvetica, sans-serif", size=12),
        xaxis=dict(title=f"dimension 1 ({share.get(x, 0):.1%} of inertia)", zeroline=True, zerolinecolor="#888888"),
        yaxis=dict(title=f"dimension 2 ({share.get(y, 0):.1%} of inertia)" if y else "", zeroline=True,
                   zerolinecolor="#888888", scaleanchor="x", scaleratio=1),
    )
    return fig
