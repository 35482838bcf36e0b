"""Charts of word choice: keyness bars, the two-group term scatter and naming-variant shares."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ._common import _add_warnings, _escape, _layout, _number, _require

#: Axis titles of the keyness measures, saying what the number is.
KEYNESS_MEASURES = {
    "chi2": "χ² (signed: + used more by the target)",
    "lr": "G², likelihood ratio (signed: + used more by the target)",
    "logodds": "z-score of the log-odds ratio with prior (+ used more by the target)",
}
TARGET_COLOR = "#CC6677"
REFERENCE_COLOR = "#6699CC"
SIGNIFICANCE = 0.05
#: Colours for naming variants (Paul Tol's "bright", then "muted"), cycled across all concepts.
VARIANT_PALETTE = [
    "#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377", "#BBBBBB",
    "#332288", "#117733", "#999933", "#882255", "#44AA99",
]


def _group_name(value) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    return str(value) if value is not None else "all others"


def _rates(df: pd.DataFrame) -> tuple[pd.Series, pd.Series, float, float]:
    """Return the per-10,000-token rates of each feature in target and reference, and the totals."""
    n_target = float(df.attrs.get("n_target_total") or df["n_target"].sum() or 1)
    n_reference = float(df.attrs.get("n_reference_total") or df["n_reference"].sum() or 1)
    return df["n_target"] / n_target * 1e4, df["n_reference"] / n_reference * 1e4, n_target, n_reference


def _keyness_hover(rows: pd.DataFrame, target: str, reference: str) -> list[str]:
    rate_t, rate_r, _, _ = _rates(rows)
    return [
        f"<b>{_escape(f)}</b><br>stat {_number(s, 2)}, p {p:.3g}<br>"
        f"{_escape(target)}: {int(a)} ({rt:.1f} per 10,000 tokens)<br>"
        f"{_escape(reference)}: {int(b)} ({rr:.1f} per 10,000 tokens)"
        for f, s, p, a, b, rt, rr in zip(rows["feature"], rows["stat"], rows["p"], rows["n_target"],
                                        rows["n_reference"], rate_t, rate_r)
    ]


def keyness(df: pd.DataFrame, *, n: int = 20) -> go.Figure:
    """Draw the target's most and least key features, in quanteda's `textplot_keyness` manner.

    The `n` features with the highest statistic (used relatively more by the
    target) and the `n` with the lowest (used more by the reference) as
    horizontal bars; hover shows the counts and rates behind each bar. Bars of
    features with p ≥ 0.05 are faded: with few tokens most differences are
    within chance.

    Args:
        df: the table `framing.keyness` returns (its `attrs` name the groups,
            totals and warnings).
        n: features per side.

    Returns:
        A plotly Figure.
    """
    _require(df, ["feature", "stat", "p", "n_target", "n_reference"], "keyness")
    target, reference = _group_name(df.attrs.get("target", "target")), _group_name(df.attrs.get("reference"))
    measure = df.attrs.get("measure", "")
    top = df.nlargest(n, "stat")
    top = top[top["stat"] > 0]
    bottom = df.nsmallest(n, "stat")
    bottom = bottom[bottom["stat"] < 0]
    fig = go.Figure()
    for rows, name, color in ((top, target, TARGET_COLOR), (bottom, reference, REFERENCE_COLOR)):
        fig.add_trace(go.Bar(
            x=rows["stat"], y=[_escape(f) for f in rows["feature"]], orientation="h", name=_escape(name),
            marker=dict(color=color, opacity=[1.0 if p < SIGNIFICANCE else 0.45 for p in rows["p"]]),
            text=[f"{int(a)} : {int(b)}" for a, b in zip(rows["n_target"], rows["n_reference"])],
            textposition="outside", cliponaxis=False,
            hovertext=_keyness_hover(rows, target, reference), hoverinfo="text",
        ))
    notes = list(df.attrs.get("warnings", []))
    notes.append(f"Labels: count in {target} : count in {reference}. Faded bars: p ≥ {SIGNIFICANCE}.")
    _add_warnings(fig, notes)
    order = list(top.sort_values("stat")["feature"]) + list(bottom.sort_values("stat")["feature"])
    spread = float(df["stat"].abs().max()) if len(df) else 1.0
    _layout(
        fig, title=f"Keyness: {_escape(target)} against {_escape(reference)}" + (f" ({measure})" if measure else ""),
        n_rows=len(top) + len(bottom), n_notes=len(notes), legend_title="Used more by",
        xaxis=dict(title=dict(text=KEYNESS_MEASURES.get(measure, "keyness")), zeroline=True,
                   range=[-spread * 1.3, spread * 1.3] if spread else None),
        yaxis=dict(categoryorder="array", categoryarray=[_escape(f) for f in order], automargin=True, title=None),
        barmode="overlay",
    )
    return fig


def keyness_scatter(df: pd.DataFrame, *, n_labels: int = 12) -> go.Figure:
    """Draw every feature by its rate in the reference (x) and the target (y), in scattertext's manner.

    Both axes are per 10,000 tokens on a log scale; features the two groups
    use equally often lie on the diagonal. Colour is the keyness statistic;
    the `n_labels` most distinctive features of each side are labelled. A
    feature missing from one group is drawn at that axis's floor (half the
    smallest non-zero rate) and says so on hover.

    Args:
        df: the table `framing.keyness` returns.
        n_labels: labelled features per side.

    Returns:
        A plotly Figure.
    """
    _require(df, ["feature", "stat", "p", "n_target", "n_reference"], "keyness_scatter")
    target, reference = _group_name(df.attrs.get("target", "target")), _group_name(df.attrs.get("reference"))
    rate_t, rate_r, _, _ = _rates(df)
    floor_t = rate_t[rate_t > 0].min() / 2 if (rate_t > 0).any() else 0.5
    floor_r = rate_r[rate_r > 0].min() / 2 if (rate_r > 0).any() else 0.5
    x, y = rate_r.where(rate_r > 0, floor_r), rate_t.where(rate_t > 0, floor_t)
    labelled = set(df.nlargest(n_labels, "stat")["feature"]) | set(df.nsmallest(n_labels, "stat")["feature"])
    limit = float(df["stat"].abs().max()) if len(df) else 0.0
    limit = limit or 1.0
    fig = go.Figure(go.Scatter(
        x=x, y=y, mode="markers+text",
        text=[_escape(f) if f in labelled else "" for f in df["feature"]], textposition="top center",
        textfont=dict(size=11),
        marker=dict(color=df["stat"], colorscale="RdBu_r", cmin=-limit, cmax=limit, size=8, opacity=0.75,
                    colorbar=dict(title=dict(text="keyness"))),
        hovertext=_keyness_hover(df, target, reference), hoverinfo="text", showlegend=False,
    ))
    top = float(max(x.max(), y.max())) * 1.5 if len(df) else 10.0
    bottom = float(min(x.min(), y.min())) / 1.5 if len(df) else 0.1
    fig.add_trace(go.Scatter(x=[bottom, top], y=[bottom, top], mode="lines", hoverinfo="skip", showlegend=False,
                             line=dict(color="#999999", dash="dot", width=1)))
    notes = list(df.attrs.get("warnings", []))
    _add_warnings(fig, notes)
    _layout(
        fig, title=f"Word use: {_escape(target)} against {_escape(reference)}", n_rows=14, n_notes=len(notes),
        legend_title="",
        xaxis=dict(type="log", title=dict(text=f"{_escape(reference)}: per 10,000 tokens (log)")),
        yaxis=dict(type="log", title=dict(text=f"{_escape(target)}: per 10,000 tokens (log)")),
    )
    return fig


def naming(
    df: pd.DataFrame,
    *,
    documents: pd.DataFrame | None = None,
    variants: pd.DataFrame | None = None,
    concepts: list[str] | None = None,
) -> go.Figure:
    """Draw, per concept, the share of each naming variant in each outlet's mentions.

    One panel per concept; one stacked bar per outlet summing to 100 % of that
    outlet's mentions of the concept, the count of each variant in its
    segment and on hover. An outlet's total is given next to its name, since a
    share of three mentions means little.

    Args:
        df: the table `framing.naming` returns (`concept, variant, doc_id,
            outlet_id, n`); zero rows are allowed.
        documents: the corpus's documents table, for outlet names.
        variants: `framing.naming_variants(corpus)`, for the concepts' and
            variants' labels (default: their ids).
        concepts: the concept ids to draw, in this order (default: all).

    Returns:
        A plotly Figure.
    """
    _require(df, ["concept", "variant", "doc_id", "outlet_id", "n"], "naming")
    counts = df.groupby(["concept", "variant", "outlet_id"], sort=False)["n"].sum().reset_index()
    names = {}
    if documents is not None and "outlet_name" in documents:
        names = dict(zip(documents["outlet_id"], documents["outlet_name"]))
    concept_label, variant_label = {}, {}
    if variants is not None:
        concept_label = dict(zip(variants["concept"], variants["concept_label"]))
        variant_label = dict(zip(zip(variants["concept"], variants["variant"]), variants["variant_label"]))
    concepts = concepts or list(dict.fromkeys(counts["concept"]))
    titles = [_escape(concept_label.get(c, c)) for c in concepts]
    fig = make_subplots(rows=len(concepts) or 1, cols=1, subplot_titles=titles,
                        vertical_spacing=min(0.12, 0.5 / max(len(concepts), 1)))
    notes = []
    colour = 0  # one colour per variant across all panels, so that no two variants look alike
    for row, concept in enumerate(concepts, start=1):
        part = counts[counts["concept"] == concept]
        totals = part.groupby("outlet_id")["n"].sum()
        outlets = sorted(totals.index)
        labels = {o: _escape(f"{names.get(o, o)} (n={int(totals[o])})") for o in outlets}
        for k, variant in enumerate(dict.fromkeys(part["variant"])):
            label = variant_label.get((concept, variant), variant)
            n = part[part["variant"] == variant].set_index("outlet_id")["n"].reindex(outlets, fill_value=0)
            share = np.where(totals[outlets] > 0, n / totals[outlets].replace(0, np.nan), 0.0)
            fig.add_trace(go.Bar(
                x=share * 100, y=[labels[o] for o in outlets], orientation="h", name=_escape(label),
                legendgroup=_escape(concept), legendgrouptitle=dict(text=titles[row - 1]) if k == 0 else None,
                marker=dict(color=VARIANT_PALETTE[colour % len(VARIANT_PALETTE)]),
                # the variant's name in its segment: the chart reads without the legend
                text=[f"{_escape(label)} {int(v)}" if v else "" for v in n], textposition="inside",
                insidetextanchor="middle",
                hovertext=[f"<b>{_escape(label)}</b> in {labels[o]}: {int(v)} of {int(totals[o])} mentions ({s:.0f} %)"
                           for o, v, s in zip(outlets, n, share * 100)],
                hoverinfo="text",
            ), row=row, col=1)
            colour += 1
        few = [names.get(o, o) for o in outlets if 0 < totals[o] < 5]
        if few:
            notes.append(f"{concept_label.get(concept, concept)}: fewer than 5 mentions in {', '.join(map(str, few))}; shares of so few words are fragile.")
        missing = [names.get(o, o) for o in outlets if totals[o] == 0]
        if missing:
            notes.append(f"{concept_label.get(concept, concept)}: not named at all in {', '.join(map(str, missing))}.")
    fig.update_xaxes(range=[0, 100], ticksuffix=" %")
    _add_warnings(fig, notes)
    n_bars = sum(counts[counts["concept"] == c]["outlet_id"].nunique() for c in concepts)
    _layout(fig, title="How each outlet names things: share of each variant", n_rows=n_bars + 2 * len(concepts),
            n_notes=len(notes), legend_title="Variant", n_legend=len(counts[["concept", "variant"]].drop_duplicates()),
            barmode="stack")
    fig.update_layout(legend=dict(groupclick="toggleitem"), uniformtext=dict(minsize=9, mode="hide"))
    # panel titles sit at the top of the plot area: lift the warnings above the first one
    fig.update_annotations(selector=dict(name="warning"), yshift=34)
    fig.update_layout(margin=dict(t=fig.layout.margin.t + 30))
    return fig
