"""Voice charts: share of voice per outlet and side, speech-verb classes; counts shown, warnings, escaping."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import framing
from framing import charts

XSS = "<img src=x onerror=alert(1)>"


def share_table() -> pd.DataFrame:
    return pd.DataFrame({
        "outlet_id": ["sna", "sna", "euractiv", "euractiv", "euractiv", "sna"],
        "side": ["nato_west", "russia", "nato_west", "russia", XSS, "nato_west"],
        "kind": ["all", "all", "all", "all", "all", "direct"],
        "n_docs": [1, 1, 1, 1, 1, 1],
        "n_quotes": [3, 1, 4, 2, 1, 3],
        "n_words": [30, 10, 40, 20, 5, 30],
        "n_words_outlet": [40, 40, 65, 65, 65, 30],
        "share_words": [0.75, 0.25, 40 / 65, 20 / 65, 5 / 65, 1.0],
    })


def warning_text(fig) -> str:
    return " ".join(a.text for a in fig.layout.annotations if a.name == "warning")


def test_share_of_voice_stacks_sides_to_100_percent_with_counts():
    fig = charts.share_of_voice(share_table())
    assert fig.layout.barmode == "stack"
    sides = [trace.name for trace in fig.data]
    assert sides[:2] == ["nato_west", "russia"]
    nato = fig.data[0]
    assert list(nato.y) == ["euractiv (n=65 words)", "sna (n=40 words)"]
    assert list(nato.x) == pytest.approx([40 / 65 * 100, 75.0])
    assert list(nato.text) == ["nato_west 40", "nato_west 30"]
    assert "3 quotes" in nato.hovertext[1]


def test_share_of_voice_filters_by_kind():
    fig = charts.share_of_voice(share_table(), kind="direct")
    assert [trace.name for trace in fig.data] == ["nato_west"] and list(fig.data[0].x) == [100.0]
    assert "direct" in fig.layout.title.text


def test_share_of_voice_warns_about_one_article_and_few_quotes():
    text = warning_text(charts.share_of_voice(share_table()))
    assert "1 article per outlet" in text and "Fewer than 5 quotes: sna" in text


def test_article_text_is_escaped_in_labels_and_hover():
    fig = charts.share_of_voice(share_table())
    dumped = json.dumps(fig.to_plotly_json(), ensure_ascii=False)
    assert "<img" not in dumped and "&lt;img" in dumped


def test_cue_classes_chart_one_bar_per_outlet_and_side():
    table = pd.DataFrame({
        "outlet_id": ["sna", "sna", "euractiv"], "side": ["nato_west", "nato_west", "russia"],
        "cue_class": ["neutral", "emphatic", "neutral"], "n": [5, 3, 4], "n_outlet": [8, 8, 4], "share": [5 / 8, 3 / 8, 1.0],
    })
    fig = charts.cue_classes(table)
    assert {trace.name for trace in fig.data} == {"neutral", "emphatic"}
    assert "sna · nato_west (n=8 quotes)" in list(fig.data[0].y)
    only = charts.cue_classes(table, side="russia")
    assert [list(t.y) for t in only.data] == [["euractiv (n=4 quotes)"]]


def test_charts_draw_the_seed_corpus(seed_corpus):
    fig = charts.share_of_voice(framing.share_of_voice(seed_corpus), documents=seed_corpus.documents)
    assert len(fig.data) >= 3
    fig = charts.cue_classes(framing.cue_classes(seed_corpus), documents=seed_corpus.documents)
    assert len(fig.data) >= 2
