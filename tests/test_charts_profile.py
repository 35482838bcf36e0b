"""Tests of the leaning-profile charts: one outlet, two side by side, the CA map; text escaped."""

from __future__ import annotations

import warnings

import pandas as pd
import plotly.graph_objects as go
import pytest

import framing
from framing import charts


@pytest.fixture(scope="module")
def seed_profile(seed_corpus):
    return framing.leaning_profile(seed_corpus)


def _hover(fig):
    return " ".join(str(t) for trace in fig.data for t in (trace.hovertext or []))


def test_profile_chart_shows_counts_and_declared_metadata(seed_corpus, seed_profile):
    fig = charts.leaning_profile(seed_profile, "sna", documents=seed_corpus.documents)
    assert isinstance(fig, go.Figure)
    assert "SNA News" in fig.layout.title.text
    declared = [a for a in fig.layout.annotations if a.name == "declared"][0].text
    assert "state affiliation: Rossiya Segodnya" in declared and "leaning: none declared" in declared
    assert "n = " in _hover(fig) and "framing.hedges" in _hover(fig)
    assert any(a.name == "warning" for a in fig.layout.annotations)


def test_comparison_chart_has_one_trace_per_outlet_and_group(seed_corpus, seed_profile):
    fig = charts.leaning_comparison(seed_profile, "sna", "euractiv", documents=seed_corpus.documents)
    names = {trace.name for trace in fig.data}
    assert names == {"SNA News", "EURACTIV (German translation via aggregator)"}
    assert len(fig.data) % 2 == 0


def test_profile_chart_escapes_text(seed_profile):
    evil = seed_profile.copy()
    evil.loc[(evil["outlet_id"] == "sna") & (evil["indicator"] == "ownership"), "value"] = "<b>state</b>"
    evil.loc[evil["outlet_id"] == "sna", "basis"] = evil.loc[evil["outlet_id"] == "sna", "basis"].where(
        evil["group"] == "declared", "<script>x</script>")
    fig = charts.leaning_profile(evil, "sna")
    text = " ".join(a.text for a in fig.layout.annotations) + _hover(fig)
    assert "<script>" not in text and "&lt;script&gt;" in text and "&lt;b&gt;state" in text


def test_map_chart_labels_axes_with_inertia(seed_corpus):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = framing.leaning_map(seed_corpus)
    fig = charts.leaning_map(result, documents=seed_corpus.documents)
    assert "% of inertia" in fig.layout.xaxis.title.text and "% of inertia" in fig.layout.yaxis.title.text
    assert len(fig.data[1].x) == 5


def test_map_chart_of_a_hand_table():
    result = framing.correspondence(pd.DataFrame([[10, 2, 1], [1, 9, 3], [2, 2, 8]], index=list("abc"), columns=list("xyz")))
    fig = charts.leaning_map(result)
    assert "dimension 1" in fig.layout.xaxis.title.text


def test_chart_rejects_other_tables():
    with pytest.raises(ValueError, match="leaning_profile"):
        charts.leaning_profile(pd.DataFrame({"outlet_id": ["a"]}), "a")
