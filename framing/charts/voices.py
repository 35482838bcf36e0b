"""Charts of voices: whose words each outlet carries (share of voice) and with which speech verbs."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ._common import ONE_PER_OUTLET_WARNING, _add_warnings, _escape, _layout, _require

#: Colours of the shipped sides (Paul Tol's "bright"); other sides cycle through SIDE_PALETTE.
SIDE_COLORS = {
    "nato_west": "#4477AA", "russia": "#EE6677", "ukraine": "#CCBB44", "media": "#66CCEE",
    "other": "#228833", "unattributed": "#BBBBBB",
}
SIDE_PALETTE = ["#AA3377", "#332288", "#117733", "#999933", "#882255", "#44AA99"]
#: Colours of the speech-verb classes of the shipped `speech_verbs.yaml`.
CUE_CLASS_COLORS = {
    "neutral": "#BBBBBB", "emphatic": "#4477AA", "assertive": "#66CCEE", "distancing": "#EE6677",
    "alarm": "#CC3311", "denial": "#AA3377", "demand": "#CCBB44",
}
MIN_QUOTES = 5


def _colors(values, fixed: dict[str, str]) -> dict[str, str]:
    out, k = {}, 0
    for value in values:
        if value in fixed:
            out[value] = fixed[value]
        else:
            out[value] = SIDE_PALETTE[k % len(SIDE_PALETTE)]
            k += 1
    return out


def _outlet_names(documents: pd.DataFrame | None) -> dict[str, str]:
    if documents is not None and "outlet_name" in documents:
        return dict(zip(documents["outlet_id"], documents["outlet_name"]))
    return {}


def _stacked(counts: pd.DataFrame, *, group: str, value: str, n_label: str, colors: dict[str, str],
             names: dict[str, str], title: str, legend: str, unit: str, notes: list[str]) -> go.Figure:
    """Draw one horizontal bar per outlet, stacked by `group`, as shares with the counts in the segments."""
    totals = counts.groupby("outlet_id")[value].sum()
    outlets = sorted(totals.index)
    labels = {o: _escape(f"{names.get(o, o)} (n={int(totals[o])} {unit})") for o in outlets}
    fig = go.Figure()
    for key in dict.fromkeys(counts[group]):
        part = counts[counts[group] == key].set_index("outlet_id")
        n = part[value].reindex(outlets, fill_value=0)
        quotes = part[n_label].reindex(outlets, fill_value=0) if n_label in part else n
        share = [float(v) / float(totals[o]) * 100 if totals[o] else 0.0 for o, v in zip(outlets, n)]
        fig.add_trace(go.Bar(
            x=share, y=[labels[o] for o in outlets], orientation="h", name=_escape(key),
            marker=dict(color=colors[key]),
            text=[f"{_escape(key)} {int(v)}" if v else "" for v in n], textposition="inside", insidetextanchor="middle",
            hovertext=[f"<b>{_escape(key)}</b> in {labels[o]}: {int(v)} {unit} of {int(totals[o])} ({s:.0f} %)"
                       + (f", {int(q)} quotes" if n_label != value else "")
                       for o, v, s, q in zip(outlets, n, share, quotes)],
            hoverinfo="text",
        ))
    fig.update_layout(barmode="stack")
    _add_warnings(fig, notes)
    _layout(fig, title=title, n_rows=len(outlets), n_notes=len(notes), legend_title=legend,
            n_legend=len(fig.data), xaxis=dict(title="% of the outlet's total", range=[0, 100]))
    return fig


def share_of_voice(df: pd.DataFrame, *, documents: pd.DataFrame | None = None, kind: str = "all") -> go.Figure:
    """Draw, per outlet, the share of the words quoted that each side's speakers get.

    One stacked bar per outlet summing to 100 % of the words it quotes (of
    `kind`); each segment holds the side's word count, the hover adds the
    number of quotes. The outlet's total is next to its name: a share of a
    few dozen words means little. Warns when an outlet has one article or
    fewer than 5 quotes.

    Args:
        df: the table `framing.share_of_voice(corpus)` returns (by side).
        documents: the corpus's documents table, for outlet names.
        kind: "all" (default), "direct", "partial" or "indirect".

    Returns:
        A plotly Figure.
    """
    _require(df, ["outlet_id", "side", "kind", "n_docs", "n_quotes", "n_words"], "share_of_voice")
    part = df[df["kind"] == kind]
    counts = part.groupby(["outlet_id", "side"], sort=False)[["n_words", "n_quotes"]].sum().reset_index()
    notes = []
    docs = part.groupby("outlet_id")["n_docs"].max()
    if len(docs) and (docs <= 1).all():
        notes.append(ONE_PER_OUTLET_WARNING)
    few = part.groupby("outlet_id")["n_quotes"].sum()
    few = sorted(few.index[few < MIN_QUOTES])
    if few:
        notes.append(f"Fewer than {MIN_QUOTES} quotes: {', '.join(map(str, few))}; shares of so few quotes are unstable.")
    colors = _colors(dict.fromkeys(counts["side"]), SIDE_COLORS)
    title = "Share of voice: words quoted per side" + ("" if kind == "all" else f" ({kind} quotes)")
    return _stacked(counts, group="side", value="n_words", n_label="n_quotes", colors=colors,
                    names=_outlet_names(documents), title=_escape(title), legend="side", unit="words", notes=notes)


def cue_classes(df: pd.DataFrame, *, documents: pd.DataFrame | None = None, side: str | None = None) -> go.Figure:
    """Draw, per outlet (and side), the classes of speech verbs that introduce quotes.

    One stacked bar per outlet × side (or per outlet for one `side`), summing
    to 100 % of its quotes with a speech verb; segments hold the counts.

    Args:
        df: the table `framing.cue_classes(corpus)` returns.
        documents: the corpus's documents table, for outlet names.
        side: draw only this side (default: one bar per outlet and side).

    Returns:
        A plotly Figure.
    """
    _require(df, ["outlet_id", "side", "cue_class", "n"], "cue_classes")
    part = df if side is None else df[df["side"] == side]
    names = _outlet_names(documents)
    if side is None:
        part = part.assign(outlet_id=[f"{names.get(o, o)} · {s}" for o, s in zip(part["outlet_id"], part["side"])])
        names = {}
    counts = part.groupby(["outlet_id", "cue_class"], sort=False)["n"].sum().reset_index()
    notes = []
    few = counts.groupby("outlet_id")["n"].sum()
    few = sorted(few.index[few < MIN_QUOTES])
    if few:
        notes.append(f"Fewer than {MIN_QUOTES} quotes with a speech verb: {', '.join(map(str, few))}.")
    colors = _colors(dict.fromkeys(counts["cue_class"]), CUE_CLASS_COLORS)
    title = "Speech verbs by class" + (f" ({side})" if side else ", per outlet and side")
    return _stacked(counts, group="cue_class", value="n", n_label="n", colors=colors, names=names,
                    title=_escape(title), legend="speech verb class", unit="quotes", notes=notes)
