"""Tests of framing.charts: each chart draws its statistic's table, shows counts, warns, escapes."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

import framing
from framing import charts

HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"]


@pytest.fixture(scope="module")
def corpus(seed_corpus):
    return seed_corpus


@pytest.fixture(scope="module")
def scores(corpus):
    return framing.readability(corpus)


@pytest.fixture(scope="module")
def sentence_table(corpus):
    return framing.sentence_lengths(corpus)


def all_strings(fig: go.Figure) -> list[str]:
    """Return every string anywhere in the figure's JSON (data and layout)."""
    found: list[str] = []

    def walk(value):
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)
        elif hasattr(value, "tolist"):
            walk(value.tolist())

    walk(fig.to_plotly_json())
    return found


def warnings_of(fig: go.Figure) -> str:
    return " ".join(a.text for a in fig.layout.annotations if a.name == "warning")


def points(fig: go.Figure, axis: str = "x") -> int:
    return sum(len(getattr(trace, axis)) for trace in fig.data)


def tiny_scores(n_words: list[int], outlets: list[str]) -> pd.DataFrame:
    """A readability table small enough to check by hand."""
    n = len(n_words)
    return pd.DataFrame({
        "doc_id": [f"d{i}" for i in range(n)],
        "outlet_id": outlets,
        "n_sentences": [5] * n,
        "n_words": n_words,
        "n_syllables": [2 * w for w in n_words],
        "n_types": [w // 2 for w in n_words],
        "words_per_sentence": [w / 5 for w in n_words],
        "flesch_amstad": [50.0 + i for i in range(n)],
    })


# --- outlet colours -------------------------------------------------------------------------


def test_outlet_colors_follow_sorted_ids_whatever_the_input_order():
    assert charts.outlet_colors(["sna", "cnn", "sna", "", None]) == {
        "cnn": charts.OUTLET_PALETTE[0], "sna": charts.OUTLET_PALETTE[1],
    }


def test_an_outlet_has_the_same_colour_in_every_chart(corpus, scores, sentence_table):
    def colours(fig):
        return {trace.legendgroup: trace.marker.color for trace in fig.data}

    expected = charts.outlet_colors(scores["outlet_id"])
    assert colours(charts.readability(scores)) == expected
    assert colours(charts.lengths(scores, documents=corpus.documents)) == expected
    assert colours(charts.sentence_lengths(sentence_table)) == expected


def test_colors_option_keeps_an_outlet_colour_when_others_are_missing(scores):
    every = charts.outlet_colors(["cnn", "epoch_times", "euractiv", "nau", "sna", "zdf"])
    fig = charts.readability(scores[scores["outlet_id"] == "sna"], colors=every)
    assert fig.data[0].marker.color == every["sna"]


# --- readability ----------------------------------------------------------------------------


def test_readability_draws_one_bar_per_document_in_one_trace_per_outlet(scores):
    fig = charts.readability(scores)
    assert isinstance(fig, go.Figure)
    assert len(fig.data) == scores["outlet_id"].nunique() == 5
    assert points(fig) == len(scores) == 5
    drawn = {trace.legendgroup: trace.x[0] for trace in fig.data}
    assert drawn == pytest.approx(dict(zip(scores["outlet_id"], scores["flesch_amstad"])))


@pytest.mark.parametrize("metric", sorted(charts.READABILITY_METRICS))
def test_readability_draws_every_supported_metric(scores, metric):
    fig = charts.readability(scores, metric=metric)
    assert sorted(x for trace in fig.data for x in trace.x) == pytest.approx(sorted(scores[metric]))
    assert fig.layout.xaxis.title.text == charts.READABILITY_METRICS[metric]


@pytest.mark.parametrize(
    ("metric", "direction"),
    [("flesch_amstad", "higher = easier"), ("wstf1", "school grade, higher = harder"), ("mtld", "higher = more varied")],
)
def test_readability_axis_title_states_which_way_the_scale_runs(scores, metric, direction):
    assert direction in charts.readability(scores, metric=metric).layout.xaxis.title.text


def test_readability_hover_shows_the_counts_the_score_rests_on(scores):
    fig = charts.readability(scores)
    hover = {trace.legendgroup: trace.hovertext[0] for trace in fig.data}
    for row in scores.itertuples():
        assert f"n_words: {row.n_words:,}" in hover[row.outlet_id]
        assert f"n_sentences: {row.n_sentences:,}" in hover[row.outlet_id]
        assert f"n_syllables: {row.n_syllables:,}" in hover[row.outlet_id]


def test_readability_with_documents_names_outlets_and_shows_titles(corpus, scores):
    fig = charts.readability(scores, documents=corpus.documents)
    assert {trace.name for trace in fig.data} == set(corpus.outlets["name"])
    nau = next(trace for trace in fig.data if trace.legendgroup == "nau")
    assert "Vertreter Russlands und der Nato" in nau.hovertext[0]


def test_readability_warns_on_the_seed_corpus_that_each_outlet_has_one_article(scores):
    assert charts.ONE_PER_OUTLET_WARNING in warnings_of(charts.readability(scores))


def test_readability_warns_about_documents_under_100_words():
    fig = charts.readability(tiny_scores([99, 100, 250, 40], ["a", "a", "b", "b"]))
    text = warnings_of(fig)
    assert "Under 100 words: d0, d3" in text
    assert "1 article per outlet" not in text


def test_readability_without_small_groups_has_no_warning():
    fig = charts.readability(tiny_scores([100, 200, 300, 400], ["a", "a", "b", "b"]))
    assert warnings_of(fig) == ""


def test_readability_of_ttr_warns_that_it_falls_with_length(scores):
    assert "falls as texts get longer" in warnings_of(charts.readability(scores, metric="ttr"))


def test_readability_rejects_an_unknown_metric_listing_the_allowed_ones(scores):
    with pytest.raises(ValueError, match="unknown readability metric 'flesch'") as error:
        charts.readability(scores, metric="flesch")
    for metric in ["flesch_amstad", "wstf1", "wstf4", "words_per_sentence", "mattr", "mtld", "ttr"]:
        assert metric in str(error.value)


def test_readability_names_missing_columns(scores):
    with pytest.raises(ValueError, match="n_syllables"):
        charts.readability(scores.drop(columns="n_syllables"))


def test_readability_escapes_a_hostile_title(scores, corpus):
    documents = corpus.documents.copy()
    documents.loc[0, "title"] = HOSTILE[0]
    text = " ".join(all_strings(charts.readability(scores, documents=documents)))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<script" not in text


# --- lengths --------------------------------------------------------------------------------


def test_lengths_draws_words_per_document_with_sentences_in_label_and_hover(corpus, scores):
    fig = charts.lengths(scores, documents=corpus.documents)
    assert len(fig.data) == 5 and points(fig) == 5
    euractiv = next(trace for trace in fig.data if trace.legendgroup == "euractiv")
    row = scores.set_index("outlet_id").loc["euractiv"]
    assert euractiv.x[0] == row["n_words"]
    assert euractiv.text[0] == f"{row['n_words']} words, {row['n_sentences']} sentences"
    assert f"n_sentences: {row['n_sentences']}" in euractiv.hovertext[0]
    assert f"words per sentence: {row['words_per_sentence']:.1f}" in euractiv.hovertext[0]
    assert charts.ONE_PER_OUTLET_WARNING in warnings_of(fig)


# --- sentence lengths -----------------------------------------------------------------------


def test_sentence_lengths_draws_one_box_per_outlet_and_one_point_per_sentence(sentence_table, scores):
    fig = charts.sentence_lengths(sentence_table)
    assert all(isinstance(trace, go.Box) for trace in fig.data)
    assert len(fig.data) == 5
    assert points(fig, "y") == len(sentence_table)
    # The words in the boxes add up to the words the readability table counts.
    words = {trace.legendgroup: sum(trace.y) for trace in fig.data}
    assert words == dict(zip(scores["outlet_id"], scores["n_words"]))


def test_sentence_lengths_labels_and_hover_carry_the_counts(sentence_table):
    fig = charts.sentence_lengths(sentence_table)
    nau = next(trace for trace in fig.data if trace.legendgroup == "nau")
    n = (sentence_table["outlet_id"] == "nau").sum()
    assert f"{n} sentences, 1 article" in nau.name
    assert nau.hovertext[0].count("n_words: ") == 1
    assert "sentence 1 (headline)" in nau.hovertext[0]
    assert charts.ONE_PER_OUTLET_WARNING in warnings_of(fig)


def test_lengths_and_readability_draw_a_box_per_outlet_above_max_articles(scores):
    for fig in (charts.lengths(scores, max_articles=len(scores) - 1),
                charts.readability(scores, metric="flesch_amstad", max_articles=len(scores) - 1)):
        assert all(isinstance(trace, go.Box) for trace in fig.data)
        assert len(fig.data) == scores["outlet_id"].nunique()
        assert sum(len(trace.y) for trace in fig.data) == len(scores)  # a point per article
        assert all(len(trace.hovertext) == len(trace.y) for trace in fig.data)
        assert "per outlet" in fig.layout.title.text
    assert all(isinstance(trace, go.Bar) for trace in charts.lengths(scores).data)


def test_sentence_lengths_draws_only_outliers_above_max_points(sentence_table):
    fig = charts.sentence_lengths(sentence_table, max_points=len(sentence_table) - 1)
    assert {trace.boxpoints for trace in fig.data} == {"outliers"}
    assert points(fig, "y") == len(sentence_table)  # the boxes still rest on every sentence
    assert f"{len(sentence_table):,} sentences; points: outliers" in fig.layout.title.text
    assert {trace.boxpoints for trace in charts.sentence_lengths(sentence_table).data} == {"all"}


def test_sentence_lengths_escapes_sentence_text():
    table = pd.DataFrame({
        "doc_id": ["d1", "d1"], "outlet_id": ["a", "a"], "sentence_id": [1, 2], "n_words": [3, 4],
        "text": HOSTILE,
    })
    text = " ".join(all_strings(charts.sentence_lengths(table)))
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "<img" not in text and "<script" not in text


# --- cleaning -------------------------------------------------------------------------------


def test_cleaning_stacks_dropped_lines_per_document_by_reason(corpus):
    report = corpus.cleaning
    fig = charts.cleaning(report, documents=corpus.documents)
    assert fig.layout.barmode == "stack"
    assert sorted(trace.name for trace in fig.data) == sorted(report["reason"].unique())
    assert sum(sum(trace.x) for trace in fig.data) == len(report)
    widget = next(trace for trace in fig.data if trace.name == "widget")
    assert list(widget.x) == [int((report["reason"] == "widget").sum())]


def test_cleaning_hover_shows_the_dropped_text_and_counts(corpus):
    fig = charts.cleaning(corpus.cleaning)
    site_label = next(trace for trace in fig.data if trace.name == "site_label")
    assert "l. 2: Das Wichtigste in Kürze" in site_label.hovertext[0]
    assert "site_label: 1 line, 23 characters" in site_label.hovertext[0]


def test_cleaning_truncates_long_lines_and_lists_at_most_a_few():
    report = pd.DataFrame({
        "doc_id": ["d1"] * 10, "line_no": range(1, 11), "text": ["x" * 200] * 10,
        "reason": ["widget"] * 10, "rule_id": ["w"] * 10, "action": ["drop"] * 10,
    })
    hover = charts.cleaning(report).data[0].hovertext[0]
    assert "x" * charts.HOVER_TEXT_CHARS not in hover
    assert f"… and {10 - charts.HOVER_MAX_LINES} more" in hover


def test_cleaning_shows_articles_with_nothing_dropped_when_given_documents():
    documents = pd.DataFrame({"doc_id": ["d1", "d2"], "outlet_id": ["a", "b"]})
    report = pd.DataFrame({
        "doc_id": ["d1"], "line_no": [3], "text": ["Abonnieren"], "reason": ["subscription_prompt"],
        "rule_id": ["subscribe_button"], "action": ["drop"],
    })
    fig = charts.cleaning(report, documents=documents)
    assert list(fig.layout.yaxis.categoryarray) == ["a · d1", "b · d2"]
    assert sorted(a.text for a in fig.layout.annotations if a.name == "total") == ["0", "1"]


def test_cleaning_of_an_empty_report_says_nothing_was_dropped():
    empty = pd.DataFrame(columns=["doc_id", "line_no", "text", "reason", "rule_id", "action"])
    fig = charts.cleaning(empty)
    assert len(fig.data) == 0
    assert any(a.text == "No lines were dropped." for a in fig.layout.annotations)


def test_cleaning_escapes_dropped_article_text():
    report = pd.DataFrame({
        "doc_id": ["d1", "d1"], "line_no": [4, 5], "text": HOSTILE, "reason": ["widget", "widget"],
        "rule_id": ["widget_label", "widget_label"], "action": ["drop", "drop"],
    })
    fig = charts.cleaning(report)
    hover = fig.data[0].hovertext[0]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hover
    assert "&lt;img src=x onerror=alert(1)&gt;" in hover
    text = " ".join(all_strings(fig))
    assert "<script" not in text and "<img" not in text
