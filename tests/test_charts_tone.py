"""The tone chart: diverging bars per outlet and side, counts in the hover, small-sample warnings, escaping."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

import framing
from framing import charts

XSS = "<script>alert(1)</script>"


def profile() -> pd.DataFrame:
    return pd.DataFrame({
        "outlet_id": ["o1", "o1", "o2", "o2"],
        "actor_id": ["", "", "", ""],
        "side": ["nato_west", "russia", "nato_west", "russia"],
        "voice": "outlet",
        "n_documents": [2, 2, 1, 0],
        "n_sentences": [10, 4, 6, 0],
        "n_sentences_evaluative": [5, 2, 3, 0],
        "n_positive": [4, 0, 3, 0],
        "n_negative": [1, 3, 1, 0],
        "n_negated": [1, 0, 0, 0],
        "score_sum": [2.0, -2.4, 1.2, 0.0],
        "mean_score": [0.2, -0.6, 0.2, np.nan],
    })


def trace(fig, name: str):
    return next(t for t in fig.data if t.name == name)


def warning_text(fig) -> str:
    return " ".join(a.text for a in fig.layout.annotations if a.name == "warning")


def test_one_bar_per_outlet_and_side_at_the_mean_score():
    fig = charts.tone_profile(profile())
    assert [t.name for t in fig.data] == ["nato_west", "russia"]
    assert list(trace(fig, "nato_west").x) == [0.2, 0.2]
    assert list(trace(fig, "russia").x) == [-0.6, None]  # o2 names no Russian actor: no bar
    assert list(trace(fig, "russia").text) == ["n=4", ""]


def test_hover_gives_the_counts():
    hover = trace(charts.tone_profile(profile()), "nato_west").hovertext[0]
    assert "10 sentences naming it, 5 with evaluative words" in hover
    assert "4 positive, 1 negative words (1 flipped by a negator)" in hover
    assert "2 article(s)" in hover
    assert "n=0" in trace(charts.tone_profile(profile()), "russia").hovertext[1]


def test_small_groups_are_hatched_and_warned_about():
    fig = charts.tone_profile(profile())
    assert list(trace(fig, "russia").marker.pattern.shape) == ["/", ""]
    assert list(trace(fig, "nato_west").marker.pattern.shape) == ["", ""]
    assert "1 of 3 bars rest on fewer than 5 sentences" in warning_text(fig)
    assert "Only 1 article for o2" in warning_text(fig)


def test_outlet_names_from_documents():
    documents = pd.DataFrame({"doc_id": ["a"], "outlet_id": ["o1"], "outlet_name": ["Outlet Eins"]})
    assert list(trace(charts.tone_profile(profile(), documents=documents), "nato_west").y) == ["Outlet Eins", "o2"]


def test_escapes_text_from_the_corpus():
    table = profile()
    table.loc[table["side"] == "russia", "side"] = XSS
    documents = pd.DataFrame({"doc_id": ["a"], "outlet_id": ["o1"], "outlet_name": [XSS]})
    dumped = json.dumps(charts.tone_profile(table, documents=documents).to_plotly_json(), default=str)
    assert "<script>" not in dumped and "&lt;script&gt;" in dumped


def test_missing_columns_name_the_stat():
    try:
        charts.tone_profile(pd.DataFrame({"outlet_id": []}))
    except ValueError as error:
        assert "framing.tone_profile(corpus)" in str(error)
    else:
        raise AssertionError("expected a ValueError")


def test_seed_corpus_by_side_and_by_actor(seed_corpus):
    fig = charts.tone_profile(framing.tone_profile(seed_corpus), documents=seed_corpus.documents)
    assert {t.name for t in fig.data} == {"media", "nato_west", "other", "russia", "ukraine"}
    assert "1 article per outlet" in warning_text(fig)
    by_actor = charts.tone_profile(framing.tone_profile(seed_corpus, by="actor"))
    assert "stoltenberg (nato_west)" in {t.name for t in by_actor.data}
