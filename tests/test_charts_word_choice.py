"""Word-choice charts: keyness bars, the term scatter and naming-variant shares."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from framing import charts

XSS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"]


def keyness_table() -> pd.DataFrame:
    table = pd.DataFrame({
        "feature": ["Dialog", "Stoltenberg", XSS[0], "Nato", "Invasion", "Krise"],
        "stat": [5.1, 3.2, 1.0, 0.1, -2.5, -3.9],
        "p": [0.001, 0.01, 0.3, 0.9, 0.02, 0.001],
        "n_target": [9, 7, 1, 10, 0, 0],
        "n_reference": [1, 2, 3, 30, 6, 9],
    })
    table.attrs.update(target="sna", reference=None, measure="logodds", n_target_total=300,
                       n_reference_total=1200, warnings=["sna has only 300 tokens."])
    return table


def naming_table() -> pd.DataFrame:
    return pd.DataFrame({
        "concept": ["situation"] * 4 + ["feared action"] * 3,
        "variant": ["Konflikt", "Krise", "Konflikt", XSS[1], "Invasion", "Einmarsch", "Invasion"],
        "doc_id": ["a", "b", "c", "a", "b", "a", "c"],
        "outlet_id": ["nau", "cnn", "epoch", "nau", "cnn", "nau", "epoch"],
        "n": [2, 1, 1, 1, 1, 1, 3],
    })


def warning_text(fig) -> str:
    return " ".join(a.text for a in fig.layout.annotations if a.name == "warning")


def test_keyness_bars_show_the_top_features_of_each_side():
    fig = charts.keyness(keyness_table(), n=2)
    target, reference = fig.data
    assert list(target.y) == ["Dialog", "Stoltenberg"]
    assert list(reference.y) == ["Krise", "Invasion"]
    assert target.name == "sna" and reference.name == "all others"


def test_keyness_labels_and_hover_carry_counts_and_rates():
    fig = charts.keyness(keyness_table(), n=3)
    target = fig.data[0]
    assert target.text[0] == "9 : 1"
    assert "sna: 9 (300.0 per 10,000 tokens)" in target.hovertext[0]
    assert "all others: 1 (8.3 per 10,000 tokens)" in target.hovertext[0]


def test_keyness_fades_bars_that_are_not_significant():
    fig = charts.keyness(keyness_table(), n=3)
    assert list(fig.data[0].marker.opacity) == [1.0, 1.0, 0.45]


def test_keyness_shows_the_small_sample_warnings_of_the_table():
    assert "sna has only 300 tokens." in warning_text(charts.keyness(keyness_table()))


def test_keyness_escapes_feature_text():
    dumped = json.dumps(charts.keyness(keyness_table()).to_plotly_json(), default=str)
    assert XSS[0] not in dumped and "&lt;script&gt;" in dumped


def test_keyness_needs_the_keyness_columns():
    with pytest.raises(ValueError, match="framing.keyness"):
        charts.keyness(pd.DataFrame({"feature": ["a"]}))


def test_keyness_scatter_places_features_by_rate_and_labels_the_extremes():
    fig = charts.keyness_scatter(keyness_table(), n_labels=1)
    points = fig.data[0]
    assert len(points.x) == 6
    assert points.y[0] == pytest.approx(9 / 300 * 1e4)
    assert points.x[0] == pytest.approx(1 / 1200 * 1e4)
    assert [t for t in points.text if t] == ["Dialog", "Krise"]
    # a feature absent from the target sits at half the smallest non-zero target rate
    assert points.y[4] == pytest.approx(1 / 300 * 1e4 / 2)


def test_naming_draws_shares_per_outlet_that_sum_to_one_hundred_percent():
    fig = charts.naming(naming_table())
    situation = [trace for trace in fig.data if trace.legendgroup == "situation"]
    shares = pd.DataFrame({trace.name: list(trace.x) for trace in situation}, index=list(situation[0].y))
    assert shares.sum(axis=1).round(6).tolist() == [100.0] * len(shares)
    nau = shares.loc["nau (n=3)"]
    assert nau["Konflikt"] == pytest.approx(200 / 3)


def test_naming_puts_variant_and_count_in_each_segment_and_warns_on_few_mentions():
    fig = charts.naming(naming_table())
    texts = [t for trace in fig.data for t in trace.text if t]
    assert "Konflikt 2" in texts and "Invasion 3" in texts
    assert "fewer than 5 mentions" in warning_text(fig)


def test_naming_escapes_variant_names():
    dumped = json.dumps(charts.naming(naming_table()).to_plotly_json(), default=str)
    assert XSS[1] not in dumped and "&lt;img" in dumped


def test_naming_uses_outlet_names_from_the_documents_table():
    documents = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet_id": ["nau", "cnn", "epoch"],
                              "outlet_name": ["Nau.ch", "CNN", "Epoch Times"]})
    fig = charts.naming(naming_table(), documents=documents)
    assert "Nau.ch (n=3)" in fig.data[0].y


def test_naming_shows_the_lexicon_labels_when_given_the_variants_table(seed_corpus):
    import framing

    fig = charts.naming(framing.naming(seed_corpus), variants=framing.naming_variants(seed_corpus),
                        documents=seed_corpus.documents)
    names = {trace.name for trace in fig.data}
    assert "Krieg" in names and "krieg" not in names
    assert "the situation" in [a.text for a in fig.layout.annotations]
