"""The hedges chart: rates per 1,000 words by class and by side, outlets without hedges, warnings, escaping."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import framing
from framing import charts

XSS = "<script>alert(1)</script>"


def hedge_table() -> pd.DataFrame:
    table = pd.DataFrame({
        "doc_id": ["a", "a", "b", "c"],
        "outlet_id": ["sna", "sna", "nau", "sna"],
        "kind": ["distancing", "scare_quotes", "distancing", "distancing"],
        "side": ["russia", None, "other", "russia"],
    })
    # a: 1,000 words, c: 1,000 words (sna: 2,000); b: 500 words; d: an article of nau without hedges, 500 words
    table.attrs["n_words"] = {"a": 1000, "b": 500, "c": 1000, "d": 500}
    table.attrs["outlet_ids"] = {"a": "sna", "b": "nau", "c": "sna", "d": "nau"}
    return table


def trace(fig, name: str):
    return next(t for t in fig.data if t.name == name)


def warning_text(fig) -> str:
    return " ".join(a.text for a in fig.layout.annotations if a.name == "warning")


def test_rates_are_hedges_per_1000_words_of_all_the_outlets_articles():
    fig = charts.hedges(hedge_table())
    distancing = trace(fig, "distancing")
    assert list(distancing.y) == ["nau (n=1)", "sna (n=3)"]
    # nau: 1 hedge in 1,000 words (b + d, d has none); sna: 2 in 2,000
    assert list(distancing.x) == pytest.approx([1.0, 1.0])
    assert list(trace(fig, "scare_quotes").x) == pytest.approx([0.0, 0.5])


def test_side_panel_puts_hedges_without_an_actor_last():
    fig = charts.hedges(hedge_table())
    sides = [t.name for t in fig.data if t.legendgroup == "side"]
    assert sides == ["russia", "other", "(no actor named)"]
    assert list(trace(fig, "(no actor named)").x) == pytest.approx([0.0, 0.5])


def test_hover_gives_counts_and_words():
    fig = charts.hedges(hedge_table())
    assert "sna (n=3): 2 hedges (1.00 per 1,000 words)<br>2,000 words in 2 article(s)" in trace(fig, "distancing").hovertext[1]


def test_counts_when_no_word_counts_are_known():
    table = hedge_table()
    table.attrs = {}
    fig = charts.hedges(table)
    assert list(trace(fig, "distancing").x) == [1.0, 2.0]
    assert "counts are shown" in warning_text(fig)
    assert list(charts.hedges(hedge_table(), per_words=False).data[0].x) == [1.0, 2.0]


def test_words_can_come_from_the_readability_table():
    words = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "n_words": [500, 500, 500, 500]})
    fig = charts.hedges(hedge_table(), words=words)
    assert list(trace(fig, "distancing").x) == pytest.approx([1.0, 2.0])


def test_small_sample_warning():
    assert "Fewer than 5 hedges in every outlet" in warning_text(charts.hedges(hedge_table()))


def test_escapes_ids_from_the_table():
    table = hedge_table()
    table["kind"] = XSS
    dumped = json.dumps(charts.hedges(table).to_plotly_json(), default=str)
    assert XSS not in dumped and "&lt;script&gt;" in dumped


def test_needs_the_hedges_columns():
    with pytest.raises(ValueError, match="framing.hedges"):
        charts.hedges(pd.DataFrame({"doc_id": ["a"]}))


def test_draws_the_seed_corpus_with_every_outlet_and_the_one_article_warning(seed_corpus):
    fig = charts.hedges(framing.hedges(seed_corpus), documents=seed_corpus.documents)
    assert len(trace(fig, "distancing").y) == 5  # CNN and Epoch Times have no hedge but are shown
    assert "1 article per outlet" in warning_text(fig)
    assert "SNA News (n=1)" in trace(fig, "distancing").y


def test_draws_an_empty_table():
    fig = charts.hedges(pd.DataFrame(columns=["doc_id", "outlet_id", "kind", "side"]))
    assert len(fig.data) == 0
